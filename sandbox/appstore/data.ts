// Deterministic App Store Connect data for the sandbox: the same app id and seed always give the
// same versions, localizations, screenshots, builds and reviews, so tests can assert exact counts.
// The records are the sandbox's in-memory state; server.ts renders them as JSON:API resources.
import type {
  AppScreenshotAttributes,
  AppStoreVersionAttributes,
  AppStoreVersionLocalizationAttributes,
  BuildAttributes,
  CustomerReviewAttributes,
  ReviewSubmissionAttributes,
} from "@/lib/appstore/types";
import { random } from "../random";

export interface SandboxVersion extends AppStoreVersionAttributes {
  id: string;
  buildId: string | null;
}
export interface SandboxLocalization extends AppStoreVersionLocalizationAttributes {
  id: string;
  versionId: string;
}
export interface SandboxBuild extends BuildAttributes {
  id: string;
}
export interface SandboxReview extends CustomerReviewAttributes {
  id: string;
  responseId: string | null;
}
export interface SandboxResponse {
  id: string;
  reviewId: string;
  responseBody: string;
  lastModifiedDate: string;
  /** When Apple publishes it; until then its state is PENDING_PUBLISH. */
  publishAt: number;
}
export interface SandboxSubmission extends ReviewSubmissionAttributes {
  id: string;
  versionIds: string[];
}
export interface SandboxScreenshotSet {
  id: string;
  localizationId: string;
  screenshotDisplayType: string;
}
export interface SandboxScreenshot extends AppScreenshotAttributes {
  id: string;
  setId: string;
}

