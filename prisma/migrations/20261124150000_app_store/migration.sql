-- CreateTable
CREATE TABLE "app_store_connections" (
    "id" UUID NOT NULL,
    "project_id" UUID NOT NULL,
    "issuer_id" TEXT NOT NULL,
    "key_id" TEXT NOT NULL,
    "private_key" TEXT NOT NULL,
    "app_id" TEXT NOT NULL,
    "last_pulled_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "app_store_connections_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "app_store_versions" (
    "id" UUID NOT NULL,
    "project_id" UUID NOT NULL,
    "asc_id" TEXT NOT NULL,
    "platform" TEXT NOT NULL,
    "version_string" TEXT NOT NULL,
    "app_version_state" TEXT NOT NULL,
    "release_type" TEXT,
    "copyright" TEXT,
    "build_asc_id" TEXT,
    "created_date" TIMESTAMPTZ(3),
    "synced_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "app_store_versions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "app_store_localizations" (
    "id" UUID NOT NULL,
    "project_id" UUID NOT NULL,
    "version_id" UUID NOT NULL,
    "asc_id" TEXT NOT NULL,
    "locale" TEXT NOT NULL,
    "description" TEXT,
    "keywords" TEXT,
    "whats_new" TEXT,
    "promotional_text" TEXT,
    "marketing_url" TEXT,
    "support_url" TEXT,
    "synced_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "app_store_localizations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "app_store_builds" (
    "id" UUID NOT NULL,
    "project_id" UUID NOT NULL,
    "asc_id" TEXT NOT NULL,
    "version" TEXT NOT NULL,
    "processing_state" TEXT NOT NULL,
    "uploaded_date" TIMESTAMPTZ(3),
    "expiration_date" TIMESTAMPTZ(3),
    "expired" BOOLEAN NOT NULL DEFAULT false,
    "min_os_version" TEXT,
    "synced_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "app_store_builds_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "app_store_reviews" (
    "id" UUID NOT NULL,
    "project_id" UUID NOT NULL,
    "asc_id" TEXT NOT NULL,
    "rating" INTEGER NOT NULL,
    "title" TEXT,
    "body" TEXT,
    "reviewer_nickname" TEXT,
    "territory" TEXT NOT NULL,
    "created_date" TIMESTAMPTZ(3) NOT NULL,
    "response_asc_id" TEXT,
    "response_body" TEXT,
    "response_state" TEXT,
    "response_updated_at" TIMESTAMPTZ(3),
    "synced_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "app_store_reviews_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "app_store_connections_project_id_key" ON "app_store_connections"("project_id");

-- CreateIndex
CREATE UNIQUE INDEX "app_store_versions_project_id_asc_id_key" ON "app_store_versions"("project_id", "asc_id");

-- CreateIndex
CREATE INDEX "app_store_localizations_version_id_idx" ON "app_store_localizations"("version_id");

-- CreateIndex
CREATE UNIQUE INDEX "app_store_localizations_project_id_asc_id_key" ON "app_store_localizations"("project_id", "asc_id");

-- CreateIndex
CREATE UNIQUE INDEX "app_store_builds_project_id_asc_id_key" ON "app_store_builds"("project_id", "asc_id");

-- CreateIndex
CREATE INDEX "app_store_reviews_project_id_created_date_idx" ON "app_store_reviews"("project_id", "created_date" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "app_store_reviews_project_id_asc_id_key" ON "app_store_reviews"("project_id", "asc_id");

-- AddForeignKey
ALTER TABLE "app_store_connections" ADD CONSTRAINT "app_store_connections_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "app_store_versions" ADD CONSTRAINT "app_store_versions_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "app_store_localizations" ADD CONSTRAINT "app_store_localizations_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "app_store_localizations" ADD CONSTRAINT "app_store_localizations_version_id_fkey" FOREIGN KEY ("version_id") REFERENCES "app_store_versions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "app_store_builds" ADD CONSTRAINT "app_store_builds_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "app_store_reviews" ADD CONSTRAINT "app_store_reviews_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;
