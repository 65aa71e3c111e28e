-- StorePush analytics and translations (issue 15): the Analytics Reports request and instances
-- pull_analytics has read, daily report rows, 30-day forecasts, proposed translations, and each
-- project's AI locales.

-- AlterTable
ALTER TABLE "projects" ADD COLUMN "ai_locales" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- CreateTable
CREATE TABLE "analytics_report_requests" (
    "project_id" UUID NOT NULL,
    "asc_app_id" TEXT NOT NULL,
    "access_type" TEXT NOT NULL,
    "request_id" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "analytics_report_requests_pkey" PRIMARY KEY ("project_id","asc_app_id","access_type")
);
ALTER TABLE "analytics_report_requests" ADD CONSTRAINT "analytics_report_requests_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- CreateTable
CREATE TABLE "analytics_instances" (
    "project_id" UUID NOT NULL,
    "instance_id" TEXT NOT NULL,
    "report_name" TEXT NOT NULL,
    "granularity" TEXT NOT NULL,
    "processing_date" DATE NOT NULL,
    "segments" INTEGER NOT NULL,
    "rows" INTEGER NOT NULL,
    "stored_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "analytics_instances_pkey" PRIMARY KEY ("project_id","instance_id")
);
ALTER TABLE "analytics_instances" ADD CONSTRAINT "analytics_instances_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- CreateTable
CREATE TABLE "analytics_daily" (
    "project_id" UUID NOT NULL,
    "app_id" UUID NOT NULL,
    "report" TEXT NOT NULL,
    "date" DATE NOT NULL,
    "territory" TEXT NOT NULL,
    "dimension_key" TEXT NOT NULL,
    "dimensions" JSONB NOT NULL,
    "measures" JSONB NOT NULL,
    "processing_date" DATE NOT NULL,
    "instance_id" TEXT NOT NULL,
    "synced_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "analytics_daily_pkey" PRIMARY KEY ("app_id","report","date","territory","dimension_key")
);
CREATE INDEX "analytics_daily_project_id_report_date_idx" ON "analytics_daily"("project_id", "report", "date");
ALTER TABLE "analytics_daily" ADD CONSTRAINT "analytics_daily_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "analytics_daily" ADD CONSTRAINT "analytics_daily_app_id_fkey" FOREIGN KEY ("app_id") REFERENCES "apps"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- CreateTable
CREATE TABLE "analytics_forecasts" (
    "id" UUID NOT NULL,
    "project_id" UUID NOT NULL,
    "app_id" UUID NOT NULL,
    "metric" TEXT NOT NULL,
    "run_id" UUID,
    "model" TEXT NOT NULL,
    "history_from" DATE NOT NULL,
    "history_to" DATE NOT NULL,
    "points" JSONB NOT NULL,
    "mape" DOUBLE PRECISION,
    "summary" TEXT,
    "generated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "analytics_forecasts_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "analytics_forecasts_app_id_metric_generated_at_idx" ON "analytics_forecasts"("app_id", "metric", "generated_at" DESC);
CREATE INDEX "analytics_forecasts_project_id_generated_at_idx" ON "analytics_forecasts"("project_id", "generated_at" DESC);
ALTER TABLE "analytics_forecasts" ADD CONSTRAINT "analytics_forecasts_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "analytics_forecasts" ADD CONSTRAINT "analytics_forecasts_app_id_fkey" FOREIGN KEY ("app_id") REFERENCES "apps"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- CreateTable
CREATE TABLE "metadata_translations" (
    "id" UUID NOT NULL,
    "project_id" UUID NOT NULL,
    "run_id" UUID,
    "version_asc_id" TEXT NOT NULL,
    "version_string" TEXT NOT NULL,
    "source_locale" TEXT NOT NULL,
    "locale" TEXT NOT NULL,
    "fields" JSONB NOT NULL,
    "status" TEXT NOT NULL,
    "reason" TEXT,
    "dry_run" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "pushed_at" TIMESTAMPTZ(3),

    CONSTRAINT "metadata_translations_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "metadata_translations_status" CHECK ("status" IN ('proposed', 'pushed', 'failed'))
);
CREATE INDEX "metadata_translations_project_id_created_at_idx" ON "metadata_translations"("project_id", "created_at" DESC);
ALTER TABLE "metadata_translations" ADD CONSTRAINT "metadata_translations_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;
