// The Revenue page in Chromium, as a member of the team: Apple Ads campaigns most spend first with
// their cost per install, tap-through rate and totals, one opened to its ad groups; the app users'
// figures, revenue by media source, the users page by page and narrowed by status and media source
// with the count of each; another project's campaigns and users never show; the empty page says
// which syncs fill it. Screenshots light and dark, wide and phone, into the screenshots directory.
import { mkdirSync } from "node:fs";
import { randomUUID } from "node:crypto";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { baseUrl, launchBrowser, sessionCookie } from "./helpers";
import { createProject, createTeamWithProject, createUser, prisma } from "./fixtures";

const directory = process.env.UPDATE_SCREENSHOTS === "1" ? "docs/screenshots" : "test-results/screenshots";
const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000);
const daysAgo = (days: number) => new Date(new Date().setUTCHours(0, 0, 0, 0) - days * 86_400_000);
const ORG = "40669820";

// Three campaigns (out of spend order here), their ad groups adding up to them; one ad group
// installed nothing, one campaign promotes no app of the project.
const campaigns = [
  {
    campaignId: "1001",
    name: "Widgets — Brand",
    app: "widgets",
    status: "PAUSED",
    adGroups: [
      { adGroupId: "2101", name: "Brand exact", status: "ENABLED", impressions: 25_000, taps: 800, installs: 300, spend: "600.00" },
      { adGroupId: "2102", name: "Brand competitors", status: "PAUSED", impressions: 5_000, taps: 100, installs: 0, spend: "150.00" },
    ],
  },
  {
    campaignId: "1002",
    name: "Tidepool — US Search",
    app: "tidepool",
    status: "ENABLED",
    adGroups: [
      { adGroupId: "2201", name: "Exact: tide chart", status: "ENABLED", impressions: 80_000, taps: 3_400, installs: 1_200, spend: "2300.00" },
      { adGroupId: "2202", name: "Broad: surf forecast", status: "ENABLED", impressions: 40_000, taps: 1_400, installs: 400, spend: "900.00" },
    ],
  },
  {
    campaignId: "1003",
    name: "Discovery",
    app: null,
    status: "ENABLED",
    adGroups: [{ adGroupId: "2301", name: "Search match", status: "ENABLED", impressions: 50_000, taps: 1_000, installs: 40, spend: "1200.50" }],
  },
] as const;
const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);
const metricsOf = (adGroups: ReadonlyArray<{ impressions: number; taps: number; installs: number; spend: string }>) => ({
  impressions: sum(adGroups.map((group) => group.impressions)),
  taps: sum(adGroups.map((group) => group.taps)),
  installs: sum(adGroups.map((group) => group.installs)),
  spend: (sum(adGroups.map((group) => Math.round(Number(group.spend) * 100))) / 100).toFixed(2),
});

