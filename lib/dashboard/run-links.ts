// What the run detail page shows beyond the API's run: the run it retries, its retries, and the
// error's stack for those who may see it.
import { prisma } from "@/lib/db/prisma";
import type { RunStatus } from "@/lib/jobs/schemas";

export interface RunLinks {
  retryOf: { id: string; status: RunStatus; createdAt: string } | null;
  retries: Array<{ id: string; status: RunStatus; createdAt: string }>;
}

export async function runLinks(run: { id: string; retryOfId: string | null }): Promise<RunLinks> {
  const [retryOf, retries] = await Promise.all([
    run.retryOfId ? prisma.jobRun.findUnique({ where: { id: run.retryOfId }, select: { id: true, status: true, createdAt: true } }) : null,
    prisma.jobRun.findMany({ where: { retryOfId: run.id }, orderBy: { createdAt: "asc" }, select: { id: true, status: true, createdAt: true } }),
  ]);
  const brief = (row: { id: string; status: RunStatus; createdAt: Date }) => ({ id: row.id, status: row.status, createdAt: row.createdAt.toISOString() });
  return { retryOf: retryOf ? brief(retryOf) : null, retries: retries.map(brief) };
}
