// revenuecat_user_backfill's work: every customer of the linked RevenueCat project becomes (or
// updates) an app user, page by page, never holding more than one page. Anonymous ids are skipped;
// each identified customer costs three calls (customer with attributes, subscriptions, purchases).
// Each page is written with the point after it (backfill-state.ts), so a run that is cancelled or
// dies is continued by the next run of the project from its last commit; a run that gets through
// every customer removes the point. Upserts make a second run change nothing but timestamps.
import { backfilledUser, type BackfilledUser } from "./app-user";
import { backfillDoneMessage, backfillMessage, type BackfillPace } from "./backfill-progress";
import { clearBackfillPoint, readBackfillPoint, savePage } from "./backfill-state";
import type { RevenueCatClient } from "./client";
import { isAnonymousId } from "./subscription-state";
import { plural } from "@/lib/plural";

/** What the backfill needs of its run (a JobContext has all of it). */
export interface BackfillContext {
  runId: string;
  progress(update: { processed?: number; total?: number | null; message?: string | null }): void;
  isCancelled(): boolean;
  log(message: string, fields?: Record<string, unknown>): void;
}

export interface BackfillResult {
  /** False when the run stopped early (cancelled): the next run continues. */
  completed: boolean;
  backfilled: number;
  skipped: number;
  /** Customers earlier runs had gone through when this one resumed. */
  resumedAfter: number;
  requests: number;
}

export async function backfillRevenueCatUsers(projectId: string, client: RevenueCatClient, context: BackfillContext, options: { pageSize: number }): Promise<BackfillResult> {
  const saved = await readBackfillPoint(projectId);
  const startingAfter = saved?.startingAfter ?? null;
  const earlier = { done: saved?.customersDone ?? 0, skipped: saved?.skipped ?? 0 };
  if (saved) context.log("resuming revenuecat backfill", { startingAfter, customersDone: earlier.done, previousRunId: saved.runId });

  // RevenueCat has no count: one pass of 100-customer pages (a hundredth of the backfill's calls)
  // gives the bar its total and the time left its basis.
  const counting = startingAfter ? `Resuming after ${plural(earlier.done, "customer")}: counting the rest` : "Counting RevenueCat customers";
  context.progress({ processed: 0, total: null, message: `${counting}…` });
  const total = await client.countCustomers(startingAfter, (counted) => context.progress({ message: `${counting}: ${counted} so far` }));

  const startedAt = Date.now();
  const requestsBefore = client.requestCount;
  let backfilled = 0;
  let skipped = 0;
  const pace = (): BackfillPace => ({
    backfilled,
    skipped,
    total,
    resumedAfter: earlier.done,
    elapsedMs: Date.now() - startedAt,
    requests: client.requestCount - requestsBefore,
    budget: client.budget,
    budgetWindowMs: client.budgetWindowMs,
  });
  const result = (completed: boolean): BackfillResult => ({ completed, backfilled, skipped, resumedAfter: earlier.done, requests: client.requestCount - requestsBefore });
  context.progress({ processed: 0, total, message: backfillMessage(pace()) });

  for await (const page of client.customerPages(options.pageSize, startingAfter)) {
    const users: BackfilledUser[] = [];
    let last: string | null = null;
    let pageSkipped = 0;
    let failure: unknown = null;
    for (const customer of page) {
      // Between customers: what this page has done so far is still written below.
      if (context.isCancelled()) break;
      if (isAnonymousId(customer.id)) {
        // Anonymous ids are not app users of their own; the identified alias carries the state.
        pageSkipped += 1;
      } else {
        try {
          users.push(await readUser(client, customer.id));
        } catch (error) {
          failure = error;
          break;
        }
      }
      last = customer.id;
      context.progress({ processed: backfilled + users.length + skipped + pageSkipped, message: backfillMessage({ ...pace(), backfilled: backfilled + users.length, skipped: skipped + pageSkipped }) });
    }
    if (last !== null) {
      await savePage(projectId, context.runId, users, { startingAfter: last, customersDone: earlier.done + backfilled + skipped + users.length + pageSkipped, skipped: earlier.skipped + skipped + pageSkipped });
      backfilled += users.length;
      skipped += pageSkipped;
    }
    // A failure (RevenueCat, the network, a cancel aborting a request) ends the run after the write.
    if (failure) throw failure;
    if (context.isCancelled()) {
      context.progress({ message: `Cancelled: ${backfillMessage(pace())}; the next run continues from here` });
      return result(false);
    }
  }

  await clearBackfillPoint(projectId);
  context.progress({ processed: backfilled + skipped, total: Math.max(total, backfilled + skipped), message: backfillDoneMessage(pace()) });
  context.log("revenuecat backfill finished", { backfilled, skipped, resumedAfter: earlier.done });
  return result(true);
}

// A customer's three calls at once: the budget, not their latency, should set the pace.
async function readUser(client: RevenueCatClient, customerId: string): Promise<BackfilledUser> {
  const [customer, subscriptions, purchases] = await Promise.all([client.customer(customerId), client.subscriptions(customerId), client.purchases(customerId)]);
  return backfilledUser(customer, subscriptions, purchases);
}
