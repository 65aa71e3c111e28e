// Unknown addresses, and projects, teams and runs the viewer may not see (never revealed as such).
import Link from "next/link";
import { Logo } from "@/components/ui/icons";

export default function NotFound() {
  return (
    <main className="flex min-h-[70vh] flex-col items-center justify-center px-4 text-center">
      <Logo className="size-10" />
      <h1 className="mt-4 text-xl font-semibold">Nothing here</h1>
      <p className="mt-2 max-w-sm text-sm text-slate-600 dark:text-slate-400">This page does not exist, or it belongs to a team you are not part of.</p>
      <Link href="/" className="mt-5 text-sm font-medium text-indigo-700 hover:underline dark:text-indigo-300">
        Back to your projects
      </Link>
    </main>
  );
}
