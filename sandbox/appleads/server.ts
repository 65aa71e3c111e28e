// A local Apple Ads sandbox (INTEGRATIONS.md §4, "Sandbox quirks" 5): Apple's OAuth token
// endpoint (./auth.ts) and the Campaign Management API: the `X-AP-Context` check, the
// `{ data, pagination, error }` envelope, ACLs, campaigns and ad groups with limit/offset paging
// (at most 1000), and reports within Apple's range rules (./reports.ts) over generated daily
// metrics (./data.ts). Every request is logged (report bodies included); `failNext` makes the next
// API requests fail, e.g. with a 429 that carries no hints. Test hooks are plain methods, never
// reachable over HTTP. It serves the demo and the tests.
import type { IncomingMessage, ServerResponse } from "node:http";
import { demoAppStoreProject } from "../appstore/server";
import { deriveKeyPair } from "../appstore/keys";
import { listen, readBody, sendJson } from "../http";
import { adsTokens } from "./auth";
import { adGroupDay, amount, type SandboxAdsAccount, type SandboxAdsOrg, type SandboxCampaign } from "./data";
import { adGroupMetadata, campaignSubject, envelope, errorEnvelope, report, type SandboxReply } from "./reports";

export type { SandboxAdGroup, SandboxAdsAccount, SandboxAdsOrg, SandboxCampaign } from "./data";
export { adGroupTotals, campaignTotals } from "./data";

export interface AppleAdsSandboxOptions {
  port?: number;
  delayMs?: number;
  accounts: SandboxAdsAccount[];
  /** Seconds an access token lives (Apple: 3600). */
  tokenSeconds?: number;
}

export interface AdsRequestRecord {
  method: string;
  path: string;
  status: number;
  /** The JSON body of a report request. */
  body?: unknown;
  /** The org of `X-AP-Context`, when sent. */
  orgId?: string;
  /** The `client_id` of a token request. */
  clientId?: string;
  /** Milliseconds since the epoch, when the request arrived. */
  at: number;
}

export interface AppleAdsSandbox {
  /** The Campaign Management API base, e.g. http://127.0.0.1:4012/api/v5 */
  apiUrl: string;
  /** The OAuth server's base, e.g. http://127.0.0.1:4012 */
  authUrl: string;
  /** Requests as they came: the token endpoint and API calls. */
  log: AdsRequestRecord[];
  /** The next `count` API requests get `status` instead of an answer (429: no Retry-After, as Apple). */
  failNext: (count: number, status?: 401 | 429 | 500) => void;
  /** The org's live state, for tests to change (remove a campaign, add an ad group). */
  org: (orgId: number) => SandboxAdsOrg;
  close: () => Promise<void>;
}

const forced = {
  401: errorEnvelope("UNAUTHORIZED", "Invalid or expired token"),
  429: errorEnvelope("RATE_LIMIT_EXCEEDED", "Too many requests"),
  500: errorEnvelope("INTERNAL_ERROR", "An internal error occurred"),
};
const notFound = (what: string): SandboxReply => ({ status: 404, body: errorEnvelope("NOT_FOUND", `${what} not found`) });

const campaignResource = (org: SandboxAdsOrg, campaign: SandboxCampaign) => ({
  id: campaign.id,
  orgId: org.orgId,
  name: campaign.name,
  adamId: campaign.adamId,
  budgetAmount: { amount: "10000.00", currency: org.currency },
  dailyBudgetAmount: { amount: amount(5000), currency: org.currency },
  status: campaign.status ?? "ENABLED",
  servingStatus: campaign.status === "PAUSED" ? "NOT_RUNNING" : "RUNNING",
  displayStatus: campaign.status === "PAUSED" ? "PAUSED" : "RUNNING",
  countriesOrRegions: ["US"],
  adChannelType: "SEARCH",
  billingEvent: "TAPS",
  deleted: false,
  modificationTime: "2026-01-15T10:00:00.000",
});

