import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { safeCallbackPath } from "@/lib/auth/callback";
import { getSessionUser } from "@/lib/auth/session";
import { LoginForm } from "@/components/auth/login-form";
import { Logo } from "@/components/ui/icons";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  const { callbackUrl } = await searchParams;
  // Only same-site paths: a login link must not bounce people to another site.
  const target = safeCallbackPath(callbackUrl);
  if (await getSessionUser()) redirect(target);
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm">
        <Logo className="mb-5 size-10" />
        <h1 className="mb-1 text-2xl font-semibold tracking-tight">Sign in to Taskdeck</h1>
        <p className="mb-6 text-sm text-slate-600 dark:text-slate-400">Run, watch and retry your background jobs.</p>
        <LoginForm callbackUrl={target} />
      </div>
    </main>
  );
}