export interface SandboxAppData {
  appId: string;
  versions: SandboxVersion[];
  localizations: SandboxLocalization[];
  screenshotSets: SandboxScreenshotSet[];
  /** In display order within each set: App Store Connect lists a set's screenshots this way. */
  screenshots: SandboxScreenshot[];
  builds: SandboxBuild[];
  /** Newest first. */
  reviews: SandboxReview[];
  responses: Map<string, SandboxResponse>;
  submissions: SandboxSubmission[];
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW = Date.UTC(2026, 10, 1);
const iso = (ms: number) => new Date(ms).toISOString();

const copy: Record<string, { description: string; keywords: string; whatsNew: string; promotionalText: string }> = {
  "en-US": { description: "Plan your week, track habits and get gentle reminders.", keywords: "planner,habits,tasks,reminders,focus", whatsNew: "Bug fixes and performance improvements.", promotionalText: "Now with widgets!" },
  "de-DE": { description: "Plane deine Woche, verfolge Gewohnheiten und erhalte Erinnerungen.", keywords: "planer,gewohnheiten,aufgaben,erinnerungen", whatsNew: "Fehlerbehebungen und Verbesserungen.", promotionalText: "Jetzt mit Widgets!" },
  "fr-FR": { description: "Planifiez votre semaine, suivez vos habitudes et recevez des rappels.", keywords: "agenda,habitudes,tâches,rappels", whatsNew: "Corrections de bugs et améliorations.", promotionalText: "Désormais avec des widgets !" },
  "ja-JP": { description: "1週間の計画、習慣の記録、やさしいリマインダー。", keywords: "プランナー,習慣,タスク,リマインダー", whatsNew: "不具合の修正とパフォーマンスの改善。", promotionalText: "ウィジェットに対応しました！" },
};
const versionPlan = [
  { versionString: "2.2.0", appVersionState: "REPLACED_WITH_NEW_VERSION", ageDays: 120, build: "104", locales: ["en-US", "de-DE", "fr-FR"] },
  { versionString: "2.3.0", appVersionState: "READY_FOR_DISTRIBUTION", ageDays: 60, build: "108", locales: ["en-US", "de-DE", "fr-FR", "ja-JP"] },
  { versionString: "2.4.0", appVersionState: "PREPARE_FOR_SUBMISSION", ageDays: 5, build: null, locales: ["en-US", "de-DE", "fr-FR", "ja-JP"] },
];
const BUILD_COUNT = 12;
const territories = ["USA", "USA", "USA", "GBR", "DEU", "FRA", "JPN", "CAN", "AUS", "BRA", "IND", "ESP", "ITA", "NLD"];
const ratings = [5, 5, 5, 5, 4, 4, 3, 2, 1];
const titles: Record<number, string[]> = {
  5: ["Love it", "Exactly what I needed", "Best planner app"],
  4: ["Really good", "Almost perfect", "Great, one wish"],
  3: ["It's fine", "Decent", "Could be better"],
  2: ["Frustrating", "Sync issues", "Too many prompts"],
  1: ["Crashes on launch", "Lost my data", "Doesn't work"],
};
const nicknames = ["sunny", "planner", "coffee", "night_owl", "busybee", "nomad", "pixel", "maple"];
// Display types with the pixel size Apple asks for; each localization has the 6.7" set and one or
// two more, in this order.
const displayTypes = [
  { type: "APP_IPHONE_67", width: 1290, height: 2796 },
  { type: "APP_IPHONE_65", width: 1242, height: 2688 },
  { type: "APP_IPHONE_55", width: 1242, height: 2208 },
  { type: "APP_IPAD_PRO_3GEN_129", width: 2048, height: 2732 },
];

// Ids shaped like App Store Connect's UUIDs, drawn from a seeded stream.
function idsFrom(next: () => number) {
  const hex = (length: number) => Array.from({ length }, () => Math.floor(next() * 16).toString(16)).join("");
  return { hex, uuid: () => `${hex(8)}-${hex(4)}-${hex(4)}-${hex(4)}-${hex(12)}` };
}

export function generateAppStoreApp(appId: string, options: { seed?: number; reviewCount?: number } = {}): SandboxAppData {
  const next = random(options.seed ?? 42);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const { uuid } = idsFrom(next);

  const builds: SandboxBuild[] = [];
  for (let index = 0; index < BUILD_COUNT; index += 1) {
    const number = 101 + index;
    const uploaded = NOW - (BUILD_COUNT - index) * 11 * DAY + Math.floor(next() * 8) * HOUR;
    const processingState = number === 111 ? "PROCESSING" : number === 110 ? "INVALID" : "VALID";
    builds.push({
      id: uuid(),
      version: String(number),
      uploadedDate: iso(uploaded),
      expirationDate: iso(uploaded + 90 * DAY),
      expired: uploaded + 90 * DAY < NOW,
      minOsVersion: "16.0",
      processingState,
      buildAudienceType: "APP_STORE_ELIGIBLE",
      usesNonExemptEncryption: false,
    });
  }

  const versions: SandboxVersion[] = [];
  const localizations: SandboxLocalization[] = [];
  for (const plan of versionPlan) {
    const version: SandboxVersion = {
      id: uuid(),
      platform: "IOS",
      versionString: plan.versionString,
      appVersionState: plan.appVersionState,
      copyright: "2026 Acme Inc.",
      releaseType: "AFTER_APPROVAL",
      earliestReleaseDate: null,
      downloadable: plan.appVersionState === "READY_FOR_DISTRIBUTION",
      createdDate: iso(NOW - plan.ageDays * DAY),
      buildId: builds.find((build) => build.version === plan.build)?.id ?? null,
    };
    versions.push(version);
    for (const locale of plan.locales) {
      const text = copy[locale]!;
      localizations.push({
        id: uuid(),
        versionId: version.id,
        locale,
        description: text.description,
        keywords: text.keywords,
        whatsNew: `${plan.versionString}: ${text.whatsNew}`,
        promotionalText: text.promotionalText,
        marketingUrl: "https://example.com/app",
        supportUrl: "https://example.com/support",
      });
    }
  }

  const reviews: SandboxReview[] = [];
  const responses = new Map<string, SandboxResponse>();
  let created = NOW - HOUR;
  for (let index = 0; index < (options.reviewCount ?? 312); index += 1) {
    const rating = pick(ratings);
    const review: SandboxReview = {
      id: uuid(),
      rating,
      title: pick(titles[rating]!),
      body: `${rating >= 4 ? "Works well for me" : "Not great so far"}, review #${index + 1}.`,
      reviewerNickname: `${pick(nicknames)}${Math.floor(next() * 1000)}`,
      createdDate: iso(created),
      territory: pick(territories),
      responseId: null,
    };
    if (next() < 0.25) {
      const response: SandboxResponse = {
        id: uuid(),
        reviewId: review.id,
        responseBody: rating >= 4 ? "Thank you for the kind words!" : "Sorry about that. Please write to support@example.com.",
        lastModifiedDate: iso(created + Math.floor(next() * 48) * HOUR),
        publishAt: 0,
      };
      responses.set(response.id, response);
      review.responseId = response.id;
    }
    reviews.push(review);
    created -= (1 + Math.floor(next() * 40)) * HOUR;
  }

  // Screenshots draw from a stream of their own, so adding them left every other record (and the
  // demo's data) as it was, and the review count does not change them.
  const { screenshotSets, screenshots } = generateScreenshots(localizations, versions, random((options.seed ?? 42) + 0x5c5e));
  return { appId, versions, localizations, screenshotSets, screenshots, builds, reviews, responses, submissions: [] };
}

function generateScreenshots(localizations: SandboxLocalization[], versions: SandboxVersion[], next: () => number) {
  const { hex, uuid } = idsFrom(next);
  const screenshotSets: SandboxScreenshotSet[] = [];
  const screenshots: SandboxScreenshot[] = [];
  for (const localization of localizations) {
    const version = versions.find((candidate) => candidate.id === localization.versionId)!;
    const others = displayTypes.slice(1).filter(() => next() < 0.5).slice(0, 2);
    const types = [displayTypes[0]!, ...(others.length > 0 ? others : [displayTypes[1]!])];
    types.forEach((display, setIndex) => {
      const set: SandboxScreenshotSet = { id: uuid(), localizationId: localization.id, screenshotDisplayType: display.type };
      screenshotSets.push(set);
      const length = 3 + Math.floor(next() * 4);
      for (let position = 0; position < length; position += 1) {
        const fileName = `${localization.locale}_${display.type.toLowerCase()}_${position + 1}.png`;
        // The version being prepared is still uploading its last 6.7" screenshot: no image yet.
        const uploading = version.appVersionState === "PREPARE_FOR_SUBMISSION" && setIndex === 0 && position === length - 1;
        screenshots.push({
          id: uuid(),
          setId: set.id,
          fileName,
          fileSize: 400_000 + Math.floor(next() * 1_600_000),
          sourceFileChecksum: hex(32),
          imageAsset: uploading
            ? null
            : { templateUrl: `https://is1-ssl.mzstatic.com/image/thumb/PurpleSource/v4/${hex(2)}/${hex(2)}/${hex(2)}/${uuid()}/${fileName}/{w}x{h}bb.{f}`, width: display.width, height: display.height },
          assetDeliveryState: { state: uploading ? "UPLOAD_COMPLETE" : "COMPLETE", errors: [], warnings: [] },
        });
      }
    });
  }
  return { screenshotSets, screenshots };
}