const adGroupResource = (org: SandboxAdsOrg, campaign: SandboxCampaign, adGroup: SandboxCampaign["adGroups"][number]) => {
  const { adGroupId, adGroupName, adGroupStatus, adGroupServingStatus, adGroupDisplayStatus } = adGroupMetadata(org, campaign, adGroup);
  return {
    id: adGroupId,
    campaignId: campaign.id,
    orgId: org.orgId,
    name: adGroupName,
    status: adGroupStatus,
    servingStatus: adGroupServingStatus,
    displayStatus: adGroupDisplayStatus,
    defaultBidAmount: { amount: "1.50", currency: org.currency },
    deleted: false,
  };
};

/** One page of `items` by `limit` (default 20, at most 1000) and `offset`. */
function page(items: unknown[], url: URL): SandboxReply {
  const limit = Number(url.searchParams.get("limit") ?? 20);
  const offset = Number(url.searchParams.get("offset") ?? 0);
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) return { status: 400, body: errorEnvelope("INVALID_INPUT", "limit must be 1 to 1000", "limit") };
  if (!Number.isInteger(offset) || offset < 0) return { status: 400, body: errorEnvelope("INVALID_INPUT", "offset must be 0 or more", "offset") };
  const data = items.slice(offset, offset + limit);
  return { status: 200, body: envelope(data, { totalResults: items.length, startIndex: offset, itemsPerPage: data.length }) };
}

export async function startAppleAdsSandbox(options: AppleAdsSandboxOptions): Promise<AppleAdsSandbox> {
  const accounts = options.accounts.map((account) => ({ ...account, orgs: account.orgs.map((org) => ({ ...org, campaigns: [...(org.campaigns ?? [])] })) }));
  const tokens = adsTokens(accounts, options.tokenSeconds ?? 3600);
  const log: AdsRequestRecord[] = [];
  const failures: Array<401 | 429 | 500> = [];

  const api = (req: IncomingMessage, method: string, path: string, url: URL, body: unknown): SandboxReply => {
    const forcedStatus = failures.shift();
    if (forcedStatus) return { status: forcedStatus, body: forced[forcedStatus] };
    const account = tokens.accountOf(req.headers.authorization);
    if (!account) return { status: 401, body: errorEnvelope("UNAUTHORIZED", "Invalid or expired token") };
    if (method === "GET" && path === "/acls") {
      return { status: 200, body: envelope(account.orgs.map(({ campaigns: _campaigns, ...org }) => ({ ...org, paymentModel: "LOC", roleNames: ["API Account Read Only"], parentOrgId: null, displayName: org.orgName }))) };
    }
    if (method === "GET" && path === "/me") return { status: 200, body: envelope({ userId: 1, parentOrgId: account.orgs[0]?.orgId ?? null }) };
    const context = /^orgId=(\d+)$/.exec(String(req.headers["x-ap-context"] ?? ""))?.[1];
    if (!context) return { status: 403, body: errorEnvelope("FORBIDDEN", "A required header was not specified or was invalid.") };
    const org = account.orgs.find((candidate) => String(candidate.orgId) === context);
    if (!org) return { status: 403, body: errorEnvelope("FORBIDDEN", "You do not have access to this organization.") };
    const campaigns = org.campaigns ?? [];
    const campaignOf = (id: string | undefined) => campaigns.find((campaign) => String(campaign.id) === id);

    if (method === "POST" && path === "/reports/campaigns") return report(body, campaigns.map((campaign) => campaignSubject(org, campaign)), org.currency);
    const adGroupReport = /^\/reports\/campaigns\/(\d+)\/adgroups$/.exec(path);
    if (method === "POST" && adGroupReport) {
      const campaign = campaignOf(adGroupReport[1]);
      if (!campaign) return notFound(`Campaign ${adGroupReport[1]}`);
      const subjects = campaign.adGroups.map((adGroup) => ({ metadata: adGroupMetadata(org, campaign, adGroup), day: (date: string) => adGroupDay(campaign, adGroup, date) }));
      return report(body, subjects, org.currency);
    }
    if (method !== "GET") return notFound(`${method} ${path}`);
    if (path === "/campaigns") return page(campaigns.map((campaign) => campaignResource(org, campaign)), url);
    const [, campaignId, rest, adGroupId] = /^\/campaigns\/(\d+)(\/adgroups(?:\/(\d+))?)?$/.exec(path) ?? [];
    if (!campaignId) return notFound(`Resource ${path}`);
    const campaign = campaignOf(campaignId);
    if (!campaign) return notFound(`Campaign ${campaignId}`);
    if (!rest) return { status: 200, body: envelope(campaignResource(org, campaign)) };
    const adGroups = campaign.adGroups.map((adGroup) => adGroupResource(org, campaign, adGroup));
    if (!adGroupId) return page(adGroups, url);
    const adGroup = adGroups.find((candidate) => String(candidate.id) === adGroupId);
    return adGroup ? { status: 200, body: envelope(adGroup) } : notFound(`Ad group ${adGroupId}`);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", "http://sandbox");
    const method = req.method ?? "GET";
    const at = Date.now();
    const text = await readBody(req);
    const orgId = /^orgId=(\d+)$/.exec(String(req.headers["x-ap-context"] ?? ""))?.[1];
    let body: unknown;
    let clientId: string | null = null;
    let reply: SandboxReply;
    if (method === "POST" && url.pathname === "/auth/oauth2/token") {
      // Apple's reference sends the fields in the query string; a form body works too.
      const form = new URLSearchParams(url.search);
      for (const [name, value] of new URLSearchParams(text)) form.set(name, value);
      clientId = form.get("client_id");
      reply = tokens.grant(form);
    } else if (url.pathname.startsWith("/api/v5/")) {
      const path = url.pathname.slice("/api/v5".length);
      try {
        body = text ? JSON.parse(text) : undefined;
        reply = api(req, method, path, url, body);
      } catch {
        reply = { status: 400, body: errorEnvelope("INVALID_JSON", "The request body is not valid JSON") };
      }
    } else {
      reply = notFound(`Path ${url.pathname}`);
    }
    log.push({ method, path: url.pathname, status: reply.status, ...(url.pathname.includes("/reports/") ? { body } : {}), ...(orgId ? { orgId } : {}), ...(clientId ? { clientId } : {}), at });
    sendJson(res, reply.status, reply.body);
  };

  const server = await listen(handle, { port: options.port, delayMs: options.delayMs });
  return {
    apiUrl: `${server.origin}/api/v5`,
    authUrl: server.origin,
    log,
    failNext: (count, status = 429) => {
      for (let index = 0; index < count; index += 1) failures.push(status);
    },
    org: (orgId) => {
      const org = accounts.flatMap((account) => account.orgs).find((candidate) => candidate.orgId === orgId);
      if (!org) throw new Error(`The sandbox has no org ${orgId}`);
      return org;
    },
    close: server.close,
  };
}

