-- How many of each project's runs were ever deleted (retention, project deletion), so the runs'
-- version (lib/jobs/runs.ts runsVersion) notices a delete without counting the project's history.
-- Kept by a statement-level trigger: one row update per project per DELETE statement, however
-- many runs it removes.
CREATE TABLE "job_run_deletions" (
    "project_id" UUID NOT NULL,
    "deleted" BIGINT NOT NULL DEFAULT 0,
    CONSTRAINT "job_run_deletions_pkey" PRIMARY KEY ("project_id")
);

CREATE FUNCTION "job_runs_count_deletions"() RETURNS trigger AS $$
BEGIN
  INSERT INTO job_run_deletions AS d (project_id, deleted)
    SELECT project_id, count(*) FROM removed WHERE project_id IS NOT NULL GROUP BY project_id
  ON CONFLICT (project_id) DO UPDATE SET deleted = d.deleted + excluded.deleted;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "job_runs_count_deletions" AFTER DELETE ON "job_runs"
  REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION "job_runs_count_deletions"();
