"use client";
// A small button that copies a value (a run id) and says "Copied" for a moment. The accessible
// name stays the action ("Copy run id"); the result is announced through a polite status.
// navigator.clipboard needs a secure origin (https or localhost): elsewhere a hidden textarea and
// the older copy command stand in.
import { useEffect, useState } from "react";
import { Check, Copy } from "./icons";

const SHOWN_MS = 2000;

type CopyState = "idle" | "copied" | "failed";

async function copyText(value: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(value);
    return true;
  } catch {
    const area = document.createElement("textarea");
    area.value = value;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    try {
      return document.execCommand("copy");
    } catch {
      return false;
    } finally {
      area.remove();
    }
  }
}

/** `compact`: the status is for screen readers only (a narrow table cell); the check mark shows it. */
export function CopyButton({ value, label, compact = false, className = "" }: { value: string; label: string; compact?: boolean; className?: string }) {
  const [state, setState] = useState<CopyState>("idle");
  useEffect(() => {
    if (state === "idle") return;
    const timer = setTimeout(() => setState("idle"), SHOWN_MS);
    return () => clearTimeout(timer);
  }, [state]);

  return (
    <span className={`inline-flex items-center gap-1 ${className}`}>
      <button
        type="button"
        aria-label={label}
        title={label}
        onClick={async (event) => {
          // In a row that is a link as a whole, copying must not also open the run.
          event.stopPropagation();
          setState((await copyText(value)) ? "copied" : "failed");
        }}
        className="inline-flex size-6 items-center justify-center rounded text-slate-500 hover:bg-slate-100 hover:text-slate-800 focus-visible:outline-2 focus-visible:outline-indigo-500 dark:text-slate-400 dark:hover:bg-slate-800 dark:hover:text-slate-100"
      >
        {state === "copied" ? <Check className="size-3.5 text-emerald-600 dark:text-emerald-400" /> : <Copy className="size-3.5" />}
      </button>
      <span role="status" className={`text-xs ${compact ? "sr-only" : ""} ${state === "failed" ? "text-red-600 dark:text-red-400" : "text-emerald-700 dark:text-emerald-400"}`}>
        {state === "copied" ? "Copied" : state === "failed" ? "Copy failed: select the id by hand" : ""}
      </span>
    </span>
  );
}
