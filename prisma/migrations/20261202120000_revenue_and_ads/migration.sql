-- Revenue and ads (issue 14): app users' attribution, the RevenueCat backfill's resume point, and
-- Apple Ads lifetime totals per campaign and ad group.

-- AlterTable
ALTER TABLE "app_users" ADD COLUMN "media_source" TEXT,
ADD COLUMN "campaign" TEXT,
ADD COLUMN "ad_group" TEXT,
ADD COLUMN "keyword" TEXT,
ADD COLUMN "creative" TEXT,
ADD COLUMN "campaign_name" TEXT,
ADD COLUMN "ad_group_name" TEXT,
ADD COLUMN "backfilled_at" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "revenuecat_backfill_state" (
    "project_id" UUID NOT NULL,
    "run_id" UUID,
    "starting_after" TEXT,
    "customers_done" INTEGER NOT NULL DEFAULT 0,
    "skipped" INTEGER NOT NULL DEFAULT 0,
    "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "revenuecat_backfill_state_pkey" PRIMARY KEY ("project_id")
);
ALTER TABLE "revenuecat_backfill_state" ADD CONSTRAINT "revenuecat_backfill_state_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- CreateTable
CREATE TABLE "ad_campaign_lifetime" (
    "project_id" UUID NOT NULL,
    "org_id" TEXT NOT NULL,
    "campaign_id" TEXT NOT NULL,
    "app_id" UUID,
    "adam_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "status" TEXT,
    "impressions" BIGINT NOT NULL DEFAULT 0,
    "taps" BIGINT NOT NULL DEFAULT 0,
    "installs" BIGINT NOT NULL DEFAULT 0,
    "spend" DECIMAL(14,2) NOT NULL DEFAULT 0,
    "currency" TEXT,
    "window_start" DATE NOT NULL,
    "window_end" DATE NOT NULL,
    "synced_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ad_campaign_lifetime_pkey" PRIMARY KEY ("project_id","org_id","campaign_id")
);
ALTER TABLE "ad_campaign_lifetime" ADD CONSTRAINT "ad_campaign_lifetime_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- CreateTable
CREATE TABLE "ad_adgroup_lifetime" (
    "project_id" UUID NOT NULL,
    "org_id" TEXT NOT NULL,
    "ad_group_id" TEXT NOT NULL,
    "campaign_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "status" TEXT,
    "impressions" BIGINT NOT NULL DEFAULT 0,
    "taps" BIGINT NOT NULL DEFAULT 0,
    "installs" BIGINT NOT NULL DEFAULT 0,
    "spend" DECIMAL(14,2) NOT NULL DEFAULT 0,
    "currency" TEXT,
    "window_start" DATE NOT NULL,
    "window_end" DATE NOT NULL,
    "synced_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ad_adgroup_lifetime_pkey" PRIMARY KEY ("project_id","org_id","ad_group_id")
);
CREATE INDEX "ad_adgroup_lifetime_project_id_campaign_id_idx" ON "ad_adgroup_lifetime"("project_id", "campaign_id");
ALTER TABLE "ad_adgroup_lifetime" ADD CONSTRAINT "ad_adgroup_lifetime_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;
