// Any run as the server owner reads it: everything the API shows plus the error's stack, which
// only the server owner sees (`admin runs show`, `admin system-jobs show`). Loaded by those
// commands when they run: it reads the database.
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { getRun, toApiRun, type RunRecord } from "@/lib/jobs/runs";
import { createOutput, runSummary } from "../output";

export async function findRun(runId: string): Promise<RunRecord> {
  const run = z.uuid().safeParse(runId).success ? await getRun(runId) : null;
  if (!run) throw new AppError("not_found", `No run ${runId}`);
  return run;
}

/** The run's summary with its stack, as text and as JSON. */
export function showRunWithStack(found: RunRecord, json: boolean): void {
  const text = runSummary(toApiRun(found)) + (found.errorStack ? `\n  stack\n${found.errorStack.replace(/^/gm, "    ")}` : "");
  createOutput(json).result(text, { run: { ...toApiRun(found), errorStack: found.errorStack } });
}
