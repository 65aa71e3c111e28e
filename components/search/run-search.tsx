"use client";
// "Find a run" in the header of every project page (issue 19): a whole run id or its first few hex
// digits, as pasted from a log, an email or the CLI. One match opens the run; several are listed;
// none says so. It asks the runs list's id filter, a range of the primary key at any history.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { StatusBadge } from "@/components/ui/status-badge";
import { Time } from "@/components/ui/time";
import { isIdPrefix } from "@/components/runs/run-filters";
import { jobTypeLabel } from "@/lib/jobs/labels";
import { listRuns, type ApiRun } from "../api";

const SHOWN = 5;

type Answer = { kind: "none"; prefix: string } | { kind: "several"; prefix: string; runs: ApiRun[]; more: boolean } | { kind: "invalid" } | { kind: "error"; message: string };

export function RunSearch({ project }: { project: { id: string; slug: string } }) {
  const router = useRouter();
  const [value, setValue] = useState("");
  const [answer, setAnswer] = useState<Answer | null>(null);
  const [searching, setSearching] = useState(false);
  // On a phone the header has no room for the field: a button opens it as a panel under the header.
  const [expanded, setExpanded] = useState(false);
  const resultsId = useId();

  async function find(event: React.FormEvent) {
    event.preventDefault();
    const prefix = value.trim();
    if (!isIdPrefix(prefix)) return setAnswer({ kind: "invalid" });
    setSearching(true);
    try {
      const { runs, nextCursor } = await listRuns(project.id, { id: prefix }, undefined, SHOWN);
      if (runs.length === 1 && !nextCursor) {
        setAnswer(null);
        setValue("");
        router.push(`/projects/${project.slug}/runs/${runs[0]!.id}`);
      } else if (runs.length === 0) setAnswer({ kind: "none", prefix });
      else setAnswer({ kind: "several", prefix, runs, more: nextCursor !== null });
    } catch (error) {
      setAnswer({ kind: "error", message: error instanceof Error ? error.message : String(error) });
    } finally {
      setSearching(false);
    }
  }

  return (
    <>
    <button
      type="button"
      onClick={() => setExpanded((open) => !open)}
      aria-expanded={expanded}
      aria-label="Find a run by its id"
      className="rounded-md p-1.5 text-slate-600 hover:bg-slate-100 sm:hidden dark:text-slate-300 dark:hover:bg-slate-800"
    >
      <svg aria-hidden="true" viewBox="0 0 20 20" fill="none" stroke="currentColor" strokeWidth="1.8" className="size-5">
        <circle cx="8.5" cy="8.5" r="5.5" />
        <path d="m13 13 4 4" strokeLinecap="round" />
      </svg>
    </button>
    <form
      role="search"
      aria-label="Find a run"
      onSubmit={find}
      className={`${expanded ? "absolute inset-x-3 top-14 z-30 block rounded-lg border border-slate-200 bg-white p-2 shadow-lg dark:border-slate-700 dark:bg-slate-900" : "hidden"} sm:relative sm:inset-auto sm:top-auto sm:block sm:border-0 sm:bg-transparent sm:p-0 sm:shadow-none`}
    >
      <input
        type="search"
        aria-label="Find a run by its id"
        aria-describedby={answer ? resultsId : undefined}
        placeholder="Find run id…"
        value={value}
        onChange={(event) => {
          setValue(event.target.value);
          setAnswer(null);
        }}
        onKeyDown={(event) => {
          if (event.key === "Escape") setAnswer(null);
        }}
        disabled={searching}
        autoFocus={expanded}
        className="w-full rounded-md border border-slate-300 bg-white px-2.5 py-1.5 font-mono text-xs shadow-sm placeholder:font-sans placeholder:text-slate-500 focus:border-indigo-500 focus:ring-2 focus:ring-indigo-500/30 focus:outline-none sm:w-48 dark:border-slate-700 dark:bg-slate-900 dark:placeholder:text-slate-400"
      />
      {answer && (
        <div
          id={resultsId}
          role="status"
          className="absolute right-0 z-30 mt-1 w-[min(22rem,calc(100vw-2rem))] rounded-lg border border-slate-200 bg-white p-2 text-sm shadow-lg dark:border-slate-700 dark:bg-slate-900"
        >
          {answer.kind === "invalid" && <p className="p-1 text-slate-700 dark:text-slate-300">Type a run id, or its first 4 or more hex digits.</p>}
          {answer.kind === "error" && <p className="p-1 text-red-700 dark:text-red-300">Could not search: {answer.message}</p>}
          {answer.kind === "none" && (
            <p className="p-1 text-slate-700 dark:text-slate-300">
              No run starts with <span className="font-mono">{answer.prefix}</span> in this project.
            </p>
          )}
          {answer.kind === "several" && (
            <>
              <p className="p-1 text-xs text-slate-600 dark:text-slate-400">
                {answer.more ? `More than ${SHOWN}` : answer.runs.length} runs start with <span className="font-mono">{answer.prefix}</span>:
              </p>
              <ul aria-label="Matching runs" className="mt-1">
                {answer.runs.map((run) => (
                  <li key={run.id}>
                    <Link
                      href={`/projects/${project.slug}/runs/${run.id}`}
                      onClick={() => setAnswer(null)}
                      className="flex items-center gap-2 rounded-md px-1.5 py-1.5 hover:bg-slate-100 dark:hover:bg-slate-800"
                    >
                      <StatusBadge status={run.status} />
                      <span className="min-w-0 flex-1 truncate">{jobTypeLabel(run.type)}</span>
                      <span className="font-mono text-xs text-slate-600 dark:text-slate-400">{run.id.slice(0, 8)}</span>
                      <span className="text-xs whitespace-nowrap text-slate-600 dark:text-slate-400">
                        <Time value={run.createdAt} />
                      </span>
                    </Link>
                  </li>
                ))}
              </ul>
              {answer.more && (
                <Link href={`/projects/${project.slug}/runs?id=${encodeURIComponent(answer.prefix)}`} onClick={() => setAnswer(null)} className="mt-1 block px-1.5 py-1 text-xs font-medium text-indigo-700 hover:underline dark:text-indigo-300">
                  All runs starting with {answer.prefix} →
                </Link>
              )}
            </>
          )}
        </div>
      )}
    </form>
    </>
  );
}
