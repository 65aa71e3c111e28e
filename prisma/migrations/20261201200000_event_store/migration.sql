-- Owlmetry's event store (PRODUCT.md "Domain data"): the three event tables partitioned by month
-- on event time, project ingest keys, attachments, retention policies and soft deletes.
-- docs/decisions/011-event-store.md explains the choices.

-- CreateEnum
CREATE TYPE "EventLevel" AS ENUM ('debug', 'info', 'warn', 'error');

-- CreateEnum
CREATE TYPE "EventEnvironment" AS ENUM ('production', 'development');

-- Soft deletes: a deleted project, app or ingest key is hidden at once and restorable for 7 days;
-- soft_delete_cleanup removes it, with everything it owns, afterwards.
ALTER TABLE "projects" ADD COLUMN "deleted_at" TIMESTAMPTZ(3);
ALTER TABLE "projects" ADD COLUMN "events_retention_days" INTEGER;
ALTER TABLE "projects" ADD COLUMN "metric_events_retention_days" INTEGER;
ALTER TABLE "projects" ADD COLUMN "funnel_events_retention_days" INTEGER;
ALTER TABLE "projects" ADD CONSTRAINT "projects_retention_days_range" CHECK (
  ("events_retention_days" IS NULL OR "events_retention_days" BETWEEN 1 AND 3650) AND
  ("metric_events_retention_days" IS NULL OR "metric_events_retention_days" BETWEEN 1 AND 3650) AND
  ("funnel_events_retention_days" IS NULL OR "funnel_events_retention_days" BETWEEN 1 AND 3650));
-- soft_delete_cleanup finds what is due without reading every project.
CREATE INDEX "projects_deleted_at_idx" ON "projects"("deleted_at") WHERE "deleted_at" IS NOT NULL;

ALTER TABLE "apps" ADD COLUMN "deleted_at" TIMESTAMPTZ(3);
-- A deleted app no longer holds its bundle id or App Store id: another app may take them (restoring
-- the deleted one then says which id is taken).
DROP INDEX "apps_project_id_platform_bundle_id_key";
DROP INDEX "apps_project_id_apple_app_store_id_key";
CREATE UNIQUE INDEX "apps_project_id_platform_bundle_id_key" ON "apps"("project_id", "platform", "bundle_id") WHERE "deleted_at" IS NULL;
CREATE UNIQUE INDEX "apps_project_id_apple_app_store_id_key" ON "apps"("project_id", "apple_app_store_id") WHERE "deleted_at" IS NULL;
CREATE INDEX "apps_deleted_at_idx" ON "apps"("deleted_at") WHERE "deleted_at" IS NOT NULL;

-- CreateTable
CREATE TABLE "ingest_keys" (
    "id" UUID NOT NULL,
    "project_id" UUID NOT NULL,
    "app_id" UUID,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_used_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),
    "deleted_at" TIMESTAMPTZ(3),

    CONSTRAINT "ingest_keys_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "ingest_keys_hash_key" ON "ingest_keys"("hash");
CREATE INDEX "ingest_keys_project_id_idx" ON "ingest_keys"("project_id");
CREATE INDEX "ingest_keys_app_id_idx" ON "ingest_keys"("app_id");
ALTER TABLE "ingest_keys" ADD CONSTRAINT "ingest_keys_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "ingest_keys" ADD CONSTRAINT "ingest_keys_app_id_fkey" FOREIGN KEY ("app_id") REFERENCES "apps"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "ingest_keys" ADD CONSTRAINT "ingest_keys_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- The event tables. No foreign keys: a project's millions of events are deleted in batches by
-- soft_delete_cleanup, never by one cascading statement, and ingest pays no FK check per row.
-- The primary key includes the partition key (PostgreSQL requires it) and the project, so a
-- client-chosen id makes a resent batch idempotent without touching other projects' events.
CREATE TABLE "events" (
    "id" UUID NOT NULL,
    "project_id" UUID NOT NULL,
    "app_id" UUID,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "name" TEXT NOT NULL,
    "level" "EventLevel" NOT NULL DEFAULT 'info',
    "message" TEXT,
    "environment" "EventEnvironment" NOT NULL DEFAULT 'production',
    "app_version" TEXT,
    "session_id" TEXT,
    "app_user_id" TEXT,
    "properties" JSONB NOT NULL DEFAULT '{}',
    "error_type" TEXT,
    "error_stack" TEXT,
    "fingerprint" TEXT,

    CONSTRAINT "events_pkey" PRIMARY KEY ("project_id", "id", "occurred_at")
) PARTITION BY RANGE ("occurred_at");
-- Retention and project deletion: a project's events by time.
CREATE INDEX "events_project_id_occurred_at_idx" ON "events"("project_id", "occurred_at");
-- The issue scan: error events in the order they arrived, with a unique tail for keyset paging.
CREATE INDEX "events_errors_received_idx" ON "events"("received_at", "project_id", "id") WHERE "level" = 'error';

