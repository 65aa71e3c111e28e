// Schedule occurrences become runs (PRODUCT.md "Job semantics" 9 and 12). A project's interval
// starts that project's run; a type's own cron starts one run belonging to no project (a system run
// or a fan-out), or, for types whose cron reaches each project, one visible run per eligible
// project. An occurrence that finds the run it would start still active is skipped and recorded.
import { AppError } from "@/lib/errors";
import { eligibleProjects } from "@/lib/jobs/eligibility";
import { recordSkip, type Occurrence } from "@/lib/jobs/schedules";
import type { JobService } from "@/lib/jobs/service";
import type { Catalog } from "@/lib/jobs/define-catalog";
import { log } from "./logger";

export async function handleOccurrence(service: JobService<Catalog>, occurrence: Occurrence): Promise<void> {
  const definition = service.catalog.get(occurrence.type);
  if (!definition) throw new Error(`A schedule fired for "${occurrence.type}", which this worker's catalog does not have`);
  if (occurrence.projectId === null && definition.schedule?.reach === "each_project") {
    // One project's trouble (it was deleted meanwhile) does not keep the others from their run.
    for (const project of await eligibleProjects(definition.schedule.eligible!)) {
      await startOrSkip(service, { type: occurrence.type, projectId: project.id }).catch((error: unknown) =>
        log("error", "scheduled run not started", { type: occurrence.type, projectId: project.id, error: error instanceof Error ? error.message : String(error) }),
      );
    }
    return;
  }
  await startOrSkip(service, occurrence);
}

async function startOrSkip(service: JobService<Catalog>, occurrence: Occurrence): Promise<void> {
  try {
    await service.triggerFrom("schedule", { type: occurrence.type, projectId: occurrence.projectId, source: { kind: "schedule" } });
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== "job_already_running") throw error;
    // The previous run is still going: this occurrence is skipped, and the skip recorded.
    await recordSkip(occurrence, (error.details?.existingRunId as string | null) ?? null);
    log("info", "schedule occurrence skipped: a run is still active", { type: occurrence.type, projectId: occurrence.projectId ?? "-" });
  }
}
