// app_store_ratings_sync: one project's Apple apps (its manual trigger), or, in the daily fan-out,
// every eligible project's at once: the projects are claimed together so one iTunes Lookup request
// per storefront covers every app being synced (lib/ratings/sync.ts).
import type { JobHandler, ProjectOutcome } from "@/lib/jobs/handler";
import { syncRatings } from "@/lib/ratings/sync";

const ratingsSync: JobHandler<"app_store_ratings_sync"> = {
  project: async (_params, context) => {
    const results = await syncRatings([context.project], context);
    return results.get(context.project.id);
  },
  allProjects: async (_params, context) => {
    const { claimed, skipped } = await context.claimProjects();
    const results = await syncRatings(claimed, context);
    const cancelled = context.isCancelled();
    const outcomes: ProjectOutcome[] = claimed.map((project) => {
      const result = results.get(project.id);
      const failedApps = result?.apps.filter((app) => app.error) ?? [];
      if (cancelled) return { project, status: "cancelled", result, reason: "The run was cancelled before every storefront was read" };
      // A project none of whose apps the App Store knows has nothing synced: that is its failure.
      if (result && result.apps.length > 0 && failedApps.length === result.apps.length) return { project, status: "failed", result, error: failedApps.map((app) => app.error).join("; ") };
      return { project, status: "completed", result };
    });
    return [...outcomes, ...skipped];
  },
};

export default ratingsSync;