CREATE TABLE "metric_events" (
    "id" UUID NOT NULL,
    "project_id" UUID NOT NULL,
    "app_id" UUID,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "metric" TEXT NOT NULL,
    "phase" TEXT NOT NULL DEFAULT 'record',
    "value" DOUBLE PRECISION,
    "duration_ms" INTEGER,
    "environment" "EventEnvironment" NOT NULL DEFAULT 'production',
    "app_version" TEXT,
    "session_id" TEXT,
    "app_user_id" TEXT,
    "properties" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "metric_events_pkey" PRIMARY KEY ("project_id", "id", "occurred_at"),
    CONSTRAINT "metric_events_phase_known" CHECK ("phase" IN ('start', 'complete', 'fail', 'cancel', 'record'))
) PARTITION BY RANGE ("occurred_at");
CREATE INDEX "metric_events_project_id_occurred_at_idx" ON "metric_events"("project_id", "occurred_at");

CREATE TABLE "funnel_events" (
    "id" UUID NOT NULL,
    "project_id" UUID NOT NULL,
    "app_id" UUID,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "funnel" TEXT NOT NULL,
    "step" TEXT NOT NULL,
    "step_index" INTEGER,
    "environment" "EventEnvironment" NOT NULL DEFAULT 'production',
    "app_version" TEXT,
    "session_id" TEXT,
    "app_user_id" TEXT,
    "properties" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "funnel_events_pkey" PRIMARY KEY ("project_id", "id", "occurred_at")
) PARTITION BY RANGE ("occurred_at");
CREATE INDEX "funnel_events_project_id_occurred_at_idx" ON "funnel_events"("project_id", "occurred_at");

-- Files uploaded alongside error events. The event may arrive before or after its file;
-- attachment_cleanup links them (event_occurred_at) and sweeps what never found its event.
CREATE TABLE "attachments" (
    "id" UUID NOT NULL,
    "project_id" UUID NOT NULL,
    "event_id" UUID NOT NULL,
    "event_occurred_at" TIMESTAMPTZ(3),
    "file_name" TEXT NOT NULL,
    "content_type" TEXT NOT NULL,
    "size_bytes" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deleted_at" TIMESTAMPTZ(3),

    CONSTRAINT "attachments_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "attachments_project_id_event_id_idx" ON "attachments"("project_id", "event_id");
CREATE INDEX "attachments_created_at_idx" ON "attachments"("created_at");
-- Rows only: files are removed by attachment_cleanup and soft_delete_cleanup before their rows.
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The current month's and next month's partitions, so events can arrive from the first minute;
-- partition_creation keeps creating them ahead, and ingest creates a missing month on demand.
DO $$
DECLARE
  parent TEXT;
  month DATE;
BEGIN
  FOREACH parent IN ARRAY ARRAY['events', 'metric_events', 'funnel_events'] LOOP
    FOR offset_months IN 0..1 LOOP
      month := (date_trunc('month', now() AT TIME ZONE 'UTC') + make_interval(months => offset_months))::date;
      EXECUTE format('CREATE TABLE IF NOT EXISTS %I PARTITION OF %I FOR VALUES FROM (%L) TO (%L)',
        parent || '_' || to_char(month, 'YYYY_MM'), parent,
        month::text || ' 00:00:00+00', (month + interval '1 month')::date::text || ' 00:00:00+00');
    END LOOP;
  END LOOP;
END $$;
