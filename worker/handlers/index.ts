// Each type of the product's catalog mapped to its handler, one file each. Handlers are imported
// when a run of their type first starts, so a worker only loads the code it runs. The type makes
// the compiler ask for a handler of the right kind for every type in the catalog.
import type { catalog } from "@/lib/jobs/catalog";
import type { HandlerModules } from "@/lib/jobs/handler";

export const handlers: HandlerModules<typeof catalog> = {
  revenuecat_sync: () => import("./revenuecat-sync"),
  revenuecat_user_backfill: () => import("./revenuecat-user-backfill"),
  retention_cleanup: () => import("./retention-cleanup"),
  db_pruning: () => import("./db-pruning"),
  soft_delete_cleanup: () => import("./soft-delete-cleanup"),
  partition_creation: () => import("./partition-creation"),
  attachment_cleanup: () => import("./attachment-cleanup"),
  issue_scan: () => import("./issue-scan"),
  issue_notify: () => import("./issue-notify"),
  job_runs_cleanup: () => import("./job-runs-cleanup"),
  app_version_sync: () => import("./app-version-sync"),
  app_store_ratings_sync: () => import("./app-store-ratings-sync"),
  app_store_connect_reviews_sync: () => import("./app-store-connect-reviews-sync"),
  apple_ads_sync: () => import("./apple-ads-sync"),
  pull_all: () => import("./pull-all"),
  pull_changes: () => import("./pull-changes"),
  pull_analytics: () => import("./pull-analytics"),
  predict_analytics: () => import("./predict-analytics"),
  push_metadata: () => import("./push-metadata"),
  push_review: () => import("./push-review"),
  push_build: () => import("./push-build"),
  generate_metadata_translations: () => import("./generate-metadata-translations"),
};
