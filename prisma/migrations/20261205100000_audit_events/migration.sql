-- The audit trail (issue 19, lib/jobs/audit.ts, docs/decisions/027-overview-and-audit.md): who
-- triggered, cancelled, retried or skipped a run or lane, or changed a schedule, when and from which
-- surface. run_id is no foreign key: a run's trail outlives the run (retention deletes runs).
CREATE TABLE "audit_events" (
  "id" BIGSERIAL NOT NULL,
  "team_id" UUID NOT NULL,
  "project_id" UUID NOT NULL,
  "run_id" UUID,
  "action" TEXT NOT NULL,
  "surface" TEXT NOT NULL,
  "actor_user_id" UUID,
  "actor_api_key_id" UUID,
  "actor_label" TEXT NOT NULL,
  "details" JSONB,
  "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "audit_events_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "audit_events_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE CASCADE ON UPDATE CASCADE,
  CONSTRAINT "audit_events_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE,
  CONSTRAINT "audit_events_actor_user_id_fkey" FOREIGN KEY ("actor_user_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE,
  CONSTRAINT "audit_events_actor_api_key_id_fkey" FOREIGN KEY ("actor_api_key_id") REFERENCES "api_keys"("id") ON DELETE SET NULL ON UPDATE CASCADE
);
CREATE INDEX "audit_events_run_id_id_idx" ON "audit_events" ("run_id", "id");
CREATE INDEX "audit_events_team_id_id_idx" ON "audit_events" ("team_id", "id" DESC);
CREATE INDEX "audit_events_project_id_id_idx" ON "audit_events" ("project_id", "id" DESC);
CREATE INDEX "audit_events_actor_user_id_idx" ON "audit_events" ("actor_user_id");
CREATE INDEX "audit_events_actor_api_key_id_idx" ON "audit_events" ("actor_api_key_id");

-- A group retry remembers where it was asked from, for its retries' audit events.
ALTER TABLE "bulk_retries" ADD COLUMN "requested_via" TEXT NOT NULL DEFAULT 'api';