// Forty app users: statuses, revenue (some equal, some none) and attribution vary with the index.
const statuses = ["active", "expired", "trialing", "active", "none", "expired", "in_grace_period", "active"] as const;
const sources = ["Apple Search Ads", "Apple Search Ads", "Facebook Ads", null, "Apple Search Ads", "TikTok"] as const;
const giving = new Set(["active", "trialing", "in_grace_period"]);
const USERS = 40;
const appUsers = Array.from({ length: USERS }, (_, index) => {
  const status = statuses[index % statuses.length]!;
  const source = sources[index % sources.length]!;
  const apple = source === "Apple Search Ads";
  // Every fourth user's Apple Ads ids are not named yet (no sync has seen their campaign).
  const named = apple && index % 4 !== 0;
  const revenue = status === "none" || index % 9 === 3 ? "0.00" : index % 10 === 7 ? "49.99" : ((USERS - index) * 3.17).toFixed(2);
  return {
    id: randomUUID(),
    appUserId: index % 5 === 2 ? `$RCAnonymousID:${randomUUID().replaceAll("-", "")}` : `user-${String(index + 1).padStart(2, "0")}`,
    subscriptionStatus: status,
    hasAccess: giving.has(status),
    productId: status === "none" ? null : index % 2 ? "tidepool.pro.yearly" : "tidepool.pro.monthly",
    store: status === "none" ? null : index % 7 === 0 ? "play_store" : "app_store",
    entitlements: giving.has(status) ? ["pro"] : [],
    expiresAt: status === "none" ? null : daysAgo(status === "expired" ? 20 : -30 + index),
    lifetimeRevenueUsd: revenue,
    mediaSource: source,
    campaign: apple ? campaigns[index % 3]!.campaignId : source === "Facebook Ads" ? "spring_sale" : null,
    campaignName: named ? campaigns[index % 3]!.name : null,
    adGroup: apple ? campaigns[index % 3]!.adGroups[0].adGroupId : null,
    adGroupName: named ? campaigns[index % 3]!.adGroups[0].name : null,
    keyword: apple ? "tide chart" : null,
    creative: source === "Facebook Ads" ? "video-a" : null,
    firstSeenAt: daysAgo(100 - index),
    lastSeenAt: daysAgo(index % 3),
    syncedAt: hoursAgo(1),
  };
});
const byRevenue = [...appUsers].sort((a, b) => Number(b.lifetimeRevenueUsd) - Number(a.lifetimeRevenueUsd) || (a.id < b.id ? -1 : 1)).map((user) => user.appUserId);
const cents = (users: typeof appUsers) => sum(users.map((user) => Math.round(Number(user.lifetimeRevenueUsd) * 100)));
const usd = (amountInCents: number) => new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" }).format(amountInCents / 100);

let browser: Browser;
let slug: string;
let emptySlug: string;
let otherSlug: string;
let memberEmail: string;
let adminEmail: string;

beforeAll(async () => {
  mkdirSync(directory, { recursive: true });
  browser = await launchBrowser();
  const { team, project } = await createTeamWithProject("revenue");
  slug = project.slug;
  memberEmail = (await createUser(team.id, "member")).email;
  adminEmail = (await createUser(team.id, "admin")).email;
  const apps = {
    tidepool: await prisma.app.create({ data: { projectId: project.id, name: "Tidepool", platform: "apple", bundleId: "com.acme.tidepool", appleAppStoreId: "1482923011" } }),
    widgets: await prisma.app.create({ data: { projectId: project.id, name: "Tidepool Widgets", platform: "apple", bundleId: "com.acme.tidepool.widgets", appleAppStoreId: "1482923012" } }),
  };
  const window = { windowStart: daysAgo(364), windowEnd: daysAgo(0), syncedAt: hoursAgo(3) };
  for (const campaign of campaigns) {
    const app = campaign.app ? apps[campaign.app] : null;
    await prisma.adCampaignLifetime.create({
      data: { projectId: project.id, orgId: ORG, campaignId: campaign.campaignId, appId: app?.id ?? null, adamId: app?.appleAppStoreId ?? "999000111", name: campaign.name, status: campaign.status, currency: "USD", ...metricsOf(campaign.adGroups), ...window },
    });
    await prisma.adAdGroupLifetime.createMany({
      data: campaign.adGroups.map(({ adGroupId, name, status, ...metrics }) => ({ projectId: project.id, orgId: ORG, campaignId: campaign.campaignId, adGroupId, name, status, currency: "USD", ...metrics, ...window })),
    });
  }
  await prisma.appUser.createMany({ data: appUsers.map((user) => ({ ...user, projectId: project.id })) });

  // Another project of the same team, whose members see it too: its data stays on its own page.
  const other = await createProject(team.id, "rival");
  otherSlug = other.slug;
  await prisma.adCampaignLifetime.create({
    data: { projectId: other.id, orgId: ORG, campaignId: "1002", adamId: "1482923011", name: "Rival campaign", status: "ENABLED", impressions: 9, taps: 9, installs: 9, spend: "99999.00", currency: "USD", ...window },
  });
  await prisma.adAdGroupLifetime.create({
    data: { projectId: other.id, orgId: ORG, campaignId: "1002", adGroupId: "2201", name: "Rival ad group", status: "ENABLED", impressions: 9, taps: 9, installs: 9, spend: "99999.00", currency: "USD", ...window },
  });
  await prisma.appUser.create({
    data: { projectId: other.id, appUserId: "rival-whale", subscriptionStatus: "active", hasAccess: true, lifetimeRevenueUsd: "99999.00", mediaSource: "Apple Search Ads", syncedAt: new Date() },
  });
  emptySlug = (await createProject(team.id, "quiet")).slug;
});
afterAll(async () => {
  await browser?.close();
  await prisma.$disconnect();
});

