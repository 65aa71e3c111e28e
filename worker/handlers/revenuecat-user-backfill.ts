// revenuecat_user_backfill: the project's RevenueCat connection, a client paced to its budget, and
// the backfill itself (lib/revenuecat/backfill.ts), which resumes where an earlier run stopped.
import { env } from "@/lib/env";
import { requireIntegration } from "@/lib/integrations/store";
import type { JobHandler } from "@/lib/jobs/handler";
import { backfillRevenueCatUsers } from "@/lib/revenuecat/backfill";
import { RevenueCatClient } from "@/lib/revenuecat/client";

const revenuecatUserBackfill: JobHandler<"revenuecat_user_backfill"> = async (params, context) => {
  const { config, secrets } = await requireIntegration(context.project.id, "revenuecat");
  const client = new RevenueCatClient({
    baseUrl: env.REVENUECAT_API_URL,
    apiKey: secrets.apiKey,
    projectId: config.revenuecatProjectId,
    signal: context.signal,
    // The bar keeps its counts; the message says why it is not moving.
    onRateLimited: (waitMs) => context.progress({ message: `Rate limited by RevenueCat, waiting ${Math.ceil(waitMs / 1000)}s` }),
    onRetry: (status, waitMs) => context.progress({ message: `RevenueCat answered ${status}, trying again in ${Math.ceil(waitMs / 1000)}s` }),
  });
  return backfillRevenueCatUsers(context.project.id, client, context, { pageSize: params.pageSize });
};

export default revenuecatUserBackfill;
