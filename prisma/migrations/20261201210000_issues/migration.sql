-- Issues (PRODUCT.md "Domain data"): error events clustered by fingerprint, by issue_scan, and the
-- per-project digest cadence issue_notify follows. docs/decisions/012-issues.md explains the choices.

-- CreateEnum
CREATE TYPE "IssueStatus" AS ENUM ('new', 'regressed', 'resolved', 'ignored');

-- CreateEnum
CREATE TYPE "DigestCadence" AS ENUM ('hourly', 'daily', 'weekly', 'off');

ALTER TABLE "projects" ADD COLUMN "digest_cadence" "DigestCadence" NOT NULL DEFAULT 'daily';
-- The end of the window the project's last digest covered (sent or silent).
ALTER TABLE "projects" ADD COLUMN "last_digest_at" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "issues" (
    "id" UUID NOT NULL,
    "project_id" UUID NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "error_type" TEXT,
    "message" TEXT,
    "stack" TEXT,
    "status" "IssueStatus" NOT NULL DEFAULT 'new',
    "event_count" INTEGER NOT NULL DEFAULT 0,
    "users_affected" INTEGER NOT NULL DEFAULT 0,
    "first_seen_at" TIMESTAMPTZ(3) NOT NULL,
    "last_seen_at" TIMESTAMPTZ(3) NOT NULL,
    "app_versions" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "in_production" BOOLEAN NOT NULL DEFAULT false,
    "status_changed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "announce_pending" BOOLEAN NOT NULL DEFAULT false,
    "announced_at" TIMESTAMPTZ(3),
    "resolved_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "issues_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "issues_project_id_fingerprint_key" ON "issues"("project_id", "fingerprint");
CREATE INDEX "issues_project_id_last_seen_at_idx" ON "issues"("project_id", "last_seen_at" DESC);
CREATE INDEX "issues_project_id_status_changed_at_idx" ON "issues"("project_id", "status_changed_at");
-- The scan's announcements still to send (a scan that crashed after its batches leaves some).
CREATE INDEX "issues_announce_pending_idx" ON "issues"("project_id") WHERE "announce_pending";
ALTER TABLE "issues" ADD CONSTRAINT "issues_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Who an issue affected: one row per (issue, app user), so users_affected counts each user once.
CREATE TABLE "issue_users" (
    "issue_id" UUID NOT NULL,
    "app_user_id" TEXT NOT NULL,

    CONSTRAINT "issue_users_pkey" PRIMARY KEY ("issue_id", "app_user_id")
);
ALTER TABLE "issue_users" ADD CONSTRAINT "issue_users_issue_id_fkey" FOREIGN KEY ("issue_id") REFERENCES "issues"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Where issue_scan stopped: the last error event it counted, in (received_at, project_id, id)
-- order. One row, locked by a scan's batch, moved in the transaction that counts the batch.
CREATE TABLE "issue_scan_state" (
    "id" INTEGER NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL,
    "project_id" UUID NOT NULL,
    "event_id" UUID NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "issue_scan_state_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "issue_scan_state_single_row" CHECK ("id" = 1)
);
INSERT INTO "issue_scan_state" ("id", "received_at", "project_id", "event_id") VALUES (1, '1970-01-01 00:00:00+00', '00000000-0000-0000-0000-000000000000', '00000000-0000-0000-0000-000000000000');

-- An issue's recent events (its page): error events by fingerprint, newest first.
CREATE INDEX "events_errors_fingerprint_idx" ON "events"("project_id", "fingerprint", "occurred_at" DESC) WHERE "level" = 'error';
