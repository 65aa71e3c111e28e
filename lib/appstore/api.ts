// The App Store Connect endpoints StorePush's jobs use, one function per thing they do, so the
// handlers read as steps ("find the editable version", "attach the build") rather than URLs.
import { MAX_PAGE_SIZE, type AppStoreConnectClient } from "./client";
import {
  editableVersionStates,
  type AppScreenshot,
  type AppScreenshotSet,
  type AppStoreVersion,
  type AppStoreVersionLocalization,
  type Build,
  type CustomerReview,
  type CustomerReviewResponse,
  type LocalizationChanges,
  type Platform,
  type ReviewSubmission,
  type SingleDocument,
} from "./types";

const path = (...segments: string[]) => `/v1/${segments.map(encodeURIComponent).join("/")}`;

/** Every version of the app, each with its attached build's id in relationships.build. */
export async function listVersions(client: AppStoreConnectClient, appId: string): Promise<AppStoreVersion[]> {
  const versions: AppStoreVersion[] = [];
  for await (const page of client.pages<AppStoreVersion>(path("apps", appId, "appStoreVersions"), { limit: MAX_PAGE_SIZE, include: "build" })) {
    versions.push(...page.data);
  }
  return versions;
}

/**
 * The version a push changes: the one named, or the one being prepared for submission. StorePush
 * apps are iOS apps, so the platform defaults to IOS.
 */
export async function findVersion(client: AppStoreConnectClient, appId: string, versionString?: string, platform: Platform = "IOS"): Promise<AppStoreVersion> {
  const filter = versionString ? { "filter[versionString]": versionString } : { "filter[appVersionState]": editableVersionStates.join(",") };
  const query = { "filter[platform]": platform, ...filter, include: "build", limit: 10 };
  const page = await client.get<{ data: AppStoreVersion[] }>(path("apps", appId, "appStoreVersions"), query);
  const version = page.data[0];
  if (version) return version;
  throw new Error(
    versionString
      ? `App Store Connect has no ${platform} version ${versionString} for this app`
      : `App Store Connect has no ${platform} version that can be edited (none is in ${editableVersionStates.join(", ")})`,
  );
}

export async function listLocalizations(client: AppStoreConnectClient, versionId: string, locale?: string): Promise<AppStoreVersionLocalization[]> {
  const localizations: AppStoreVersionLocalization[] = [];
  const query = { limit: MAX_PAGE_SIZE, "filter[locale]": locale };
  for await (const page of client.pages<AppStoreVersionLocalization>(path("appStoreVersions", versionId, "appStoreVersionLocalizations"), query)) {
    localizations.push(...page.data);
  }
  return localizations;
}

export async function updateLocalization(client: AppStoreConnectClient, id: string, changes: LocalizationChanges): Promise<AppStoreVersionLocalization> {
  const body = { data: { type: "appStoreVersionLocalizations", id, attributes: changes } };
  return (await client.patch<SingleDocument<AppStoreVersionLocalization>>(path("appStoreVersionLocalizations", id), body)).data;
}

/** Adds the version's localization for a locale it does not have yet (a 409 when it has). */
export async function createLocalization(client: AppStoreConnectClient, versionId: string, locale: string, attributes: LocalizationChanges): Promise<AppStoreVersionLocalization> {
  const body = {
    data: { type: "appStoreVersionLocalizations", attributes: { locale, ...attributes }, relationships: { appStoreVersion: { data: { type: "appStoreVersions", id: versionId } } } },
  };
  return (await client.post<SingleDocument<AppStoreVersionLocalization>>(path("appStoreVersionLocalizations"), body)).data;
}

/** Builds newest first, one page at a time. */
export function buildPages(client: AppStoreConnectClient, appId: string, limit = MAX_PAGE_SIZE) {
  return client.pages<Build>(path("builds"), { "filter[app]": appId, sort: "-uploadedDate", limit });
}

export async function findBuild(client: AppStoreConnectClient, appId: string, buildNumber: string): Promise<Build> {
  const page = await client.get<{ data: Build[] }>(path("builds"), { "filter[app]": appId, "filter[version]": buildNumber, sort: "-uploadedDate", limit: 1 });
  const build = page.data[0];
  if (!build) throw new Error(`App Store Connect has no build ${buildNumber} for this app`);
  return build;
}

