import "server-only";
// An MCP tool's optional wait for the run it started: the run is read every half second until it
// ends, the wait runs out, or the client goes away; its progress goes to the client as MCP progress
// notifications, which must increase, so only a higher processed count is sent. The run goes on
// whatever happens to the wait.
import { getRun } from "@/lib/api/abilities";
import type { Actor } from "@/lib/auth/access";
import type { ApiRun } from "@/lib/jobs/schemas";

// How often a waiting tool reads its run: the CLI's --wait pace.
const POLL_MS = 500;

export type WaitReporter = (progress: { progress: number; total?: number; message?: string }) => Promise<void>;

const ended = (run: ApiRun) => run.status === "completed" || run.status === "failed" || run.status === "cancelled";

export async function waitForRunEnd(actor: Actor, runId: string, seconds: number, report: WaitReporter, signal: AbortSignal) {
  const deadline = Date.now() + seconds * 1000;
  let reported = -1;
  for (;;) {
    const { run } = await getRun(actor, runId);
    if (run.progress.processed > reported) {
      reported = run.progress.processed;
      await report({
        progress: run.progress.processed,
        ...(run.progress.total !== null ? { total: run.progress.total } : {}),
        ...(run.progress.message !== null ? { message: run.progress.message } : {}),
      }).catch(() => undefined);
    }
    if (ended(run)) return { run, waited: { ended: true } };
    if (Date.now() >= deadline || signal.aborted) {
      return { run, waited: { ended: false, note: `Still ${run.status} after ${seconds} s; the run goes on. Follow it with get-run.` } };
    }
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, POLL_MS);
      signal.addEventListener("abort", () => (clearTimeout(timer), resolve()), { once: true });
    });
  }
}
