-- CreateEnum
CREATE TYPE "IntegrationKind" AS ENUM ('revenuecat', 'app_store_connect', 'apple_ads', 'ai_provider');

-- CreateEnum
CREATE TYPE "IntegrationStatus" AS ENUM ('untested', 'ok', 'failed');

-- CreateTable
CREATE TABLE "integrations" (
    "id" UUID NOT NULL,
    "project_id" UUID NOT NULL,
    "kind" "IntegrationKind" NOT NULL,
    "config" JSONB NOT NULL DEFAULT '{}',
    "secrets" TEXT NOT NULL,
    "secret_hint" TEXT NOT NULL,
    "status" "IntegrationStatus" NOT NULL DEFAULT 'untested',
    "checked_at" TIMESTAMPTZ(3),
    "check_message" TEXT,
    "last_synced_at" TIMESTAMPTZ(3),
    "connected_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "integrations_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "integrations_project_id_kind_key" ON "integrations"("project_id", "kind");

-- AddForeignKey
ALTER TABLE "integrations" ADD CONSTRAINT "integrations_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "integrations" ADD CONSTRAINT "integrations_connected_by_id_fkey" FOREIGN KEY ("connected_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Hand-written: the credentials of the old per-vendor tables move here. Their secrets stay plain
-- text ("plain:<json>") only until the first start with TASKDECK_ENCRYPTION_KEY seals them
-- (lib/secrets/stored.ts); the hints are what pages show in their place.
INSERT INTO "integrations" ("id", "project_id", "kind", "config", "secrets", "secret_hint", "created_at", "updated_at")
SELECT gen_random_uuid(), "project_id", 'revenuecat', jsonb_build_object('revenuecatProjectId', "revenuecat_project_id"),
       'plain:' || jsonb_build_object('apiKey', "api_key")::text, '…' || right("api_key", 4), "created_at", "updated_at"
  FROM "revenuecat_connections";

INSERT INTO "integrations" ("id", "project_id", "kind", "config", "secrets", "secret_hint", "last_synced_at", "created_at", "updated_at")
SELECT gen_random_uuid(), "project_id", 'app_store_connect', jsonb_build_object('issuerId', "issuer_id", 'keyId', "key_id", 'appId', "app_id"),
       'plain:' || jsonb_build_object('privateKey', "private_key")::text, 'key ' || "key_id", "last_pulled_at", "created_at", "updated_at"
  FROM "app_store_connections";

DROP TABLE "revenuecat_connections";
DROP TABLE "app_store_connections";
