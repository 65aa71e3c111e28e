"use client";
// A webhook's signing secret, shown this one time (when the webhook is made or its secret rolled),
// with a copy button and how a receiver checks a delivery with it.
import { useState } from "react";
import { Button } from "@/components/ui/button";

export function SecretPanel({ secret, title, onDismiss }: { secret: string; title: string; onDismiss: () => void }) {
  const [copied, setCopied] = useState<"no" | "yes" | "select">("no");
  async function copy() {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied("yes");
    } catch {
      // No clipboard access (an insecure origin, a denied permission): select it to copy by hand.
      const range = document.createRange();
      range.selectNodeContents(document.querySelector("[data-testid=webhook-secret]")!);
      window.getSelection()?.removeAllRanges();
      window.getSelection()?.addRange(range);
      setCopied("select");
    }
  }
  return (
    <section aria-labelledby="webhook-secret-heading" className="rounded-lg border border-emerald-300 bg-emerald-50 p-5 dark:border-emerald-800 dark:bg-emerald-950/60">
      <h2 id="webhook-secret-heading" className="text-base font-semibold text-emerald-900 dark:text-emerald-100">
        {title}
      </h2>
      <p className="mt-1 text-sm text-emerald-900 dark:text-emerald-200">Copy it now: it is shown only this once. Your receiver uses it to check that a delivery came from Taskdeck.</p>
      <div className="mt-3 flex flex-wrap items-center gap-2">
        <code data-testid="webhook-secret" className="min-w-0 flex-1 break-all rounded-md border border-emerald-300 bg-white px-3 py-2 font-mono text-sm dark:border-emerald-800 dark:bg-slate-950">
          {secret}
        </code>
        <Button onClick={copy}>{copied === "yes" ? "Copied" : copied === "select" ? "Selected: press Ctrl+C" : "Copy secret"}</Button>
        <Button variant="ghost" onClick={onDismiss}>
          Done
        </Button>
      </div>
      <pre className="mt-3 overflow-x-auto rounded-md bg-slate-900 p-3 text-xs text-slate-100">
        {`# Each delivery carries  X-Taskdeck-Signature: t=<unix seconds>,v1=<hex>\n# v1 = HMAC-SHA256(secret, "<t>.<raw body>"); refuse t older than 5 minutes (replays)\nexpected = hmac_sha256(secret, t + "." + raw_body).hex()`}
      </pre>
    </section>
  );
}