// The account the demo project is connected to; its key is derived, so no key file is needed. Its
// org advertises the demo's Apple app (the App Store Connect sandbox's app id) and one app of
// another project, as an account shared between projects does.
const demoKeys = deriveKeyPair("taskdeck demo apple ads key");
const demoAdamId = Number(demoAppStoreProject.appId);
export const demoAdsAccount: SandboxAdsAccount = {
  clientId: "SEARCHADS.5f2c9d1e-7b3a-4c6d-9e8f-0a1b2c3d4e5f",
  teamId: "SEARCHADS.5f2c9d1e-7b3a-4c6d-9e8f-0a1b2c3d4e5f",
  keyId: "d136aa66-0c3b-4bd4-9892-c20e8db024ab",
  privateKeyPem: demoKeys.privateKeyPem,
  orgs: [
    {
      orgId: 40669820,
      orgName: "Acme Apps",
      currency: "USD",
      timeZone: "America/Los_Angeles",
      campaigns: [
        { id: 542370539, name: "Demo App US Search", adamId: demoAdamId, appName: "Demo App", adGroups: [{ id: 542317095, name: "Brand terms" }, { id: 542317096, name: "Competitor terms" }] },
        { id: 542370540, name: "Demo App Discovery", adamId: demoAdamId, appName: "Demo App", startedDaysAgo: 200, adGroups: [{ id: 542317097, name: "Search match" }] },
        { id: 542370541, name: "Other App Launch", adamId: 1500000099, appName: "Other App", adGroups: [{ id: 542317098, name: "Launch" }] },
      ],
    },
  ],
};
