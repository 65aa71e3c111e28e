import type { Metadata } from "next";
import { LogoutForm } from "@/components/auth/logout-form";

export const metadata: Metadata = { title: "Sign out" };

export default function LogoutPage() {
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm rounded-lg border border-slate-200 bg-white p-6 text-center shadow-sm dark:border-slate-800 dark:bg-slate-900">
        <h1 className="text-lg font-semibold">Sign out of Taskdeck?</h1>
        <p className="mt-2 mb-5 text-sm text-slate-600 dark:text-slate-400">Jobs keep running; you can come back to them any time.</p>
        <LogoutForm />
      </div>
    </main>
  );
}
