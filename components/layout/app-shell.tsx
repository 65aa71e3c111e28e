// The frame around every signed-in page: brand, current project, who is signed in.
import Link from "next/link";

interface AppShellProps {
  user: { email: string; name: string | null };
  project?: { name: string; slug: string };
  /** The team's API keys page, for those who may manage keys. */
  apiKeysHref?: string;
  children: React.ReactNode;
}

export function AppShell({ user, project, apiKeysHref, children }: AppShellProps) {
  return (
    <div className="min-h-screen">
      <header className="border-b border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
        <div className="mx-auto flex max-w-5xl items-center justify-between gap-4 px-4 py-3">
          <nav aria-label="Main" className="flex items-center gap-3 text-sm">
            <Link href="/" className="font-semibold tracking-tight text-indigo-600 dark:text-indigo-400">
              Taskdeck
            </Link>
            {project && (
              <>
                <span aria-hidden className="text-slate-400">/</span>
                <span className="font-medium">{project.name}</span>
                <span aria-hidden className="text-slate-400">/</span>
                <Link href={`/projects/${project.slug}/tasks`} className="text-slate-600 hover:text-slate-900 dark:text-slate-300">
                  Tasks
                </Link>
              </>
            )}
          </nav>
          <div className="flex items-center gap-3 text-sm">
            {apiKeysHref && (
              <Link href={apiKeysHref} className="text-slate-600 hover:text-slate-900 dark:text-slate-300">
                API keys
              </Link>
            )}
            <span className="hidden text-slate-600 sm:inline dark:text-slate-400">{user.name ?? user.email}</span>
            <Link
              href="/logout"
              className="rounded-md border border-slate-300 px-2.5 py-1 text-slate-700 hover:bg-slate-100 dark:border-slate-700 dark:text-slate-200 dark:hover:bg-slate-800"
            >
              Sign out
            </Link>
          </div>
        </div>
      </header>
      <main className="mx-auto max-w-5xl px-4 py-8">{children}</main>
    </div>
  );
}
