// /logout opened directly (a bookmark, an old link): a confirmation in the login page's layout. The
// account menu's Sign out does not come here: it signs out in one step.
import type { Metadata } from "next";
import { LogoutForm } from "@/components/auth/logout-form";
import { Logo } from "@/components/ui/icons";

export const metadata: Metadata = { title: "Sign out" };

export default function LogoutPage() {
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm">
        <Logo className="mb-5 size-10" />
        <h1 className="mb-1 text-2xl font-semibold tracking-tight">Sign out of Taskdeck?</h1>
        <p className="mb-6 text-sm text-slate-600 dark:text-slate-400">Jobs keep running; you can come back to them any time.</p>
        <LogoutForm />
      </div>
    </main>
  );
}
