// What the Store page shows of an app: its version facts, its App Store Connect versions, its
// ratings by storefront and its reviews. Plain data (dates as ISO strings, decimals as numbers), so
// components may import these types.
import type { AppPlatform, AppStoreIdSource, AppVersionSource } from "@/lib/generated/prisma/enums";

export interface StoreAppOption {
  id: string;
  name: string;
  platform: AppPlatform;
}

export interface StoreApp extends StoreAppOption {
  bundleId: string | null;
  appleAppStoreId: string | null;
  appleAppStoreIdSource: AppStoreIdSource | null;
  latestAppVersion: string | null;
  latestAppVersionSource: AppVersionSource | null;
  latestAppVersionReleasedAt: string | null;
  latestAppVersionCheckedAt: string | null;
  /** Worldwide, cached by App Store Ratings Sync from the storefronts. */
  ratingAverage: number | null;
  ratingCount: number | null;
  ratingsSyncedAt: string | null;
}

/** A version as App Store Connect lists it, with how much of its store page is filled in. */
export interface AscVersion {
  id: string;
  versionString: string;
  platform: string;
  state: string;
  releaseType: string | null;
  createdDate: string | null;
  localizations: number;
  screenshotSets: number;
}

export interface AscVersions {
  versions: AscVersion[];
  /** All of the app's versions, of which `versions` are the newest. */
  total: number;
}

export interface StorefrontRating {
  /** ISO 3166-1 alpha-2, lower case. */
  country: string;
  averageRating: number;
  ratingCount: number;
  currentVersionAverage: number | null;
  currentVersionCount: number | null;
  version: string | null;
}

export interface AppRatings {
  /** Storefronts with ratings, most ratings first. */
  rated: StorefrontRating[];
  /** Storefronts read that have no rating for the app. */
  unrated: string[];
}

export type ReplyFilter = "any" | "replied" | "pending" | "none";
export type ReplyState = "PUBLISHED" | "PENDING_PUBLISH";

export interface ReviewQuery {
  rating?: number;
  reply: ReplyFilter;
  cursor?: string;
  limit: number;
}

export interface StoreReview {
  id: string;
  rating: number;
  title: string | null;
  body: string | null;
  reviewerNickname: string | null;
  /** ISO 3166-1 alpha-3, as App Store Connect reports territories. */
  territory: string;
  createdDate: string;
  response: { body: string; state: ReplyState | null; updatedAt: string | null } | null;
}

/** How many of the app's reviews each filter value keeps, given the other filter's value. */
export interface ReviewCounts {
  byReply: Record<ReplyFilter, number>;
  byRating: Record<"any" | "1" | "2" | "3" | "4" | "5", number>;
}

export interface ReviewsPage {
  reviews: StoreReview[];
  nextCursor: string | null;
  counts: ReviewCounts;
}
