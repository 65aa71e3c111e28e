-- Apple store data (issue 13): where an app's App Store id came from and its version's release
-- date; per-storefront ratings; reviews keyed by (app, store, external id) instead of
-- (project, App Store Connect id); screenshot sets and screenshots per localization.

-- CreateEnum
CREATE TYPE "AppStoreIdSource" AS ENUM ('entered', 'app_store');

-- AlterTable
ALTER TABLE "apps" ADD COLUMN "apple_app_store_id_source" "AppStoreIdSource",
ADD COLUMN "latest_app_version_released_at" TIMESTAMPTZ(3);
UPDATE "apps" SET "apple_app_store_id_source" = 'entered' WHERE "apple_app_store_id" IS NOT NULL;

-- Every App Store Connect connection points at an Apple app of its project (PRODUCT.md "Domain
-- data"): create the app where a project connected one that it does not list, so its reviews have
-- an app to belong to.
INSERT INTO "apps" ("id", "project_id", "name", "platform", "apple_app_store_id", "apple_app_store_id_source", "created_at", "updated_at")
SELECT gen_random_uuid(), i."project_id", 'App Store app ' || (i."config"->>'appId'), 'apple', i."config"->>'appId', 'entered', now(), now()
  FROM "integrations" i
 WHERE i."kind" = 'app_store_connect' AND i."config"->>'appId' IS NOT NULL
   AND NOT EXISTS (SELECT 1 FROM "apps" a WHERE a."project_id" = i."project_id" AND a."apple_app_store_id" = i."config"->>'appId' AND a."deleted_at" IS NULL);

-- Reviews: (app, store, external id).
ALTER TABLE "app_store_reviews" ADD COLUMN "app_id" UUID, ADD COLUMN "store" TEXT NOT NULL DEFAULT 'app_store';
ALTER TABLE "app_store_reviews" RENAME COLUMN "asc_id" TO "external_id";
UPDATE "app_store_reviews" r SET "app_id" = a."id"
  FROM "integrations" i JOIN "apps" a ON a."project_id" = i."project_id" AND a."apple_app_store_id" = i."config"->>'appId' AND a."deleted_at" IS NULL
 WHERE i."kind" = 'app_store_connect' AND i."project_id" = r."project_id";
-- Reviews of a project that no longer has a connection: nothing to attach them to; the next pull brings them back.
DELETE FROM "app_store_reviews" WHERE "app_id" IS NULL;
ALTER TABLE "app_store_reviews" ALTER COLUMN "app_id" SET NOT NULL;
DROP INDEX "app_store_reviews_project_id_asc_id_key";
CREATE UNIQUE INDEX "app_store_reviews_app_id_store_external_id_key" ON "app_store_reviews"("app_id", "store", "external_id");
CREATE INDEX "app_store_reviews_app_id_created_date_idx" ON "app_store_reviews"("app_id", "created_date" DESC);
-- The reviews sync's second pass: responses Apple has not published yet.
CREATE INDEX "app_store_reviews_pending_response_idx" ON "app_store_reviews"("app_id") WHERE "response_state" = 'PENDING_PUBLISH';
ALTER TABLE "app_store_reviews" ADD CONSTRAINT "app_store_reviews_app_id_fkey" FOREIGN KEY ("app_id") REFERENCES "apps"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- CreateTable
CREATE TABLE "app_store_ratings" (
    "project_id" UUID NOT NULL,
    "app_id" UUID NOT NULL,
    "country" TEXT NOT NULL,
    "average_rating" DECIMAL(4,3),
    "rating_count" INTEGER NOT NULL,
    "current_version_average" DECIMAL(4,3),
    "current_version_count" INTEGER,
    "version" TEXT,
    "synced_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "app_store_ratings_pkey" PRIMARY KEY ("app_id","country"),
    CONSTRAINT "app_store_ratings_count_nonnegative" CHECK ("rating_count" >= 0),
    CONSTRAINT "app_store_ratings_country_alpha2" CHECK ("country" ~ '^[a-z]{2}$')
);
CREATE INDEX "app_store_ratings_project_id_idx" ON "app_store_ratings"("project_id");
ALTER TABLE "app_store_ratings" ADD CONSTRAINT "app_store_ratings_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "app_store_ratings" ADD CONSTRAINT "app_store_ratings_app_id_fkey" FOREIGN KEY ("app_id") REFERENCES "apps"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- CreateTable
CREATE TABLE "app_store_screenshot_sets" (
    "id" UUID NOT NULL,
    "project_id" UUID NOT NULL,
    "localization_id" UUID NOT NULL,
    "asc_id" TEXT NOT NULL,
    "display_type" TEXT NOT NULL,
    "synced_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "app_store_screenshot_sets_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "app_store_screenshot_sets_project_id_asc_id_key" ON "app_store_screenshot_sets"("project_id", "asc_id");
CREATE INDEX "app_store_screenshot_sets_localization_id_idx" ON "app_store_screenshot_sets"("localization_id");
ALTER TABLE "app_store_screenshot_sets" ADD CONSTRAINT "app_store_screenshot_sets_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "app_store_screenshot_sets" ADD CONSTRAINT "app_store_screenshot_sets_localization_id_fkey" FOREIGN KEY ("localization_id") REFERENCES "app_store_localizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- CreateTable
CREATE TABLE "app_store_screenshots" (
    "id" UUID NOT NULL,
    "project_id" UUID NOT NULL,
    "set_id" UUID NOT NULL,
    "asc_id" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "file_name" TEXT,
    "file_size" INTEGER,
    "width" INTEGER,
    "height" INTEGER,
    "template_url" TEXT,
    "checksum" TEXT,
    "delivery_state" TEXT,
    "synced_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "app_store_screenshots_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "app_store_screenshots_project_id_asc_id_key" ON "app_store_screenshots"("project_id", "asc_id");
CREATE INDEX "app_store_screenshots_set_id_idx" ON "app_store_screenshots"("set_id");
ALTER TABLE "app_store_screenshots" ADD CONSTRAINT "app_store_screenshots_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "app_store_screenshots" ADD CONSTRAINT "app_store_screenshots_set_id_fkey" FOREIGN KEY ("set_id") REFERENCES "app_store_screenshot_sets"("id") ON DELETE CASCADE ON UPDATE CASCADE;
