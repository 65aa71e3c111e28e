-- Team notifications (semantics 13): the emails of the old outbox become notifications, each with
-- its deliveries; webhooks and members' email preferences join them.

-- CreateEnum
CREATE TYPE "DeliveryChannel" AS ENUM ('email', 'webhook');

-- CreateEnum
CREATE TYPE "DeliveryStatus" AS ENUM ('pending', 'sent', 'held', 'failed');

-- CreateTable
CREATE TABLE "webhooks" (
    "id" UUID NOT NULL,
    "team_id" UUID NOT NULL,
    "url" TEXT NOT NULL,
    "description" TEXT,
    "types" TEXT[],
    "secret" TEXT NOT NULL,
    "secret_hint" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "webhooks_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "email_preferences" (
    "membership_id" UUID NOT NULL,
    "type" TEXT NOT NULL,
    "email" BOOLEAN NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "email_preferences_pkey" PRIMARY KEY ("membership_id","type")
);

-- CreateTable
CREATE TABLE "notification_deliveries" (
    "id" UUID NOT NULL,
    "notification_id" UUID NOT NULL,
    "channel" "DeliveryChannel" NOT NULL,
    "recipient" TEXT,
    "webhook_id" UUID,
    "status" "DeliveryStatus" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_error" TEXT,
    "response_status" INTEGER,
    "duration_ms" INTEGER,
    "next_attempt_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "give_up_at" TIMESTAMPTZ(3) NOT NULL,
    "sent_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "notification_deliveries_pkey" PRIMARY KEY ("id"),
    -- Hand-written: an email delivery has an address, a webhook delivery a webhook.
    CONSTRAINT "notification_deliveries_destination_check" CHECK (("channel" = 'email') = ("recipient" IS NOT NULL) AND ("channel" = 'webhook') = ("webhook_id" IS NOT NULL))
);

-- Hand-written: every email of the old outbox becomes one delivery of its notification.
INSERT INTO "notification_deliveries" ("id", "notification_id", "channel", "recipient", "status", "attempts", "last_error", "next_attempt_at", "give_up_at", "sent_at", "created_at")
SELECT gen_random_uuid(), "id", 'email', "recipient", "status"::text::"DeliveryStatus", "attempts", "last_error", "next_attempt_at", "created_at" + interval '3 days', "sent_at", "created_at"
  FROM "notifications";

-- AlterTable
ALTER TABLE "notifications" ADD COLUMN "type" TEXT,
ADD COLUMN "team_id" UUID,
ADD COLUMN "project_id" UUID,
ADD COLUMN "data" JSONB NOT NULL DEFAULT '{}';

-- Hand-written: the old outbox held only run emails.
UPDATE "notifications" SET "type" = 'run.finished';
ALTER TABLE "notifications" ALTER COLUMN "type" SET NOT NULL;

-- DropIndex
DROP INDEX "notifications_status_next_attempt_at_idx";

-- AlterTable
ALTER TABLE "notifications" DROP COLUMN "recipient",
DROP COLUMN "status",
DROP COLUMN "attempts",
DROP COLUMN "last_error",
DROP COLUMN "next_attempt_at",
DROP COLUMN "sent_at";

-- DropEnum
DROP TYPE "NotificationStatus";

-- CreateIndex
CREATE INDEX "webhooks_team_id_idx" ON "webhooks"("team_id");

-- CreateIndex
CREATE INDEX "notifications_created_at_idx" ON "notifications"("created_at");

-- CreateIndex
CREATE INDEX "notification_deliveries_notification_id_idx" ON "notification_deliveries"("notification_id");

-- CreateIndex
CREATE INDEX "notification_deliveries_webhook_id_created_at_idx" ON "notification_deliveries"("webhook_id", "created_at" DESC);

-- Hand-written: what the worker leases, the due deliveries only (sent ones pile up, pending ones do not).
CREATE INDEX "notification_deliveries_due_idx" ON "notification_deliveries"("next_attempt_at") WHERE "status" = 'pending';

-- AddForeignKey
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notification_deliveries" ADD CONSTRAINT "notification_deliveries_notification_id_fkey" FOREIGN KEY ("notification_id") REFERENCES "notifications"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notification_deliveries" ADD CONSTRAINT "notification_deliveries_webhook_id_fkey" FOREIGN KEY ("webhook_id") REFERENCES "webhooks"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "webhooks" ADD CONSTRAINT "webhooks_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "webhooks" ADD CONSTRAINT "webhooks_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "email_preferences" ADD CONSTRAINT "email_preferences_membership_id_fkey" FOREIGN KEY ("membership_id") REFERENCES "memberships"("id") ON DELETE CASCADE ON UPDATE CASCADE;
