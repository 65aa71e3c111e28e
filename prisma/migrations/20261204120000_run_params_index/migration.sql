-- "Runs whose params have this value" (GET …/runs?param=reviewId=123, the Runs page's params
-- filter; lib/jobs/runs.ts paramMatches): jsonb containment, answered from this index instead of
-- walking a project's whole history for a rare value. jsonb_path_ops: smaller and faster for @>,
-- the only operator the filter uses.
CREATE INDEX "job_runs_params_idx" ON "job_runs" USING GIN ("params" jsonb_path_ops);