async function pageAs(email: string, options: { width?: number; height?: number; theme?: "light" | "dark" } = {}) {
  const context = await browser.newContext({ viewport: { width: options.width ?? 1440, height: options.height ?? 900 }, colorScheme: options.theme ?? "light", deviceScaleFactor: 1 });
  await context.addInitScript((choice) => localStorage.setItem("taskdeck-theme", choice), options.theme ?? "light");
  const cookie = await sessionCookie(email);
  const equals = cookie.indexOf("=");
  await context.addCookies([{ name: cookie.slice(0, equals), value: cookie.slice(equals + 1), url: baseUrl() }]);
  const page = await context.newPage();
  return { page, close: () => context.close() };
}

const revenueOf = (page: Page, query = "", projectSlug = slug) => page.goto(`${baseUrl()}/projects/${projectSlug}/revenue${query}`);
const campaignTable = (page: Page) => page.getByRole("table", { name: "Ad campaigns" });
const campaignRow = (page: Page, name: string) => campaignTable(page).getByRole("row", { name: new RegExp(`^${name}`) });
// The attribution's dots keep to the part before them with a no-break space.
const texts = (cells: string[]) => cells.map((text) => text.replaceAll("\u00a0", " "));
const cellsOf = (page: Page, name: string) => campaignRow(page, name).getByRole("cell").allTextContents();
const userTable = (page: Page) => page.getByRole("table", { name: "App users" });
const userIds = (page: Page) => userTable(page).locator("tbody tr").evaluateAll((rows) => rows.map((row) => row.getAttribute("data-app-user-id")));
const card = (page: Page, label: string) => page.getByRole("group", { name: label }).locator("p").nth(1).textContent();
// "synced … ago" replaces the UTC time once the page has hydrated: after that, the selects apply on change.
const hydrated = (page: Page) => page.getByRole("region", { name: "Ad campaigns" }).locator("time", { hasText: / ago$/ }).waitFor();
const sidewaysScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
const footer = (page: Page) => page.getByRole("navigation", { name: "Pages of app users" });

