// apple_ads_sync against the Apple Ads sandbox over HTTP, with a real worker: lifetime totals equal
// to the sandbox's own sums, the 12-month window read in totals-only pieces of at most 90 days,
// campaigns kept by adamId when two projects share one Apple Ads account, names for attributed app
// users, one token an hour per credentials, 429s waited out on Apple's schedule, rows of campaigns
// no longer reported removed, and the 04:45 fan-out reaching every connected project.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppleAdsSyncResult } from "@/lib/ads/sync";
import { AppleAdsClient, AppleAdsError } from "@/lib/appleads/client";
import { prisma } from "@/lib/db/prisma";
import { overrideEnv } from "@/lib/env";
import { saveIntegration } from "@/lib/integrations/store";
import { getSenderBoss } from "@/lib/jobs/queue";
import { OCCURRENCE_QUEUE } from "@/lib/jobs/schedules";
import { amount } from "@/sandbox/appleads/data";
import { adGroupTotals, campaignTotals, startAppleAdsSandbox, type AppleAdsSandbox, type SandboxAdsAccount, type SandboxCampaign } from "@/sandbox/appleads/server";
import { deriveKeyPair } from "@/sandbox/appstore/keys";
import type { RunningWorker } from "@/worker/worker";
import { waitForRunEnd } from "../helpers/appstore";
import { createProject, createUser, waitFor } from "../helpers/fixtures";
import { releaseAll } from "../helpers/teardown";
import { setUpTestJobTypes, triggerJob } from "../helpers/test-job-types";
import { startTestWorker } from "../helpers/worker";

const appOne = 1900000001;
const appTwo = 1900000002;
const brand: SandboxCampaign = { id: 1001001, name: "One Brand", adamId: appOne, adGroups: [{ id: 2001001, name: "Brand exact" }, { id: 2001002, name: "Brand broad" }] };
// Started 40 days ago: reported in the last pieces only.
const launch: SandboxCampaign = { id: 1001002, name: "One Launch", adamId: appOne, startedDaysAgo: 40, adGroups: [{ id: 2001003, name: "Launch discovery" }] };
// Stopped before the window began: never reported, never stored.
const retired: SandboxCampaign = { id: 1001005, name: "One Retired", adamId: appOne, startedDaysAgo: 700, endedDaysAgo: 400, adGroups: [{ id: 2001006, name: "Old" }] };
const twoSearch: SandboxCampaign = { id: 1001003, name: "Two Search", adamId: appTwo, adGroups: [{ id: 2001004, name: "Two exact" }] };
const stranger: SandboxCampaign = { id: 1001004, name: "Nobody's App", adamId: 1900000009, adGroups: [{ id: 2001005, name: "Stranger group" }] };

const account = (name: string, uuid: string, orgId: number, campaigns: SandboxCampaign[]): SandboxAdsAccount => ({
  clientId: `SEARCHADS.${uuid}`,
  teamId: `SEARCHADS.${uuid}`,
  keyId: uuid,
  privateKeyPem: deriveKeyPair(`apple_ads_sync test: ${name}`).privateKeyPem,
  orgs: [{ orgId, orgName: name, currency: "USD", timeZone: "UTC", campaigns }],
});
// One account, one org, advertising apps of two projects (and of nobody here).
const shared = account("Shared", "0a1b2c3d-0000-4000-8000-000000000001", 7100001, [brand, launch, retired, twoSearch, stranger]);
// Used by the token test alone, so its token cache starts empty.
const solo = account("Solo", "0a1b2c3d-0000-4000-8000-000000000002", 7100002, [{ id: 1002001, name: "Solo", adamId: 1900000003, adGroups: [{ id: 2002001, name: "Solo group" }] }]);

let sandbox: AppleAdsSandbox;
let worker: RunningWorker;

beforeAll(async () => {
  await setUpTestJobTypes();
  sandbox = await startAppleAdsSandbox({ accounts: [shared, solo] });
  overrideEnv({ APPLE_ADS_API_URL: sandbox.apiUrl, APPLE_ADS_AUTH_URL: sandbox.authUrl });
  worker = await startTestWorker();
});

afterAll(() => releaseAll(worker, sandbox));

const credentials = (of: SandboxAdsAccount) => ({ clientId: of.clientId, teamId: of.teamId, keyId: of.keyId, orgId: String(of.orgs[0]!.orgId), privateKey: of.privateKeyPem });

