-- "A job type's latest runs in a project" (the Tasks page's job-type cards: last run, recent
-- success rate; lib/dashboard/job-type-stats.ts). Without it each type walked the project's runs
-- newest first until it found its own: the whole history for a type that never ran there.
CREATE INDEX "job_runs_project_id_type_created_at_idx" ON "job_runs"("project_id", "type", "created_at" DESC);
