-- A failure group's "Retry all" (lib/jobs/bulk.ts, docs/decisions/026-bulk-actions.md): the group's
-- failed runs are retried one after another, since a type has at most one pending or running run
-- per project. The row remembers which group, which window and who asked; which runs are left is
-- read from job_runs (failed, in the group, created in the window before the request, and not yet
-- retried), so a retry made by hand meanwhile is never repeated.
CREATE TABLE "bulk_retries" (
  "id" UUID NOT NULL,
  "project_id" UUID NOT NULL,
  "type" TEXT NOT NULL,
  "fingerprint" UUID NOT NULL,
  "window_from" TIMESTAMPTZ(3),
  "requested_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "requested_by_user_id" UUID,
  "requested_by_api_key_id" UUID,
  "planned" INTEGER NOT NULL,
  "retried" INTEGER NOT NULL DEFAULT 0,
  "finished_at" TIMESTAMPTZ(3),
  CONSTRAINT "bulk_retries_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "bulk_retries_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
-- "The open group retries of this type in this project", asked after every run ends.
CREATE INDEX "bulk_retries_open_idx" ON "bulk_retries" ("project_id", "type") WHERE "finished_at" IS NULL;
