// The steps pull_all and pull_changes share: copy versions with their localizations, builds, and
// customer reviews with their responses from App Store Connect into the project's tables. Each step
// checks for cancellation between pages and reports what it has stored so far.
import type { JobContext } from "@/lib/jobs/handler";
import { plural } from "@/lib/plural";
import { buildPages, listLocalizations, listVersions, responsesOf, reviewPages } from "./api";
import type { AppStoreSession } from "./client";
import { knownReviewIds, saveReviews } from "./reviews";
import { saveBuilds, saveLocalizations, saveVersion } from "./store";
import type { CustomerReview } from "./types";

export interface PullTally {
  versions: number;
  localizations: number;
  builds: number;
  reviews: number;
}

export const emptyTally = (): PullTally => ({ versions: 0, localizations: 0, builds: 0, reviews: 0 });
export const stored = (tally: PullTally) => tally.versions + tally.localizations + tally.builds + tally.reviews;

// Versions that can no longer change: an incremental pull leaves their localizations alone.
const settledStates = new Set(["REPLACED_WITH_NEW_VERSION"]);

export async function pullVersions(session: AppStoreSession, context: JobContext, tally: PullTally, options: { skipSettled: boolean }): Promise<void> {
  const versions = await listVersions(session.client, session.appId);
  for (const version of versions) {
    if (context.isCancelled()) return;
    const versionId = await saveVersion(session.projectId, version);
    tally.versions += 1;
    if (options.skipSettled && settledStates.has(version.attributes.appVersionState)) continue;
    const localizations = await listLocalizations(session.client, version.id);
    await saveLocalizations(session.projectId, versionId, localizations);
    tally.localizations += localizations.length;
    context.progress({ processed: stored(tally), message: `Pulled ${tally.versions} of ${plural(versions.length, "version")} (${plural(tally.localizations, "localization")})` });
  }
}

/** All builds, or only the newest page of them. */
export async function pullBuilds(session: AppStoreSession, context: JobContext, tally: PullTally, options: { newest?: number } = {}): Promise<void> {
  for await (const page of buildPages(session.client, session.appId, options.newest)) {
    await saveBuilds(session.projectId, page.data);
    tally.builds += page.data.length;
    context.progress({ processed: stored(tally), message: `Pulled ${plural(tally.builds, "build")}` });
    if (options.newest || context.isCancelled()) return;
  }
}

export interface ReviewsPulled {
  /** Reviews App Store Connect listed. */
  seen: number;
  /** Of those, stored for the first time. */
  inserted: number;
  /** The newest of the inserted ones (at most `keepNewest`), for notifications. */
  newest: CustomerReview[];
  /** Known reviews whose reply changed. */
  responsesChanged: number;
}

/**
 * Reviews newest first into the session's app. With `untilKnown`, stops at the first review the app
 * already has: everything after it in -createdDate order is older and was stored by an earlier pull.
 * Without it, every page is read, which is how replies to older reviews are refreshed.
 */
export async function pullReviews(
  session: AppStoreSession,
  context: JobContext,
  tally: PullTally,
  options: { pageSize: number; untilKnown: boolean; keepNewest?: number },
): Promise<ReviewsPulled> {
  const target = { projectId: session.projectId, appId: session.localAppId };
  const pulled: ReviewsPulled = { seen: 0, inserted: 0, newest: [], responsesChanged: 0 };
  const before = stored(tally);
  for await (const page of reviewPages(session.client, session.appId, options.pageSize)) {
    let reviews = page.data;
    let reachedKnown = false;
    if (options.untilKnown && reviews.length > 0) {
      const known = await knownReviewIds(session.localAppId, reviews.map((review) => review.id));
      const firstKnown = reviews.findIndex((review) => known.has(review.id));
      if (firstKnown !== -1) {
        reviews = reviews.slice(0, firstKnown);
        reachedKnown = true;
      }
    }
    const saved = await saveReviews(target, reviews, responsesOf(page.included));
    pulled.seen += reviews.length;
    pulled.inserted += saved.inserted.length;
    pulled.responsesChanged += saved.responsesChanged;
    pulled.newest.push(...saved.inserted.slice(0, Math.max(0, (options.keepNewest ?? 0) - pulled.newest.length)));
    tally.reviews += reviews.length;
    if (options.untilKnown) {
      context.progress({ processed: stored(tally), message: `Pulled ${plural(tally.reviews, "new review")}` });
    } else {
      // A full pull knows how many reviews there are from the first page on.
      const total = page.meta?.paging.total ?? null;
      context.progress({
        processed: stored(tally),
        total: total === null ? null : before + total,
        message: total === null ? `Pulled ${plural(tally.reviews, "review")}` : `Pulled ${tally.reviews} of ${plural(total, "review")}`,
      });
    }
    if (reachedKnown || context.isCancelled()) break;
  }
  return pulled;
}
