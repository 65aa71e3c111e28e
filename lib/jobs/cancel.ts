// Cooperative cancellation (PRODUCT.md "Job semantics" 6).
// A pending run is cancelled at once and its queued job is cancelled so it never starts. A running
// run gets `cancel_requested_at`; its worker sees that within a second (worker/run-executor.ts),
// whichever web process took the request, and the run ends `cancelled` when the handler returns.
import { AppError } from "@/lib/api/errors";
import { prisma } from "@/lib/db";
import { queueName } from "@/lib/jobs/catalog";
import { getSenderBoss } from "@/lib/jobs/queue";
import { getRun, type RunRecord } from "@/lib/jobs/runs";
import { enqueueRunNotifications } from "@/lib/notify/outbox";

export async function cancelRun(runId: string): Promise<RunRecord> {
  const now = new Date();
  const [cancelledWhilePending] = await prisma.jobRun.updateManyAndReturn({
    where: { id: runId, status: "pending" },
    data: { status: "cancelled", cancelRequestedAt: now, finishedAt: now },
  });
  if (cancelledWhilePending) {
    if (cancelledWhilePending.queueJobId) {
      const boss = await getSenderBoss();
      // Best effort: a job that still starts finds its run no longer pending and does nothing.
      await boss.cancel(queueName(cancelledWhilePending.type), cancelledWhilePending.queueJobId).catch(() => undefined);
    }
    await enqueueRunNotifications(runId);
    return (await getRun(runId))!;
  }

  await prisma.jobRun.updateMany({
    where: { id: runId, status: "running", cancelRequestedAt: null },
    data: { cancelRequestedAt: now },
  });
  const run = await getRun(runId);
  if (!run) throw new AppError("not_found", "Run not found");
  if (run.status !== "running" && run.status !== "pending") {
    throw new AppError("conflict", `Run has already finished (${run.status}); only pending or running runs can be cancelled`, {
      details: { status: run.status },
    });
  }
  return run;
}