async function adsProject(of: SandboxAdsAccount, adamIds: number[]) {
  const { team, project } = await createProject();
  for (const adamId of adamIds) {
    await prisma.app.create({ data: { projectId: project.id, name: `App ${adamId}`, platform: "apple", appleAppStoreId: String(adamId), appleAppStoreIdSource: "entered" } });
  }
  await saveIntegration(project.id, "apple_ads", credentials(of));
  const admin = await createUser("admin", team.id);
  return { project, admin };
}

async function sync(target: { project: { id: string }; admin: { id: string } }) {
  const run = await triggerJob({ type: "apple_ads_sync", projectId: target.project.id, source: { kind: "user", userId: target.admin.id } });
  const done = await waitForRunEnd(run.id);
  expect(done.status, done.errorMessage ?? "").toBe("completed");
  return { ...done, result: done.result as unknown as AppleAdsSyncResult };
}

// The window as the test reads the brief: the 12 months up to today (UTC), both ends included.
function expectedWindow() {
  const today = new Date().toISOString().slice(0, 10);
  const start = new Date(`${today}T00:00:00Z`);
  start.setUTCFullYear(start.getUTCFullYear() - 1);
  start.setUTCDate(start.getUTCDate() + 1);
  return { start: start.toISOString().slice(0, 10), end: today };
}
const dayAfter = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
const daysIn = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000) + 1;
const metricsOf = (row: { impressions: bigint; taps: bigint; installs: bigint; spend: { toFixed(digits: number): string } }) => ({
  impressions: row.impressions,
  taps: row.taps,
  installs: row.installs,
  spend: row.spend.toFixed(2),
});
const expectedMetrics = (totals: ReturnType<typeof campaignTotals>) => ({
  impressions: BigInt(totals.impressions),
  taps: BigInt(totals.taps),
  installs: BigInt(totals.tapInstalls + totals.viewInstalls),
  spend: amount(totals.spendCents),
});
const campaignRows = (projectId: string) => prisma.adCampaignLifetime.findMany({ where: { projectId }, orderBy: { campaignId: "asc" } });
const adGroupRows = (projectId: string) => prisma.adAdGroupLifetime.findMany({ where: { projectId }, orderBy: { adGroupId: "asc" } });
type ReportBody = { startTime: string; endTime: string; granularity?: string; returnRowTotals?: boolean };

let one: Awaited<ReturnType<typeof adsProject>>;
let two: Awaited<ReturnType<typeof adsProject>>;

