"use client";
// The new key, shown this one time, with a copy button and how to use it with curl and the CLI.
import { useState } from "react";
import { Button } from "@/components/ui/button";
import type { CreatedKey } from "./create-key-form";

export function NewKeyPanel({ created, serverUrl, onDismiss }: { created: CreatedKey; serverUrl: string; onDismiss: () => void }) {
  const [copied, setCopied] = useState<"no" | "yes" | "select">("no");
  async function copy() {
    try {
      await navigator.clipboard.writeText(created.key);
      setCopied("yes");
    } catch {
      // No clipboard access (an insecure origin, a denied permission): select the key to copy by hand.
      const range = document.createRange();
      range.selectNodeContents(document.querySelector("[data-testid=new-api-key]")!);
      window.getSelection()?.removeAllRanges();
      window.getSelection()?.addRange(range);
      setCopied("select");
    }
  }
  return (
    <section aria-labelledby="new-key-heading" className="rounded-lg border border-emerald-300 bg-emerald-50 p-5 dark:border-emerald-800 dark:bg-emerald-950/60">
      <h2 id="new-key-heading" className="text-base font-semibold text-emerald-900 dark:text-emerald-100">
        Your new key “{created.name}”
      </h2>
      <p className="mt-1 text-sm text-emerald-900 dark:text-emerald-200">Copy it now: it is shown only this once. Taskdeck keeps only a hash of it.</p>
      <div className="mt-3 flex flex-wrap items-center gap-2">
        <code data-testid="new-api-key" className="min-w-0 flex-1 break-all rounded-md border border-emerald-300 bg-white px-3 py-2 font-mono text-sm dark:border-emerald-800 dark:bg-slate-950">
          {created.key}
        </code>
        <Button onClick={copy}>{copied === "yes" ? "Copied" : copied === "select" ? "Selected: press Ctrl+C" : "Copy key"}</Button>
        <Button variant="ghost" onClick={onDismiss}>
          Done
        </Button>
      </div>
      <pre className="mt-3 overflow-x-auto rounded-md bg-slate-900 p-3 text-xs text-slate-100">
        {`export TASKDECK_URL=${serverUrl}\nexport TASKDECK_API_KEY=${created.key}\nnpx taskdeck jobs types --project <project>\ncurl -H "Authorization: Bearer $TASKDECK_API_KEY" $TASKDECK_URL/api/v1/projects`}
      </pre>
    </section>
  );
}
