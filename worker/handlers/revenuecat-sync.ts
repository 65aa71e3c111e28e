// revenuecat_sync: pages through the project's RevenueCat customers and upserts each app user with
// its subscription state. Two passes, because RevenueCat's list endpoint has no total count: first
// a count (100-customer pages, nothing kept), then the customers again page by page, one
// subscriptions call each, with a known total. No pass holds more than one page in memory.
import { prisma } from "@/lib/db/prisma";
import { env } from "@/lib/env";
import { requireIntegration } from "@/lib/integrations/store";
import type { JobHandler } from "@/lib/jobs/handler";
import { plural } from "@/lib/plural";
import { RevenueCatClient } from "@/lib/revenuecat/client";
import { isAnonymousId, subscriptionState } from "@/lib/revenuecat/subscription-state";

const revenuecatSync: JobHandler<"revenuecat_sync"> = async (params, context) => {
  const projectId = context.project.id;
  const { config, secrets } = await requireIntegration(projectId, "revenuecat");

  const client = new RevenueCatClient({
    baseUrl: env.REVENUECAT_API_URL,
    apiKey: secrets.apiKey,
    projectId: config.revenuecatProjectId,
    signal: context.signal,
    // The bar keeps its counts; the message says why it is not moving.
    onRateLimited: (waitMs) => context.progress({ message: `Rate limited by RevenueCat, waiting ${Math.ceil(waitMs / 1000)}s` }),
  });

  const counted = await client.countCustomers(null, (listed) => context.progress({ processed: 0, total: null, message: `Listing RevenueCat customers: ${listed} found` }));
  if (context.isCancelled()) return { listed: counted, synced: 0, skipped: 0 };

  let synced = 0;
  let skipped = 0;
  let total = counted;
  let pageNumber = 0;
  context.progress({ processed: 0, total, message: `Found ${plural(total, "customer")}` });
  context.log(`Counted ${plural(counted, "RevenueCat customer")}`, { customers: counted, pageSize: params.pageSize });
  pages: for await (const page of client.customerPages(params.pageSize)) {
    pageNumber += 1;
    for (const customer of page) {
      if (context.isCancelled()) break pages;
      if (isAnonymousId(customer.id)) {
        // Anonymous ids are not app users of their own; the identified alias carries the state.
        skipped += 1;
      } else {
        const state = subscriptionState(await client.subscriptions(customer.id));
        const fields = {
          ...state,
          firstSeenAt: new Date(customer.first_seen_at),
          lastSeenAt: customer.last_seen_at === null ? null : new Date(customer.last_seen_at),
          syncedAt: new Date(),
        };
        await prisma.appUser.upsert({
          where: { projectId_appUserId: { projectId, appUserId: customer.id } },
          create: { projectId, appUserId: customer.id, ...fields },
          update: fields,
        });
        synced += 1;
      }
      // Customers who signed up between the passes lengthen the bar rather than overflow it.
      total = Math.max(total, synced + skipped);
      context.progress({ processed: synced + skipped, total, message: `Synced ${plural(synced, "user")}, ${skipped} skipped` });
    }
    context.log(`Synced page ${pageNumber}`, { customers: page.length, synced, skipped });
  }
  context.log("revenuecat sync finished", { synced, skipped, total });
  return { synced, skipped, total };
};

export default revenuecatSync;
