"use client";
// A new key, shown this one time, with a copy button and how to use it.
import { useId, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import type { CreatedKey } from "./create-key-form";

interface NewKeyPanelProps {
  created: CreatedKey;
  /** Commands or a request that use the key. */
  usage: string;
  testId?: string;
  onDismiss: () => void;
}

export function NewKeyPanel({ created, usage, testId = "new-api-key", onDismiss }: NewKeyPanelProps) {
  const headingId = useId();
  const shown = useRef<HTMLElement>(null);
  const [copied, setCopied] = useState<"no" | "yes" | "select">("no");
  async function copy() {
    try {
      await navigator.clipboard.writeText(created.key);
      setCopied("yes");
    } catch {
      // No clipboard access (an insecure origin, a denied permission): select the key to copy by hand.
      const range = document.createRange();
      if (shown.current) range.selectNodeContents(shown.current);
      window.getSelection()?.removeAllRanges();
      window.getSelection()?.addRange(range);
      setCopied("select");
    }
  }
  return (
    <section aria-labelledby={headingId} className="rounded-lg border border-emerald-300 bg-emerald-50 p-5 dark:border-emerald-800 dark:bg-emerald-950/60">
      <h2 id={headingId} className="text-base font-semibold text-emerald-900 dark:text-emerald-100">
        Your new key “{created.name}”
      </h2>
      <p className="mt-1 text-sm text-emerald-900 dark:text-emerald-200">Copy it now: it is shown only this once. Taskdeck keeps only a hash of it.</p>
      <div className="mt-3 flex flex-wrap items-center gap-2">
        <code ref={shown} data-testid={testId} className="min-w-0 flex-1 break-all rounded-md border border-emerald-300 bg-white px-3 py-2 font-mono text-sm dark:border-emerald-800 dark:bg-slate-950">
          {created.key}
        </code>
        <Button onClick={copy}>{copied === "yes" ? "Copied" : copied === "select" ? "Selected: press Ctrl+C" : "Copy key"}</Button>
        <Button variant="ghost" onClick={onDismiss}>
          Done
        </Button>
      </div>
      <pre className="mt-3 overflow-x-auto rounded-md bg-slate-900 p-3 text-xs text-slate-100">{usage}</pre>
    </section>
  );
}
