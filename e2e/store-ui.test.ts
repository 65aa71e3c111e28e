// The Store page in Chromium, as a member of the team: an Apple app's version and App Store Connect
// versions, its worldwide rating and ratings by country (most first, unrated storefronts folded),
// its reviews page by page and narrowed by rating and reply state with the counts of each; another
// project's app is 404. Screenshots light and dark, wide and phone, into the screenshots directory.
import { mkdirSync } from "node:fs";
import { randomUUID } from "node:crypto";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { baseUrl, launchBrowser, sessionCookie } from "./helpers";
import { createTeamWithProject, createUser, prisma } from "./fixtures";

const directory = process.env.UPDATE_SCREENSHOTS === "1" ? "docs/screenshots" : "test-results/screenshots";
const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);

// Storefronts as App Store Ratings Sync saves them: six rated (out of order here), two without ratings.
const storefronts = [
  { country: "fr", average: 4.45, count: 90 },
  { country: "us", average: 4.62, count: 1204 },
  { country: "jp", average: 4.18, count: 151 },
  { country: "gb", average: 4.37, count: 402 },
  { country: "ca", average: 3.91, count: 55 },
  { country: "de", average: 4.71, count: 243 },
  { country: "is", average: null, count: 0 },
  { country: "lu", average: null, count: 0 },
];
const byCount = ["us", "gb", "de", "jp", "fr", "ca"];
const territories = ["USA", "GBR", "DEU", "JPN", "FRA", "CAN", "AUS"];
const replyStates = ["PUBLISHED", "PENDING_PUBLISH", null] as const;
const REVIEWS = 30;

let browser: Browser;
let slug: string;
let appId: string;
let quietAppId: string;
let otherAppId: string;
let memberEmail: string;
let adminEmail: string;

// Review i (0 = newest) has 5 - i % 5 stars and reply state i % 3: every (rating, state) pair twice.
const ratingOf = (index: number) => 5 - (index % 5);
const replyOf = (index: number) => replyStates[index % 3]!;

