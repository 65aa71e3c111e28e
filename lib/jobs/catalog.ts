// The product's job catalog (PRODUCT.md "Job semantics" 1): one definition per type, each in its
// own file under lib/jobs/types/, shared by web, worker and CLI. Adding a type: its definition file
// and its line here, its handler file and its line in worker/handlers/index.ts (the compiler asks
// for that one), nothing else.
import { defineCatalog } from "./define-catalog";
import { appStoreConnectReviewsSync } from "./types/app-store-connect-reviews-sync";
import { appStoreRatingsSync } from "./types/app-store-ratings-sync";
import { appVersionSync } from "./types/app-version-sync";
import { appleAdsSync } from "./types/apple-ads-sync";
import { attachmentCleanup } from "./types/attachment-cleanup";
import { dbPruning } from "./types/db-pruning";
import { generateMetadataTranslations } from "./types/generate-metadata-translations";
import { issueNotify } from "./types/issue-notify";
import { issueScan } from "./types/issue-scan";
import { jobRunsCleanup } from "./types/job-runs-cleanup";
import { partitionCreation } from "./types/partition-creation";
import { predictAnalytics } from "./types/predict-analytics";
import { pullAll } from "./types/pull-all";
import { pullAnalytics } from "./types/pull-analytics";
import { pullChanges } from "./types/pull-changes";
import { pushBuild } from "./types/push-build";
import { pushMetadata } from "./types/push-metadata";
import { pushReview } from "./types/push-review";
import { retentionCleanup } from "./types/retention-cleanup";
import { revenuecatSync } from "./types/revenuecat-sync";
import { revenuecatUserBackfill } from "./types/revenuecat-user-backfill";
import { softDeleteCleanup } from "./types/soft-delete-cleanup";

export const catalog = defineCatalog({
  // Owlmetry: independent types, one active run per type (and project).
  revenuecat_sync: revenuecatSync,
  revenuecat_user_backfill: revenuecatUserBackfill,
  retention_cleanup: retentionCleanup,
  db_pruning: dbPruning,
  soft_delete_cleanup: softDeleteCleanup,
  partition_creation: partitionCreation,
  attachment_cleanup: attachmentCleanup,
  issue_scan: issueScan,
  issue_notify: issueNotify,
  job_runs_cleanup: jobRunsCleanup,
  app_version_sync: appVersionSync,
  app_store_ratings_sync: appStoreRatingsSync,
  app_store_connect_reviews_sync: appStoreConnectReviewsSync,
  apple_ads_sync: appleAdsSync,
  // StorePush: App Store Connect work, one lane per project (semantics 8).
  pull_all: pullAll,
  pull_changes: pullChanges,
  pull_analytics: pullAnalytics,
  predict_analytics: predictAnalytics,
  push_metadata: pushMetadata,
  push_review: pushReview,
  push_build: pushBuild,
  generate_metadata_translations: generateMetadataTranslations,
});

export type ProductDefinitions = typeof catalog.definitions;