export async function attachBuild(client: AppStoreConnectClient, versionId: string, buildId: string): Promise<void> {
  await client.patch(path("appStoreVersions", versionId, "relationships", "build"), { data: { type: "builds", id: buildId } });
}

export async function getVersion(client: AppStoreConnectClient, versionId: string): Promise<AppStoreVersion> {
  return (await client.get<SingleDocument<AppStoreVersion>>(path("appStoreVersions", versionId), { include: "build" })).data;
}

/** Customer reviews newest first, each page with the responses it includes. */
export function reviewPages(client: AppStoreConnectClient, appId: string, limit = MAX_PAGE_SIZE) {
  return client.pages<CustomerReview>(path("apps", appId, "customerReviews"), { sort: "-createdDate", include: "response", limit });
}

export function responsesOf(included: Array<{ type: string }> | undefined): Map<string, CustomerReviewResponse> {
  const responses = (included ?? []).filter((resource): resource is CustomerReviewResponse => resource.type === "customerReviewResponses");
  return new Map(responses.map((response) => [response.id, response]));
}

export async function getReview(client: AppStoreConnectClient, reviewId: string): Promise<SingleDocument<CustomerReview>> {
  return client.get<SingleDocument<CustomerReview>>(path("customerReviews", reviewId), { include: "response" });
}

export async function getReviewResponse(client: AppStoreConnectClient, responseId: string): Promise<CustomerReviewResponse> {
  return (await client.get<SingleDocument<CustomerReviewResponse>>(path("customerReviewResponses", responseId))).data;
}

/** Creates the review's response, or replaces it: a review has at most one. */
export async function respondToReview(client: AppStoreConnectClient, reviewId: string, responseBody: string): Promise<CustomerReviewResponse> {
  const body = {
    data: {
      type: "customerReviewResponses",
      attributes: { responseBody },
      relationships: { review: { data: { type: "customerReviews", id: reviewId } } },
    },
  };
  return (await client.post<SingleDocument<CustomerReviewResponse>>(path("customerReviewResponses"), body)).data;
}

/** The three-step submission: a review submission, the version as its item, then submitted. */
export async function submitForReview(client: AppStoreConnectClient, appId: string, version: AppStoreVersion): Promise<ReviewSubmission> {
  const created = await client.post<SingleDocument<ReviewSubmission>>(path("reviewSubmissions"), {
    data: { type: "reviewSubmissions", attributes: { platform: version.attributes.platform }, relationships: { app: { data: { type: "apps", id: appId } } } },
  });
  const submission = created.data;
  await client.post(path("reviewSubmissionItems"), {
    data: {
      type: "reviewSubmissionItems",
      relationships: {
        reviewSubmission: { data: { type: "reviewSubmissions", id: submission.id } },
        appStoreVersion: { data: { type: "appStoreVersions", id: version.id } },
      },
    },
  });
  const submitted = await client.patch<SingleDocument<ReviewSubmission>>(path("reviewSubmissions", submission.id), {
    data: { type: "reviewSubmissions", id: submission.id, attributes: { submitted: true } },
  });
  return submitted.data;
}

/** A localization's screenshot sets, one per display type. */
export async function listScreenshotSets(client: AppStoreConnectClient, localizationAscId: string): Promise<AppScreenshotSet[]> {
  const sets: AppScreenshotSet[] = [];
  for await (const page of client.pages<AppScreenshotSet>(path("appStoreVersionLocalizations", localizationAscId, "appScreenshotSets"), { limit: MAX_PAGE_SIZE })) {
    sets.push(...page.data);
  }
  return sets;
}

/** A set's screenshots in display order (the order the App Store shows them). */
export async function listScreenshots(client: AppStoreConnectClient, setAscId: string): Promise<AppScreenshot[]> {
  const screenshots: AppScreenshot[] = [];
  for await (const page of client.pages<AppScreenshot>(path("appScreenshotSets", setAscId, "appScreenshots"), { limit: MAX_PAGE_SIZE })) {
    screenshots.push(...page.data);
  }
  return screenshots;
}
