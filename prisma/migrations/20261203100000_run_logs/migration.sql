-- A run's log lines (issue 19): what its handler logged and how it ended, bounded per run by the
-- writer (lib/jobs/run-logs.ts), read in id order after a cursor, deleted with the run.
CREATE TABLE "run_logs" (
    "id" BIGSERIAL NOT NULL,
    "run_id" UUID NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "level" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "fields" JSONB,
    CONSTRAINT "run_logs_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "run_logs_level_check" CHECK ("level" IN ('info', 'warn', 'error'))
);

CREATE INDEX "run_logs_run_id_id_idx" ON "run_logs"("run_id", "id");

ALTER TABLE "run_logs" ADD CONSTRAINT "run_logs_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "job_runs"("id") ON DELETE CASCADE ON UPDATE CASCADE;