beforeAll(async () => {
  mkdirSync(directory, { recursive: true });
  browser = await launchBrowser();
  const { team, project } = await createTeamWithProject("store");
  slug = project.slug;
  memberEmail = (await createUser(team.id, "member")).email;
  adminEmail = (await createUser(team.id, "admin")).email;
  const app = await prisma.app.create({
    data: {
      projectId: project.id,
      name: "Tidepool",
      platform: "apple",
      bundleId: "com.acme.tidepool",
      appleAppStoreId: "1482923011",
      appleAppStoreIdSource: "app_store",
      latestAppVersion: "3.2.1",
      latestAppVersionSource: "app_store",
      latestAppVersionReleasedAt: new Date("2026-02-17T16:00:00Z"),
      latestAppVersionCheckedAt: minutesAgo(5),
      ratingAverage: "4.512",
      ratingCount: 2145,
      ratingsSyncedAt: minutesAgo(42),
    },
  });
  appId = app.id;
  // Added later, so not the default: an Apple app no sync has seen yet.
  quietAppId = (await prisma.app.create({ data: { projectId: project.id, name: "Tidepool Widgets", platform: "apple", bundleId: "com.acme.tidepool.widgets", createdAt: minutesAgo(-1) } })).id;
  await prisma.app.create({ data: { projectId: project.id, name: "Tidepool for Android", platform: "android", bundleId: "com.acme.tidepool", createdAt: minutesAgo(-2) } });

  await prisma.appStoreRating.createMany({
    data: storefronts.map(({ country, average, count }) => ({ projectId: project.id, appId, country, averageRating: average, ratingCount: count, currentVersionAverage: average, currentVersionCount: Math.floor(count / 4), version: "3.2.1", syncedAt: minutesAgo(42) })),
  });

  const versions = [
    { versionString: "3.3.0", state: "PREPARE_FOR_SUBMISSION", daysAgo: 2, locales: ["en-US", "de-DE"], sets: 1 },
    { versionString: "3.2.1", state: "READY_FOR_DISTRIBUTION", daysAgo: 20, locales: ["en-US", "de-DE", "fr-FR", "ja-JP"], sets: 3 },
    { versionString: "3.2.0", state: "REPLACED_WITH_NEW_VERSION", daysAgo: 60, locales: ["en-US", "de-DE", "fr-FR"], sets: 2 },
  ];
  for (const [index, version] of versions.entries()) {
    const created = await prisma.appStoreVersion.create({
      data: { projectId: project.id, ascId: `asc-version-${index}`, platform: "IOS", versionString: version.versionString, appVersionState: version.state, releaseType: "AFTER_APPROVAL", createdDate: minutesAgo(version.daysAgo * 1440), syncedAt: new Date() },
    });
    for (const locale of version.locales) {
      const localization = await prisma.appStoreLocalization.create({ data: { projectId: project.id, versionId: created.id, ascId: `asc-loc-${index}-${locale}`, locale, syncedAt: new Date() } });
      for (let set = 0; set < version.sets; set += 1) {
        await prisma.appStoreScreenshotSet.create({ data: { projectId: project.id, localizationId: localization.id, ascId: `asc-set-${index}-${locale}-${set}`, displayType: `APP_IPHONE_${65 + set}`, syncedAt: new Date() } });
      }
    }
  }

  await prisma.appStoreReview.createMany({
    data: Array.from({ length: REVIEWS }, (_, index) => {
      const state = replyOf(index);
      return {
        projectId: project.id,
        appId,
        externalId: `review-${index + 1}`,
        rating: ratingOf(index),
        title: `Review number ${index + 1}`,
        body:
          index === 0
            ? "The tide charts are spot on and the widgets are lovely. Would love a way to compare two harbours side by side, and an Apple Watch complication for the next high tide."
            : `Review ${index + 1} of the app: ${ratingOf(index) >= 4 ? "works well for planning a morning swim" : "crashes when opening the map offline"}.`,
        reviewerNickname: `swimmer${index + 1}`,
        territory: territories[index % territories.length]!,
        createdDate: minutesAgo(60 * (index + 1)),
        responseAscId: state ? `response-${index + 1}` : null,
        responseBody: state ? `Thanks for writing, swimmer${index + 1}! ${state === "PUBLISHED" ? "Offline maps arrive in 3.3." : "We are on it."}` : null,
        responseState: state,
        responseUpdatedAt: state ? minutesAgo(30 * (index + 1)) : null,
        syncedAt: new Date(),
      };
    }),
  });

  const other = await createTeamWithProject("storeother");
  otherAppId = (await prisma.app.create({ data: { projectId: other.project.id, name: "Someone else's app", platform: "apple", bundleId: "com.other.app" } })).id;
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

const storeOf = (page: Page, query = "") => page.goto(`${baseUrl()}/projects/${slug}/store${query}`);
const reviews = (page: Page) => page.getByRole("list", { name: "Reviews" }).getByRole("listitem");
const review = (page: Page, number: number) => page.getByRole("listitem", { name: `Review number ${number}`, exact: true });
const replyChip = (page: Page, label: string) => page.getByRole("navigation", { name: "Reply state" }).getByRole("link", { name: new RegExp(`^${label} \\d+$`) });
// "synced … ago" replaces the UTC time once the page has hydrated: after that, the rating select applies on change.
const hydrated = (page: Page) => page.getByRole("region", { name: "Ratings" }).locator("time", { hasText: / ago$/ }).waitFor();
const sidewaysScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
const titles = async (page: Page) =>
  (await page.getByRole("list", { name: "Reviews" }).locator("li[data-review-id]").evaluateAll((items) => items.map((item) => item.getAttribute("aria-label")))).map((title) => Number(title?.replace("Review number ", "")));

describe("the Store page", () => {
  it("shows a member the app's version, its worldwide rating and its ratings by country", async () => {
    const { page, close } = await pageAs(memberEmail);
    await page.goto(`${baseUrl()}/projects/${slug}/tasks`);
    await page.getByRole("navigation", { name: /Project pages/ }).getByRole("link", { name: "Store" }).click();
    await page.waitForURL(`${baseUrl()}/projects/${slug}/store`);
    await page.getByRole("heading", { level: 1, name: "Store" }).waitFor();
    await page.getByRole("navigation", { name: "Apps" }).getByRole("link", { name: /^Tidepool Apple/ }).and(page.locator("[aria-current=page]")).waitFor();

    const version = page.getByRole("region", { name: "Version" });
    await version.getByText("3.2.1", { exact: true }).first().waitFor();
    await version.getByText(/^from the App Store · checked \d+ minutes ago$/).waitFor();
    await version.getByText("Feb 17, 2026").waitFor();
    await version.getByText("1482923011").waitFor();
    await version.getByText("found by App Version Sync").waitFor();
    await version.getByText("com.acme.tidepool", { exact: true }).waitFor();
    const ascVersions = version.getByRole("table", { name: "App Store Connect versions" });
    await expect(ascVersions.getByRole("row").count()).resolves.toBe(4);
    const live = ascVersions.getByRole("row", { name: /3\.2\.1/ });
    await live.getByText("Ready for distribution").waitFor();
    expect(await live.getByRole("cell").allTextContents()).toEqual(["3.2.1", "iOS", "Ready for distribution", "After approval", expect.stringMatching(/^[A-Z][a-z]{2} \d{1,2}, \d{4}$/), "4", "12"]);

    const worldwide = page.getByRole("group", { name: "Worldwide rating" });
    await worldwide.getByText("4.5", { exact: true }).waitFor();
    await worldwide.getByRole("img", { name: "4.5 out of 5 stars" }).waitFor();
    await worldwide.getByText("2,145 ratings").waitFor();
    const countries = page.getByRole("table", { name: "Ratings by country" });
    await countries.getByRole("row", { name: /United States/ }).getByText("1,204").waitFor();
    expect(await countries.locator("tbody tr").evaluateAll((rows) => rows.map((row) => row.getAttribute("data-country")))).toEqual(byCount);
    await countries.getByRole("row", { name: /Germany/ }).getByRole("img", { name: "4.7 out of 5 stars" }).waitFor();
    await page.getByText("2 storefronts without ratings").click();
    await page.getByText("Iceland, Luxembourg").waitFor();
    await close();
  });

  it("pages through the reviews, newest first, with the developer's replies", async () => {
    const { page, close } = await pageAs(memberEmail);
    await storeOf(page);
    await review(page, 1).waitFor();
    await expect(reviews(page).count()).resolves.toBe(25);
    expect(await titles(page)).toEqual(Array.from({ length: 25 }, (_, index) => index + 1));
    await review(page, 1).getByRole("img", { name: "5.0 out of 5 stars" }).waitFor();
    await review(page, 1).getByText("swimmer1", { exact: true }).waitFor();
    await review(page, 1).getByText("United States").waitFor();
    await review(page, 1).getByText("Published", { exact: true }).waitFor();
    await review(page, 1).getByText("Offline maps arrive in 3.3.", { exact: false }).waitFor();
    await review(page, 2).getByText("Pending publication", { exact: true }).waitFor();
    await review(page, 2).getByText("United Kingdom").waitFor();
    await expect(review(page, 3).getByText("Developer reply").count()).resolves.toBe(0);
    await page.getByText("25 reviews on this page, of 30").waitFor();
    for (const [label, count] of [["All reviews", 30], ["Replied", 10], ["Awaiting publication", 10], ["No reply", 10]] as const) {
      await expect(replyChip(page, label).textContent()).resolves.toBe(`${label} ${count}`);
    }

    await page.getByRole("link", { name: "Next page" }).click();
    await review(page, 30).waitFor();
    expect(await titles(page)).toEqual([26, 27, 28, 29, 30]);
    await expect(page.getByRole("link", { name: "Next page" }).count()).resolves.toBe(0);
    await page.getByRole("link", { name: "First page" }).click();
    await review(page, 1).waitFor();
    await expect(reviews(page).count()).resolves.toBe(25);
    await close();
  });

  it("narrows the reviews by rating and by reply state, with the count of each", async () => {
    const { page, close } = await pageAs(memberEmail);
    await storeOf(page, `?app=${appId}`);
    await hydrated(page);
    await page.getByLabel("Rating", { exact: true }).selectOption("5");
    await page.waitForURL(/rating=5/);
    await review(page, 6).waitFor();
    await expect.poll(() => titles(page)).toEqual([1, 6, 11, 16, 21, 26]);
    for (const [label, count] of [["All reviews", 6], ["Replied", 2], ["Awaiting publication", 2], ["No reply", 2]] as const) {
      await expect.poll(() => replyChip(page, label).textContent()).toBe(`${label} ${count}`);
    }

    await replyChip(page, "Awaiting publication").click();
    await page.waitForURL(/rating=5&reply=pending/);
    await expect.poll(() => titles(page)).toEqual([11, 26]);
    await expect(reviews(page).getByText("Pending publication", { exact: true }).count()).resolves.toBe(2);
    // Under "awaiting publication", each rating keeps two reviews.
    await expect(page.getByLabel("Rating", { exact: true }).locator("option").allTextContents()).resolves.toEqual(["Any rating (10)", "5 stars (2)", "4 stars (2)", "3 stars (2)", "2 stars (2)", "1 star (2)"]);

    await hydrated(page);
    await page.getByLabel("Rating", { exact: true }).selectOption("");
    await page.waitForURL((url) => url.searchParams.get("reply") === "pending" && !url.searchParams.has("rating"));
    await expect.poll(() => reviews(page).count()).toBe(10);
    expect((await titles(page)).every((number) => replyOf(number - 1) === "PENDING_PUBLISH")).toBe(true);

    await replyChip(page, "No reply").click();
    await page.waitForURL(/reply=none/);
    await expect.poll(() => titles(page)).toEqual([3, 6, 9, 12, 15, 18, 21, 24, 27, 30]);
    await expect(reviews(page).getByText("Developer reply").count()).resolves.toBe(0);

    await page.getByRole("link", { name: "Clear filters" }).click();
    await page.waitForURL(`${baseUrl()}/projects/${slug}/store?app=${appId}`);
    await expect.poll(() => reviews(page).count()).toBe(25);
    await close();
  });

  it("says when no sync has rated an app yet, with the way to run it for admins", async () => {
    const member = await pageAs(memberEmail);
    await storeOf(member.page);
    await member.page.getByRole("navigation", { name: "Apps" }).getByRole("link", { name: /^Tidepool Widgets/ }).click();
    await member.page.waitForURL(`${baseUrl()}/projects/${slug}/store?app=${quietAppId}`);
    await member.page.getByText("No ratings yet — App Store Ratings Sync runs daily at 04:30 UTC").waitFor();
    await member.page.getByText("No reviews yet").waitFor();
    await expect(member.page.getByText("You can run it now from").count()).resolves.toBe(0);
    await member.close();

    const admin = await pageAs(adminEmail);
    await storeOf(admin.page, `?app=${quietAppId}`);
    await admin.page.getByText("No ratings yet — App Store Ratings Sync runs daily at 04:30 UTC").waitFor();
    await admin.page.getByRole("region", { name: "Ratings" }).getByRole("link", { name: "Tasks" }).waitFor();
    await admin.close();
  });

  it("is not found for another project's app, an unknown app or an id that is not one", async () => {
    const { page, close } = await pageAs(memberEmail);
    for (const id of [otherAppId, randomUUID(), "not-an-id", "%00"]) {
      await storeOf(page, `?app=${id}`);
      await page.getByRole("heading", { name: "Nothing here" }).waitFor();
      await expect(page.getByText("Tidepool").count()).resolves.toBe(0);
    }
    // A cursor that is not one of ours starts over rather than fails.
    await storeOf(page, `?app=${appId}&cursor=bogus`);
    await review(page, 1).waitFor();
    await close();
  });

  it("looks finished light and dark, on a wide screen and a phone", async () => {
    for (const theme of ["light", "dark"] as const) {
      for (const [width, height, suffix] of [
        [1440, 900, ""],
        [390, 844, "-phone"],
      ] as const) {
        const { page, close } = await pageAs(memberEmail, { width, height, theme });
        await storeOf(page, `?app=${appId}`);
        await review(page, 1).waitFor();
        await hydrated(page);
        expect(await page.evaluate(() => document.documentElement.classList.contains("dark"))).toBe(theme === "dark");
        expect(await sidewaysScroll(page)).toBeLessThanOrEqual(1);
        await page.screenshot({ path: path.join(directory, `store${suffix}-${theme}.png`), fullPage: true });
        await storeOf(page, `?app=${quietAppId}`);
        await page.getByText("No reviews yet").waitFor();
        expect(await sidewaysScroll(page)).toBeLessThanOrEqual(1);
        await page.screenshot({ path: path.join(directory, `store-empty${suffix}-${theme}.png`), fullPage: true });
        await close();
      }
    }
  });
});
