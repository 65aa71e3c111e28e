// The App Store Connect API shapes Taskdeck reads and writes (INTEGRATIONS.md §2): JSON:API
// documents, the resources StorePush syncs, and the error envelope. The sandbox serves these too.

export interface ResourceIdentifier<Type extends string = string> {
  type: Type;
  id: string;
}

export interface Relationship {
  data?: ResourceIdentifier | ResourceIdentifier[] | null;
  links?: { self?: string; related?: string };
}

export interface Resource<Type extends string = string, Attributes = unknown> {
  type: Type;
  id: string;
  attributes: Attributes;
  relationships?: Record<string, Relationship>;
  links?: { self: string };
}

export interface CollectionDocument<R extends Resource = Resource> {
  data: R[];
  included?: Resource[];
  links: { self: string; first?: string; next?: string };
  meta?: { paging: { total?: number; limit: number; nextCursor?: string } };
}

export interface SingleDocument<R extends Resource = Resource> {
  data: R;
  included?: Resource[];
  links: { self: string };
}

export type Platform = "IOS" | "MAC_OS" | "TV_OS" | "VISION_OS";

export interface AppStoreVersionAttributes {
  platform: Platform;
  versionString: string;
  appVersionState: string;
  appStoreState?: string;
  copyright: string | null;
  releaseType: "MANUAL" | "AFTER_APPROVAL" | "SCHEDULED" | null;
  earliestReleaseDate: string | null;
  downloadable: boolean;
  createdDate: string;
}

export interface AppStoreVersionLocalizationAttributes {
  locale: string;
  description: string | null;
  keywords: string | null;
  whatsNew: string | null;
  promotionalText: string | null;
  marketingUrl: string | null;
  supportUrl: string | null;
}

/** The attributes push_metadata may send, all optional (a PATCH sends a subset). */
export type LocalizationChanges = Partial<Omit<AppStoreVersionLocalizationAttributes, "locale">>;

export type ProcessingState = "PROCESSING" | "FAILED" | "INVALID" | "VALID";

export interface BuildAttributes {
  version: string;
  uploadedDate: string;
  expirationDate: string | null;
  expired: boolean;
  minOsVersion: string | null;
  processingState: ProcessingState;
  buildAudienceType: "INTERNAL_ONLY" | "APP_STORE_ELIGIBLE" | null;
  usesNonExemptEncryption: boolean | null;
}

export interface CustomerReviewAttributes {
  rating: number;
  title: string | null;
  body: string | null;
  reviewerNickname: string | null;
  createdDate: string;
  territory: string;
}

export interface CustomerReviewResponseAttributes {
  responseBody: string;
  lastModifiedDate: string;
  state: "PENDING_PUBLISH" | "PUBLISHED";
}

export interface ReviewSubmissionAttributes {
  platform: Platform;
  submittedDate: string | null;
  state: "READY_FOR_REVIEW" | "WAITING_FOR_REVIEW" | "IN_REVIEW" | "UNRESOLVED_ISSUES" | "CANCELING" | "COMPLETING" | "COMPLETE";
}

export interface AppScreenshotSetAttributes {
  /** APP_IPHONE_67, APP_IPHONE_65, APP_IPAD_PRO_3GEN_129…: Apple keeps adding device sizes. */
  screenshotDisplayType: string;
}

export interface ImageAsset {
  /** e.g. https://is1-ssl.mzstatic.com/image/thumb/…/{w}x{h}bb.{f}; fill in size and format to fetch one. */
  templateUrl: string;
  width: number;
  height: number;
}

export interface AssetDeliveryState {
  state: "AWAITING_UPLOAD" | "UPLOAD_COMPLETE" | "COMPLETE" | "FAILED";
  errors: Array<{ code: string; description: string }>;
  warnings: Array<{ code: string; description: string }>;
}

export interface AppScreenshotAttributes {
  fileSize: number | null;
  fileName: string | null;
  sourceFileChecksum: string | null;
  /** Null while Apple is still processing the upload. */
  imageAsset: ImageAsset | null;
  assetDeliveryState: AssetDeliveryState | null;
}

export type AppStoreVersion = Resource<"appStoreVersions", AppStoreVersionAttributes>;
export type AppStoreVersionLocalization = Resource<"appStoreVersionLocalizations", AppStoreVersionLocalizationAttributes>;
export type Build = Resource<"builds", BuildAttributes>;
export type CustomerReview = Resource<"customerReviews", CustomerReviewAttributes>;
export type CustomerReviewResponse = Resource<"customerReviewResponses", CustomerReviewResponseAttributes>;
export type ReviewSubmission = Resource<"reviewSubmissions", ReviewSubmissionAttributes>;
export type AppScreenshotSet = Resource<"appScreenshotSets", AppScreenshotSetAttributes>;
export type AppScreenshot = Resource<"appScreenshots", AppScreenshotAttributes>;

export interface ErrorObject {
  id?: string;
  /** A string in App Store Connect's errors, e.g. "401". */
  status: string;
  code: string;
  title: string;
  detail?: string;
  source?: { pointer: string } | { parameter: string };
}

export interface ErrorDocument {
  errors: ErrorObject[];
}

/** Version states in which a version's metadata and build can still be changed. */
export const editableVersionStates = [
  "PREPARE_FOR_SUBMISSION",
  "DEVELOPER_REJECTED",
  "REJECTED",
  "METADATA_REJECTED",
  "INVALID_BINARY",
] as const;

export function isEditableVersionState(state: string): boolean {
  return (editableVersionStates as readonly string[]).includes(state);
}
