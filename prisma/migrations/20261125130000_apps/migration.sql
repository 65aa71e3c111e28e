-- CreateEnum
CREATE TYPE "AppPlatform" AS ENUM ('apple', 'android', 'web', 'other');

-- CreateEnum
CREATE TYPE "AppVersionSource" AS ENUM ('app_store', 'events');

-- CreateTable
CREATE TABLE "apps" (
    "id" UUID NOT NULL,
    "project_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "platform" "AppPlatform" NOT NULL,
    "bundle_id" TEXT,
    "apple_app_store_id" TEXT,
    "latest_app_version" TEXT,
    "latest_app_version_source" "AppVersionSource",
    "latest_app_version_checked_at" TIMESTAMPTZ(3),
    "rating_average" DECIMAL(4,3),
    "rating_count" INTEGER,
    "ratings_synced_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "apps_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "apps_project_id_platform_bundle_id_key" ON "apps"("project_id", "platform", "bundle_id");

-- CreateIndex
CREATE UNIQUE INDEX "apps_project_id_apple_app_store_id_key" ON "apps"("project_id", "apple_app_store_id");

-- AddForeignKey
ALTER TABLE "apps" ADD CONSTRAINT "apps_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Hand-written: only Apple apps have an App Store id.
ALTER TABLE "apps" ADD CONSTRAINT "apps_store_id_apple_only" CHECK ("apple_app_store_id" IS NULL OR "platform" = 'apple');