describe("apple_ads_sync", () => {
  beforeAll(async () => {
    one = await adsProject(shared, [appOne]);
    two = await adsProject(shared, [appTwo]);
  });

  it("stores lifetime totals of the project's own campaigns and ad groups, equal to the sandbox's sums over the window", async () => {
    const window = expectedWindow();
    const { result } = await sync(one);
    expect(result).toMatchObject({ org_id: "7100001", window, apps: 1, chunks_read: 5, campaigns_stored: 2, ad_groups_stored: 3, other_apps_campaigns: 2, rate_limited: 0 });

    const campaigns = await campaignRows(one.project.id);
    const app = await prisma.app.findFirstOrThrow({ where: { projectId: one.project.id } });
    expect(campaigns.map((row) => [row.campaignId, row.adamId, row.appId, row.name, row.status, row.currency, row.orgId])).toEqual([
      ["1001001", String(appOne), app.id, "One Brand", "ENABLED", "USD", "7100001"],
      ["1001002", String(appOne), app.id, "One Launch", "ENABLED", "USD", "7100001"],
    ]);
    for (const [row, campaign] of [
      [campaigns[0]!, brand],
      [campaigns[1]!, launch],
    ] as const) {
      const expected = campaignTotals(campaign, window.start, window.end);
      expect(expected.impressions).toBeGreaterThan(0);
      expect(metricsOf(row), campaign.name).toEqual(expectedMetrics(expected));
      expect([row.windowStart.toISOString().slice(0, 10), row.windowEnd.toISOString().slice(0, 10)]).toEqual([window.start, window.end]);
    }
    const adGroups = await adGroupRows(one.project.id);
    expect(adGroups.map((row) => [row.adGroupId, row.campaignId, row.name])).toEqual([
      ["2001001", "1001001", "Brand exact"],
      ["2001002", "1001001", "Brand broad"],
      ["2001003", "1001002", "Launch discovery"],
    ]);
    const groupsOf = [brand.adGroups[0]!, brand.adGroups[1]!, launch.adGroups[0]!];
    const campaignOf = [brand, brand, launch];
    for (const [index, row] of adGroups.entries()) expect(metricsOf(row)).toEqual(expectedMetrics(adGroupTotals(campaignOf[index]!, groupsOf[index]!, window.start, window.end)));
    // Ad groups add up to their campaign.
    expect(adGroups[0]!.spend.plus(adGroups[1]!.spend).toFixed(2)).toBe(campaigns[0]!.spend.toFixed(2));
  });

  it("reads the window in totals-only report pieces of at most 90 days, with no gap or overlap, and ad-group reports only for its own campaigns", async () => {
    const window = expectedWindow();
    const since = sandbox.log.length;
    await sync(one);
    const requests = sandbox.log.slice(since);
    const pieces = requests.filter((entry) => entry.path === "/api/v5/reports/campaigns").map((entry) => entry.body as ReportBody);
    expect(pieces.length).toBe(5);
    expect(pieces[0]!.startTime).toBe(window.start);
    expect(pieces.at(-1)!.endTime).toBe(window.end);
    for (const [index, piece] of pieces.entries()) {
      expect(daysIn(piece.startTime, piece.endTime)).toBeLessThanOrEqual(90);
      expect(piece.granularity).toBeUndefined();
      expect(piece.returnRowTotals).toBe(true);
      if (index > 0) expect(piece.startTime).toBe(dayAfter(pieces[index - 1]!.endTime));
    }
    expect(pieces.reduce((days, piece) => days + daysIn(piece.startTime, piece.endTime), 0)).toBe(daysIn(window.start, window.end));

    // One ad-group report per own campaign per piece it had metrics in, over the same range.
    const adGroupReports = requests.filter((entry) => /\/adgroups$/.test(entry.path)).map((entry) => [entry.path.split("/")[5], (entry.body as ReportBody).startTime, (entry.body as ReportBody).endTime]);
    const expected = pieces.flatMap((piece) =>
      [brand, launch].filter((campaign) => campaignTotals(campaign, piece.startTime, piece.endTime).impressions > 0).map((campaign) => [String(campaign.id), piece.startTime, piece.endTime]),
    );
    expect(adGroupReports.sort()).toEqual(expected.sort());
    expect(expected.filter(([id]) => id === String(launch.id)).length).toBeLessThan(5);

    // The sandbox refuses what Apple refuses: a DAILY report over more than 90 days.
    const client = new AppleAdsClient({ apiUrl: sandbox.apiUrl, authUrl: sandbox.authUrl, credentials: credentials(shared) });
    const response = await fetch(`${sandbox.apiUrl}/reports/campaigns`, {
      method: "POST",
      headers: { Authorization: `Bearer ${await client.accessToken()}`, "X-AP-Context": "orgId=7100001", "Content-Type": "application/json" },
      body: JSON.stringify({ startTime: pieces[3]!.startTime, endTime: window.end, granularity: "DAILY", selector: { orderBy: [{ field: "campaignId", sortOrder: "ASCENDING" }] } }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ data: null, pagination: null, error: { errors: [{ messageCode: "INVALID_INPUT", message: expect.stringContaining("DAILY granularity covers at most 90 days"), field: "endTime" }] } });
  });

  it("keeps only campaigns of the project's own apps when two projects share one Apple Ads account", async () => {
    const { result } = await sync(two);
    expect(result).toMatchObject({ campaigns_stored: 1, ad_groups_stored: 1, other_apps_campaigns: 3 });
    expect((await campaignRows(two.project.id)).map((row) => [row.campaignId, row.adamId, row.name])).toEqual([["1001003", String(appTwo), "Two Search"]]);
    expect((await adGroupRows(two.project.id)).map((row) => row.adGroupId)).toEqual(["2001004"]);
    // The other project's rows are its own, untouched.
    expect((await campaignRows(one.project.id)).map((row) => row.campaignId)).toEqual(["1001001", "1001002"]);
    const window = expectedWindow();
    expect(metricsOf((await campaignRows(two.project.id))[0]!)).toEqual(expectedMetrics(campaignTotals(twoSearch, window.start, window.end)));
  });

  it("names the campaigns and ad groups of app users Apple's ads brought, and only theirs", async () => {
    const user = (appUserId: string, fields: { mediaSource: string; campaign: string; adGroup?: string; campaignName?: string }) =>
      prisma.appUser.create({ data: { projectId: one.project.id, appUserId, subscriptionStatus: "active", hasAccess: true, syncedAt: new Date(), ...fields } });
    await user("asa-brand", { mediaSource: "Apple Search Ads", campaign: "1001001", adGroup: "2001001" });
    // Another project's campaign in the same org: still this user's attribution.
    await user("asa-two", { mediaSource: "apple ads", campaign: "1001003", adGroup: "2001004" });
    await user("asa-named", { mediaSource: "APPLE SEARCH ADS", campaign: "1001002", adGroup: "2001003", campaignName: "Kept as it was" });
    await user("asa-unknown", { mediaSource: "Apple Search Ads", campaign: "999999" });
    await user("facebook", { mediaSource: "Facebook Ads", campaign: "1001001", adGroup: "2001001" });
    await user("asa-by-name", { mediaSource: "Apple Search Ads", campaign: "Spring Sale" });

    const since = sandbox.log.length;
    const { result } = await sync(one);
    expect(result.names_resolved).toEqual({ campaigns: 2, ad_groups: 3, app_users: 5, unresolved: 1 });
    const names = Object.fromEntries(
      (await prisma.appUser.findMany({ where: { projectId: one.project.id } })).map((row) => [row.appUserId, [row.campaignName, row.adGroupName]]),
    );
    expect(names).toEqual({
      "asa-brand": ["One Brand", "Brand exact"],
      "asa-two": ["Two Search", "Two exact"],
      "asa-named": ["Kept as it was", "Launch discovery"],
      "asa-unknown": [null, null],
      facebook: [null, null],
      "asa-by-name": [null, null],
    });
    // The campaign list once, the unknown id asked about once, each campaign's ad groups once.
    const lookups = sandbox.log.slice(since).filter((entry) => entry.method === "GET").map((entry) => `${entry.status} ${entry.path}`);
    expect(lookups.sort()).toEqual(
      ["200 /api/v5/campaigns", "404 /api/v5/campaigns/999999", "200 /api/v5/campaigns/1001001/adgroups", "200 /api/v5/campaigns/1001002/adgroups", "200 /api/v5/campaigns/1001003/adgroups"].sort(),
    );

    // Named users are not asked about again; the unknown id is.
    const again = await sync(one);
    expect(again.result.names_resolved).toEqual({ campaigns: 0, ad_groups: 0, app_users: 0, unresolved: 1 });
  });

  it("asks for one token an hour per credentials, shared by every run and client in the process", async () => {
    const project = await adsProject(solo, [1900000003]);
    const since = sandbox.log.length;
    const first = await sync(project);
    const second = await sync(project);
    const requests = sandbox.log.slice(since);
    expect(requests.filter((entry) => entry.path === "/auth/oauth2/token" && entry.clientId === solo.clientId)).toHaveLength(1);
    expect([first.result.token_requests, second.result.token_requests]).toEqual([1, 0]);
    // Both runs called the API with it, each through a client of its own.
    expect(first.result.requests).toBeGreaterThan(5);
    expect(second.result.requests).toBe(first.result.requests);
    expect(requests.filter((entry) => entry.orgId === "7100002" && entry.status === 200).length).toBe(first.result.requests * 2);
    expect((await campaignRows(project.project.id)).map((row) => row.campaignId)).toEqual(["1002001"]);
  });

  it("retries a 429 after 2, 4, 8 and 16 times the base wait, then fails saying so", async () => {
    const client = new AppleAdsClient({ apiUrl: sandbox.apiUrl, authUrl: sandbox.authUrl, credentials: credentials(shared), backoffBaseMs: 25 });
    await client.accessToken();
    let since = sandbox.log.length;
    sandbox.failNext(4);
    expect((await client.campaigns()).map((campaign) => campaign.id)).toEqual([brand.id, launch.id, retired.id, twoSearch.id, stranger.id]);
    const attempts = sandbox.log.slice(since);
    expect(attempts.map((entry) => `${entry.status} ${entry.path}`)).toEqual([...Array(4).fill("429 /api/v5/campaigns"), "200 /api/v5/campaigns"]);
    const waits = attempts.slice(1).map((entry, index) => entry.at - attempts[index]!.at);
    for (const [index, wait] of waits.entries()) expect(wait, `wait ${index + 1}`).toBeGreaterThanOrEqual(25 * 2 ** index - 2);
    expect(client.stats.rateLimited).toBe(4);

    since = sandbox.log.length;
    sandbox.failNext(5);
    const refused = await client.campaigns().catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(AppleAdsError);
    expect((refused as AppleAdsError).message).toBe("Apple Ads 429 RATE_LIMIT_EXCEEDED: still rate limited after 4 retries over 0.375 s (GET /campaigns)");
    expect(sandbox.log.slice(since).map((entry) => entry.status)).toEqual([429, 429, 429, 429, 429]);
  });

  it("waits Apple's 2 s after a 429 in a run, and carries on", async () => {
    const since = sandbox.log.length;
    sandbox.failNext(1);
    const { result } = await sync(two);
    expect(result).toMatchObject({ rate_limited: 1, campaigns_stored: 1 });
    const requests = sandbox.log.slice(since).filter((entry) => entry.path.startsWith("/api/v5/"));
    const refused = requests.findIndex((entry) => entry.status === 429);
    expect(refused).toBe(0);
    const retried = requests[refused + 1]!;
    expect([retried.path, retried.status]).toEqual([requests[refused]!.path, 200]);
    expect(retried.at - requests[refused]!.at).toBeGreaterThanOrEqual(1990);
  });

  it("removes the rows of a campaign the reports no longer show", async () => {
    const campaigns = sandbox.org(7100001).campaigns!;
    const index = campaigns.indexOf(launch);
    campaigns.splice(index, 1);
    try {
      const { result } = await sync(one);
      expect(result).toMatchObject({ campaigns_stored: 1, ad_groups_stored: 2, campaigns_removed: 1, ad_groups_removed: 1 });
      expect((await campaignRows(one.project.id)).map((row) => row.campaignId)).toEqual(["1001001"]);
      expect((await adGroupRows(one.project.id)).map((row) => row.adGroupId)).toEqual(["2001001", "2001002"]);
      // Another project sharing the account keeps its own.
      expect((await campaignRows(two.project.id)).map((row) => row.campaignId)).toEqual(["1001003"]);
    } finally {
      campaigns.splice(index, 0, launch);
    }
  });

  it("fans out at 04:45 UTC over every project connected to Apple Ads", async () => {
    const schedule = await worker.boss.getSchedule(OCCURRENCE_QUEUE, "apple_ads_sync");
    expect(schedule).toMatchObject({ cron: "45 4 * * *", timezone: "UTC" });
    const unconnected = await createProject();
    await prisma.app.create({ data: { projectId: unconnected.project.id, name: "Unconnected", platform: "apple", appleAppStoreId: "1900000004", appleAppStoreIdSource: "entered" } });
    const connected = await prisma.integration.findMany({ where: { kind: "apple_ads" }, select: { projectId: true } });
    expect(connected.length).toBe(3);

    // What the cron sends at 04:45.
    await (await getSenderBoss()).send(OCCURRENCE_QUEUE, { type: "apple_ads_sync", projectId: null });
    const fanOut = await waitFor(
      () => prisma.jobRun.findFirst({ where: { type: "apple_ads_sync", projectId: null } }),
      (run) => run !== null && !["pending", "running"].includes(run.status),
    );
    expect(fanOut).toMatchObject({ status: "completed", triggerKind: "schedule" });
    const outcomes = (fanOut!.result as { outcomes: Array<{ projectId: string; status: string }> }).outcomes;
    expect(outcomes.map((outcome) => [outcome.projectId, outcome.status]).sort()).toEqual(connected.map((row) => [row.projectId, "completed"]).sort());
    expect(outcomes.map((outcome) => outcome.projectId)).not.toContain(unconnected.project.id);
    for (const project of [one.project, two.project]) {
      const rows = await campaignRows(project.id);
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) expect(row.syncedAt.getTime()).toBeGreaterThanOrEqual(fanOut!.startedAt!.getTime());
    }
  });
});