describe("the Revenue page", () => {
  it("shows a member the campaigns most spend first, with cost per install, tap-through rate and totals", async () => {
    const { page, close } = await pageAs(memberEmail);
    await page.goto(`${baseUrl()}/projects/${slug}/tasks`);
    await page.getByRole("navigation", { name: /Project pages/ }).getByRole("link", { name: "Revenue" }).click();
    await page.waitForURL(`${baseUrl()}/projects/${slug}/revenue`);
    await page.getByRole("heading", { level: 1, name: "Revenue" }).waitFor();
    await page.getByRole("navigation", { name: /Project pages/ }).getByRole("link", { name: "Revenue" }).and(page.locator("[aria-current=page]")).waitFor();

    await hydrated(page);
    await page.getByRole("region", { name: "Ad campaigns" }).getByText("Lifetime: last 12 months, synced 3 hours ago").waitFor();
    const table = campaignTable(page);
    expect(await table.locator("tbody > tr:visible").evaluateAll((rows) => rows.map((row) => row.getAttribute("data-campaign-id")))).toEqual(["1002", "1003", "1001"]);
    expect(await cellsOf(page, "Tidepool — US Search")).toEqual(["Tidepool", "Enabled", "120,000", "4,800", "1,600", "$3,200.00", "$2.00", "4.00%"]);
    expect(await cellsOf(page, "Discovery")).toEqual(["—", "Enabled", "50,000", "1,000", "40", "$1,200.50", "$30.01", "2.00%"]);
    expect(await cellsOf(page, "Widgets — Brand")).toEqual(["Tidepool Widgets", "Paused", "30,000", "900", "300", "$750.00", "$2.50", "3.00%"]);
    // 5,150.50 over 1,940 installs; 6,700 taps of 200,000 impressions.
    expect(await table.locator("tfoot").getByRole("row").getByRole("cell").allTextContents()).toEqual(["3 campaigns", "200,000", "6,700", "1,940", "$5,150.50", "$2.65", "3.35%"]);
    await expect(page.getByRole("main").getByText("Rival").count()).resolves.toBe(0);
    await close();
  });

  it("opens a campaign to its ad groups in the same columns, a dash for a cost with no installs", async () => {
    const { page, close } = await pageAs(memberEmail);
    await revenueOf(page);
    const competitors = campaignTable(page).getByRole("row", { name: /^Brand competitors/ });
    await campaignRow(page, "Widgets — Brand").waitFor();
    expect(await competitors.isVisible()).toBe(false);
    await campaignRow(page, "Widgets — Brand").getByText("2 ad groups").click();
    await competitors.waitFor();
    expect(await competitors.getByRole("cell").allTextContents()).toEqual(["", "Paused", "5,000", "100", "0", "$150.00", "—", "2.00%"]);
    expect(await campaignTable(page).getByRole("row", { name: /^Brand exact/ }).getByRole("cell").allTextContents()).toEqual(["", "Enabled", "25,000", "800", "300", "$600.00", "$2.00", "3.20%"]);
    // The other campaigns stay closed.
    expect(await campaignTable(page).getByRole("row", { name: /^Exact: tide chart/ }).isVisible()).toBe(false);
    await campaignRow(page, "Widgets — Brand").getByText("2 ad groups").click();
    await competitors.waitFor({ state: "hidden" });
    await close();
  });

  it("sums up the app users and their revenue by media source", async () => {
    const { page, close } = await pageAs(memberEmail);
    await revenueOf(page);
    await page.getByRole("region", { name: "App users" }).waitFor();
    const paying = appUsers.filter((user) => Number(user.lifetimeRevenueUsd) > 0).length;
    await expect(card(page, "Users")).resolves.toBe("40");
    await expect(card(page, "Paying users")).resolves.toBe(String(paying));
    await expect(card(page, "Lifetime revenue")).resolves.toBe(usd(cents(appUsers)));
    await expect(card(page, "Active subscriptions")).resolves.toBe(String(appUsers.filter((user) => user.hasAccess).length));
    await page.getByRole("group", { name: "Paying users" }).getByText(`${Math.round((paying / USERS) * 100)}% of users`).waitFor();

    const expected = [...new Set(sources)]
      .map((source) => ({ source, users: appUsers.filter((user) => user.mediaSource === source) }))
      .sort((a, b) => cents(b.users) - cents(a.users))
      .map(({ source, users }) => [source ?? "Not attributed", String(users.length), usd(cents(users))]);
    const rows = page.getByRole("table", { name: "Revenue by media source" }).locator("tbody tr");
    expect(await rows.evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll("th, td")].map((cell) => cell.textContent)))).toEqual(expected);
    await close();
  });

  it("pages through the app users, most revenue first, with their subscription and attribution", async () => {
    const { page, close } = await pageAs(memberEmail);
    await revenueOf(page);
    await userTable(page).waitFor();
    expect(await userIds(page)).toEqual(byRevenue.slice(0, 25));
    await footer(page).getByText("25 app users on this page, of 40").waitFor();

    // user-01: active, from Apple Ads with ids not named yet; user-02: named campaign and ad group.
    const first = userTable(page).locator('tr[data-app-user-id="user-01"]');
    expect(texts(await first.locator("td").allTextContents())).toEqual(["Active", "tidepool.pro.monthly", "Google Play", expect.stringMatching(/^[A-Z][a-z]{2} \d{1,2}, \d{4}$/), "$126.80", "Apple Search Ads · 1001 · 2101 · tide chart"]);
    const named = userTable(page).locator('tr[data-app-user-id="user-02"]');
    expect(texts(await named.locator("td").allTextContents())).toEqual(["Expired", "tidepool.pro.yearly", "App Store", expect.any(String), "$123.63", "Apple Search Ads · Tidepool — US Search · Exact: tide chart · tide chart"]);
    await expect(named.getByText("Tidepool — US Search").getAttribute("title")).resolves.toBe("Campaign 1002");
    const facebook = userTable(page).locator('tr[data-app-user-id="user-09"]');
    expect(texts(await facebook.locator("td").last().allTextContents())).toEqual(["Facebook Ads · spring_sale · video-a"]);
    // Long ids are cut to the column, in full on hover.
    const anonymous = appUsers.find((user) => user.appUserId.startsWith("$RCAnonymousID:") && byRevenue.indexOf(user.appUserId) < 25)!;
    await expect(userTable(page).locator(`tr[data-app-user-id="${anonymous.appUserId}"] th span`).getAttribute("title")).resolves.toBe(anonymous.appUserId);

    await footer(page).getByRole("link", { name: "Next page" }).click();
    await page.waitForURL(/cursor=/);
    await expect.poll(() => userIds(page)).toEqual(byRevenue.slice(25));
    await footer(page).getByText("15 app users on this page, of 40").waitFor();
    await expect(footer(page).getByRole("link", { name: "Next page" }).count()).resolves.toBe(0);
    await footer(page).getByRole("link", { name: "First page" }).click();
    await expect.poll(() => userIds(page)).toEqual(byRevenue.slice(0, 25));
    await close();
  });

  it("narrows the app users by status and media source, with the count of each", async () => {
    const { page, close } = await pageAs(memberEmail);
    await revenueOf(page);
    await hydrated(page);
    const count = (keep: (user: (typeof appUsers)[number]) => boolean) => appUsers.filter(keep).length;
    const options = (label: string) => page.getByLabel(label, { exact: true }).locator("option").allTextContents();
    await expect(options("Status")).resolves.toEqual(
      expect.arrayContaining(["Any status (40)", `Active (${count((user) => user.subscriptionStatus === "active")})`, `Expired (${count((user) => user.subscriptionStatus === "expired")})`, "No subscription (5)", "In grace period (5)"]),
    );

    await page.getByLabel("Status", { exact: true }).selectOption("expired");
    await page.waitForURL(/status=expired/);
    const expired = byRevenue.filter((id) => appUsers.find((user) => user.appUserId === id)!.subscriptionStatus === "expired");
    await expect.poll(() => userIds(page)).toEqual(expired);
    await footer(page).getByText(`${expired.length} app users on this page, of ${expired.length}`).waitFor();
    // Under "expired", each media source keeps its expired users.
    const expiredFrom = (source: string | null) => count((user) => user.subscriptionStatus === "expired" && user.mediaSource === source);
    await expect.poll(() => options("Media source")).toEqual(
      expect.arrayContaining([`Any media source (${expired.length})`, `Apple Search Ads (${expiredFrom("Apple Search Ads")})`, `Facebook Ads (${expiredFrom("Facebook Ads")})`, `Not attributed (${expiredFrom(null)})`]),
    );

    await hydrated(page);
    await page.getByLabel("Media source", { exact: true }).selectOption("Apple Search Ads");
    await page.waitForURL(/status=expired&source=Apple\+Search\+Ads/);
    await expect.poll(() => userIds(page)).toEqual(expired.filter((id) => appUsers.find((user) => user.appUserId === id)!.mediaSource === "Apple Search Ads"));
    await expect(userTable(page).getByText("Expired", { exact: true }).count()).resolves.toBe(expiredFrom("Apple Search Ads"));

    await hydrated(page);
    await page.getByLabel("Media source", { exact: true }).selectOption({ label: `Not attributed (${expiredFrom(null)})` });
    await page.waitForURL((url) => url.searchParams.get("source") === "(none)");
    await expect.poll(() => userIds(page).then((ids) => ids.length)).toBe(expiredFrom(null));
    expect((await userTable(page).locator("tbody tr td:last-child").allTextContents()).every((text) => text === "—")).toBe(true);

    await page.getByRole("link", { name: "Clear filters" }).click();
    await page.waitForURL(`${baseUrl()}/projects/${slug}/revenue`);
    await expect.poll(() => userIds(page)).toEqual(byRevenue.slice(0, 25));
    await close();
  });

  it("never shows another project's campaigns or users, and keeps that project's to its page", async () => {
    const { page, close } = await pageAs(memberEmail);
    for (const query of ["", "?source=Apple+Search+Ads", `?cursor=bogus`]) {
      await revenueOf(page, query);
      await userTable(page).waitFor();
      await expect(page.getByRole("main").getByText(/Rival|rival-whale|99,999/).count()).resolves.toBe(0);
    }
    await revenueOf(page, "", otherSlug);
    await campaignRow(page, "Rival campaign").waitFor();
    await userTable(page).locator('tr[data-app-user-id="rival-whale"]').waitFor();
    await expect(page.getByRole("main").getByText(/Tidepool|user-01/).count()).resolves.toBe(0);
    await expect(card(page, "Users")).resolves.toBe("1");
    await close();
  });

  it("says which syncs fill an empty page, with the way to run them for admins", async () => {
    const member = await pageAs(memberEmail);
    await revenueOf(member.page, "", emptySlug);
    await member.page.getByText("No ad campaigns yet — Apple Ads Sync runs daily at 04:45 UTC for projects connected to Apple Ads").waitFor();
    await member.page.getByText("No app users yet — RevenueCat Sync or RevenueCat User Backfill fills them").waitFor();
    await expect(member.page.getByRole("main").getByRole("link", { name: "Tasks" }).count()).resolves.toBe(0);
    await member.close();

    const admin = await pageAs(adminEmail);
    await revenueOf(admin.page, "", emptySlug);
    await admin.page.getByRole("region", { name: "Ad campaigns" }).getByRole("link", { name: "Tasks" }).waitFor();
    await admin.page.getByRole("region", { name: "App users" }).getByRole("link", { name: "Tasks" }).waitFor();
    await admin.close();
  });

  it("looks finished light and dark, on a wide screen and a phone", async () => {
    for (const theme of ["light", "dark"] as const) {
      for (const [width, height, suffix] of [
        [1440, 900, ""],
        [390, 844, "-phone"],
      ] as const) {
        const { page, close } = await pageAs(memberEmail, { width, height, theme });
        await revenueOf(page);
        await hydrated(page);
        expect(await page.evaluate(() => document.documentElement.classList.contains("dark"))).toBe(theme === "dark");
        // One campaign open, to show its ad groups.
        await page.locator("details:visible > summary", { hasText: "2 ad groups" }).first().click();
        await page.getByText("Broad: surf forecast").filter({ visible: true }).waitFor();
        expect(await sidewaysScroll(page)).toBeLessThanOrEqual(1);
        await page.screenshot({ path: path.join(directory, `revenue${suffix}-${theme}.png`), fullPage: true });
        await revenueOf(page, "", emptySlug);
        await page.getByText("No app users yet", { exact: false }).waitFor();
        expect(await sidewaysScroll(page)).toBeLessThanOrEqual(1);
        await page.screenshot({ path: path.join(directory, `revenue-empty${suffix}-${theme}.png`), fullPage: true });
        await close();
      }
    }
  });
});
