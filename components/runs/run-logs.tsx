"use client";
// A run's log on its page: every line so far, then the new ones as the handler writes them (asked
// for a second apart while the run is active, from the last line seen), until the run has ended
// and its last line is read. Newest at the bottom, following it unless the reader scrolled up.
import { useEffect, useRef, useState } from "react";
import { getRunLogs, type RunLogLine } from "../api";

const FOLLOW_MS = 1000;
const levelClass: Record<RunLogLine["level"], string> = {
  info: "text-slate-700 dark:text-slate-300",
  warn: "text-amber-800 dark:text-amber-300",
  error: "text-red-700 dark:text-red-300",
};

export function RunLogs({ runId, active }: { runId: string; active: boolean }) {
  const [lines, setLines] = useState<RunLogLine[]>([]);
  const [complete, setComplete] = useState(false);
  const [failed, setFailed] = useState<string | null>(null);
  const cursor = useRef<string | null>(null);
  const box = useRef<HTMLDivElement>(null);
  const pinned = useRef(true);

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const read = async () => {
      try {
        const page = await getRunLogs(runId, cursor.current);
        if (stopped) return;
        cursor.current = page.nextCursor;
        if (page.logs.length > 0) setLines((previous) => [...previous, ...page.logs]);
        setFailed(null);
        if (page.complete) return setComplete(true);
        timer = setTimeout(read, page.hasMore ? 0 : FOLLOW_MS);
      } catch (error) {
        if (stopped) return;
        setFailed(error instanceof Error ? error.message : String(error));
        timer = setTimeout(read, FOLLOW_MS * 3);
      }
    };
    void read();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [runId]);

  useEffect(() => {
    if (pinned.current && box.current) box.current.scrollTop = box.current.scrollHeight;
  }, [lines]);

  return (
    <section aria-labelledby="logs-heading" className="rounded-xl border border-slate-200 bg-white p-5 dark:border-slate-800 dark:bg-slate-900">
      <div className="flex items-baseline justify-between gap-3">
        <h2 id="logs-heading" className="text-sm font-semibold">
          Log
        </h2>
        <span className="text-xs text-slate-500 dark:text-slate-400" aria-live="polite">
          {lines.length === 1 ? "1 line" : `${lines.length.toLocaleString("en-US")} lines`}
          {!complete && active ? " · following" : ""}
        </span>
      </div>
      {failed && <p className="mt-2 text-xs text-red-700 dark:text-red-300">Could not load the log: {failed}</p>}
      {lines.length === 0 ? (
        <p className="mt-2 text-sm text-slate-500 dark:text-slate-400">{complete || !active ? "This run wrote no log lines." : "No lines yet."}</p>
      ) : (
        <div
          ref={box}
          role="log"
          aria-label="Run log"
          // It scrolls: reachable by keyboard, so its lines can be scrolled without a mouse.
          tabIndex={0}
          onScroll={(event) => {
            const element = event.currentTarget;
            pinned.current = element.scrollHeight - element.scrollTop - element.clientHeight < 24;
          }}
          className="mt-3 max-h-96 overflow-auto rounded-lg bg-slate-50 p-3 font-mono text-xs focus-visible:outline-2 focus-visible:outline-indigo-500 dark:bg-slate-950"
        >
          {lines.map((line) => (
            <div key={line.id} className={`whitespace-pre-wrap [overflow-wrap:anywhere] ${levelClass[line.level]}`} data-level={line.level}>
              <time dateTime={line.at} className="text-slate-500 dark:text-slate-400">
                {line.at.slice(11, 23)}
              </time>{" "}
              {line.level !== "info" && <span className="font-semibold uppercase">{line.level} </span>}
              <span data-log-message>{line.message}</span>
              {line.fields && <span className="text-slate-500 dark:text-slate-400"> {Object.entries(line.fields).map(([key, value]) => `${key}=${JSON.stringify(value)}`).join(" ")}</span>}
            </div>
          ))}
        </div>
      )}
    </section>
  );
}
