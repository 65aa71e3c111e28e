// The Analytics page in Chromium, as a member of the team: an Apple app's downloads, sessions and
// proceeds over the last 90 days against the newest forecast (mean, 80 % and 95 % bands, backtest
// error, model, the AI's summary), the newest proposed translation per locale with its state, the
// empty states, and another project's app as 404. Screenshots light and dark, wide and phone.
import { mkdirSync } from "node:fs";
import { randomUUID } from "node:crypto";
import path from "node:path";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { baseUrl, launchBrowser, sessionCookie } from "./helpers";
import { createTeamWithProject, createUser, prisma } from "./fixtures";

const directory = process.env.UPDATE_SCREENSHOTS === "1" ? "docs/screenshots" : "test-results/screenshots";
const DAY = 86_400_000;
const today = new Date(`${new Date().toISOString().slice(0, 10)}T00:00:00Z`);
const daysFromToday = (days: number) => new Date(today.getTime() + days * DAY);
const iso = (date: Date) => date.toISOString().slice(0, 10);
const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000);

// Rows for 2 to 91 days ago (the 88 of them within the last 90 days are drawn) and one 120 days ago
// that is not; each day split over two territories, with a weekend lift.
const DAYS_AGO = [...Array.from({ length: 90 }, (_, index) => index + 2), 120];
const DRAWN_DAYS = 88;
const territories = [
  { territory: "USA", share: 0.7 },
  { territory: "GBR", share: 0.3 },
];
const weekly = (date: Date) => [1.35, 0.9, 0.85, 0.9, 0.95, 1.05, 1.3][date.getUTCDay()]!;
const reports = [
  { report: "downloads", measure: "counts", base: 1000, metric: "downloads", mape: 0.062, name: "Downloads" },
  { report: "sessions", measure: "sessions", base: 5200, metric: "sessions", mape: 0.081, name: "Sessions" },
  { report: "purchases", measure: "proceeds_usd", base: 840, metric: "proceeds", mape: 0.143, name: "Proceeds (USD)" },
] as const;
const dayValue = (base: number, daysAgo: number) => Math.round(base * weekly(daysFromToday(-daysAgo)) * (1 + (daysAgo % 5) / 50));
const HORIZON = 30;
const summary = "Downloads should hold near 1,000 a day with the usual weekend lift, and sessions follow them. Proceeds are noisier: expect $700 to $1,100 a day, so the 95 % band is wide.";
const longDescription = `Tidepool zeigt Gezeiten, Strömungen und Wassertemperaturen für über 4.000 Häfen weltweit. ${"Plane dein Morgenschwimmen, deine Segeltour oder den Spaziergang am Watt mit stündlichen Vorhersagen. ".repeat(4)}Widgets für den Sperrbildschirm und Benachrichtigungen vor dem nächsten Hochwasser.`;
const failureReason = "App Store Connect refused the keywords: longer than 100 characters (ENTITY_ERROR.ATTRIBUTE.INVALID.TOO_LONG)";

let browser: Browser;
let slug: string;
let appId: string;
let quietAppId: string;
let unforecastAppId: string;
let otherAppId: string;
let memberEmail: string;

beforeAll(async () => {
  mkdirSync(directory, { recursive: true });
  browser = await launchBrowser();
  const { team, project } = await createTeamWithProject("analytics");
  slug = project.slug;
  memberEmail = (await createUser(team.id, "member")).email;
  // Added first but never pulled, so the page opens on the app with data instead.
  quietAppId = (await prisma.app.create({ data: { projectId: project.id, name: "Tidepool Widgets", platform: "apple", bundleId: "com.acme.tidepool.widgets", createdAt: hoursAgo(2) } })).id;
  appId = (await prisma.app.create({ data: { projectId: project.id, name: "Tidepool", platform: "apple", bundleId: "com.acme.tidepool", appleAppStoreId: "1482923011", createdAt: hoursAgo(1) } })).id;
  unforecastAppId = (await prisma.app.create({ data: { projectId: project.id, name: "Tidepool Lite", platform: "apple", bundleId: "com.acme.tidepool.lite" } })).id;

  const row = (forApp: string, report: string, measure: string, daysAgo: number, territory: string, value: number) => ({
    projectId: project.id,
    appId: forApp,
    report,
    date: daysFromToday(-daysAgo),
    territory,
    dimensionKey: "App Store Search|iPhone",
    dimensions: { sourceType: "App Store Search", device: "iPhone" },
    measures: { [measure]: value },
    processingDate: daysFromToday(-daysAgo + 1),
    instanceId: `instance-${report}`,
    syncedAt: new Date(),
  });
  await prisma.analyticsDaily.createMany({
    data: reports.flatMap(({ report, measure, base }) => DAYS_AGO.flatMap((daysAgo) => territories.map(({ territory, share }) => row(appId, report, measure, daysAgo, territory, Math.round(dayValue(base, daysAgo) * share * 100) / 100)))),
  });
  await prisma.analyticsDaily.createMany({ data: DAYS_AGO.slice(0, 20).map((daysAgo) => row(unforecastAppId, "downloads", "counts", daysAgo, "USA", dayValue(120, daysAgo))) });

  for (const { metric, base, mape } of reports) {
    const points = Array.from({ length: HORIZON }, (_, index) => {
      const date = daysFromToday(index - 1);
      const mean = base * weekly(date);
      const spread = mean * (0.08 + index * 0.006);
      return { date: iso(date), mean, lo80: mean - spread, hi80: mean + spread, lo95: mean - spread * 1.6, hi95: mean + spread * 1.6 };
    });
    const forecast = { projectId: project.id, appId, metric, historyFrom: daysFromToday(-91), historyTo: daysFromToday(-2), points };
    // An older forecast the page must not show.
    await prisma.analyticsForecast.create({ data: { ...forecast, model: "naive-seasonal", mape: 0.5, summary: "An old summary.", generatedAt: hoursAgo(24 * 8) } });
    await prisma.analyticsForecast.create({ data: { ...forecast, model: "ets-weekly", mape, summary, generatedAt: hoursAgo(3) } });
  }

  const translation = { projectId: project.id, versionAscId: "asc-version-330", versionString: "3.3.0", sourceLocale: "en-US" };
  await prisma.metadataTranslation.createMany({
    data: [
      // de-DE failed once, then went through: only the newer row shows.
      { ...translation, locale: "de-DE", status: "failed", reason: "An older failure.", fields: { whatsNew: "Alt." }, createdAt: hoursAgo(30) },
      { ...translation, locale: "de-DE", status: "pushed", fields: { description: longDescription, keywords: "gezeiten,ebbe,flut,hafen,schwimmen", whatsNew: "Offline-Karten und ein Widget für das nächste Hochwasser." }, createdAt: hoursAgo(5), pushedAt: hoursAgo(5) },
      { ...translation, locale: "fr-FR", status: "proposed", dryRun: true, fields: { keywords: "marées,port,baignade", promotionalText: "Les marées de 4 000 ports, hors ligne." }, createdAt: hoursAgo(5) },
      { ...translation, locale: "ja", status: "failed", reason: failureReason, fields: { keywords: "潮汐,港,水泳,天気,海,サーフィン,釣り,潮見表,満潮,干潮" }, createdAt: hoursAgo(5) },
    ],
  });

  const other = await createTeamWithProject("analyticsother");
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

const analyticsOf = (page: Page, query = "") => page.goto(`${baseUrl()}/projects/${slug}/analytics${query}`);
const pointsOf = (d: string | null) => (d ?? "").match(/[ML]-?[\d.]+,-?[\d.]+/g)?.length ?? 0;
const series = (chart: Locator, name: string) => chart.locator(`path[data-series=${name}]`);
// "… ago" replaces the UTC time once the page has hydrated.
const hydrated = (page: Page) => page.getByRole("figure", { name: "Forecast summary" }).locator("time", { hasText: / ago$/ }).waitFor();
const sidewaysScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

describe("the Analytics page", () => {
  it("opens from the project's tabs on the app with data, with the forecasts' summary", async () => {
    const { page, close } = await pageAs(memberEmail);
    await page.goto(`${baseUrl()}/projects/${slug}/tasks`);
    await page.getByRole("navigation", { name: /Project pages/ }).getByRole("link", { name: "Analytics" }).click();
    await page.waitForURL(`${baseUrl()}/projects/${slug}/analytics`);
    await page.getByRole("heading", { level: 1, name: "Analytics" }).waitFor();
    await page.getByRole("navigation", { name: "Apps" }).getByRole("link", { name: "Tidepool", exact: true }).and(page.locator("[aria-current=page]")).waitFor();
    const quote = page.getByRole("figure", { name: "Forecast summary" });
    await expect(quote.locator("blockquote").textContent()).resolves.toBe(summary);
    await expect(page.getByText("An old summary.").count()).resolves.toBe(0);
    await close();
  });

  it("charts each metric's last 90 days against the newest forecast and its bands", async () => {
    const { page, close } = await pageAs(memberEmail);
    await analyticsOf(page, `?app=${appId}`);
    for (const { name, metric, mape, base } of reports) {
      const section = page.getByRole("region", { name });
      const chart = section.getByRole("img", { name: `${name}: actual and forecast` });
      await chart.waitFor();
      expect(await chart.evaluate((svg) => svg.tagName)).toBe("svg");
      await expect(chart.locator("title").textContent()).resolves.toBe(`${name}: actual and forecast`);
      await expect(chart.locator("desc").textContent()).resolves.toMatch(/with 80 % and 95 % intervals\.$/);
      expect(pointsOf(await series(chart, "actual").getAttribute("d")), metric).toBe(DRAWN_DAYS);
      expect(pointsOf(await series(chart, "forecast").getAttribute("d")), metric).toBe(HORIZON);
      await expect(series(chart, "forecast").getAttribute("stroke-dasharray")).resolves.toBeTruthy();
      for (const band of ["band80", "band95"]) {
        const d = await series(chart, band).getAttribute("d");
        expect(d, band).toMatch(/ Z$/);
        expect(pointsOf(d), band).toBe(HORIZON * 2);
      }
      // The 95 % band holds the 80 % one.
      const [inner, outer] = await Promise.all([series(chart, "band80").boundingBox(), series(chart, "band95").boundingBox()]);
      expect(outer!.height).toBeGreaterThan(inner!.height);
      await chart.locator("[data-series=today]").waitFor();
      await section.getByText("Backtest error (MAPE, last 4 weeks)").waitFor();
      await section.getByText(`${(mape * 100).toFixed(1)} %`, { exact: true }).waitFor();
      await section.getByText("ets-weekly", { exact: true }).waitFor();
      await expect(section.getByText("naive-seasonal").count()).resolves.toBe(0);
      await section.getByText(/^forecast generated \d+ hours ago$/).waitFor();
      // The actual total of the last 28 days, both territories summed.
      const recent = Array.from({ length: 28 }, (_, index) => index + 2).reduce((sum, daysAgo) => sum + territories.reduce((part, { share }) => part + Math.round(dayValue(base, daysAgo) * share * 100) / 100, 0), 0);
      const total = new Intl.NumberFormat("en-US", metric === "proceeds" ? { style: "currency", currency: "USD", maximumFractionDigits: 0 } : { maximumFractionDigits: 0 }).format(recent);
      await section.getByText(total, { exact: true }).waitFor();
    }
    await page.getByText("Backtest error (MAPE, last 4 weeks)").first().waitFor();
    await close();
  });

  it("lists the newest translation of each locale with its state, and the failure's reason", async () => {
    const { page, close } = await pageAs(memberEmail);
    await analyticsOf(page);
    const list = page.getByRole("region", { name: "Proposed translations" }).getByRole("list", { name: "Translations" });
    await list.locator("li[data-locale]").first().waitFor();
    await expect(list.locator("li[data-locale]").evaluateAll((items) => items.map((item) => item.getAttribute("data-locale")))).resolves.toEqual(["de-DE", "fr-FR", "ja"]);
    const german = list.getByRole("listitem", { name: "German (Germany)" });
    await german.getByText("Pushed", { exact: true }).waitFor();
    await german.getByText("3.3.0").waitFor();
    await german.getByText("gezeiten,ebbe,flut,hafen,schwimmen").waitFor();
    await expect(german.getByText("An older failure.").count()).resolves.toBe(0);
    // The long description is folded to two lines until opened.
    const description = german.locator("details");
    const folded = (await description.boundingBox())!.height;
    await german.getByText("Show all").click();
    await expect.poll(() => description.evaluate((details) => (details as HTMLDetailsElement).open)).toBe(true);
    expect((await description.boundingBox())!.height).toBeGreaterThan(folded * 1.5);
    await german.getByText("Show less").waitFor();

    const french = list.getByRole("listitem", { name: "French (France)" });
    await french.getByText("Proposal (dry run)", { exact: true }).waitFor();
    await french.getByText("Les marées de 4 000 ports, hors ligne.").waitFor();
    const japanese = list.getByRole("listitem", { name: "Japanese" });
    await japanese.getByText("Failed", { exact: true }).waitFor();
    await japanese.getByText(failureReason).waitFor();
    await close();
  });

  it("says when an app has no analytics yet, or data but no forecast", async () => {
    const { page, close } = await pageAs(memberEmail);
    await analyticsOf(page);
    await page.getByRole("navigation", { name: "Apps" }).getByRole("link", { name: "Tidepool Widgets" }).click();
    await page.waitForURL(`${baseUrl()}/projects/${slug}/analytics?app=${quietAppId}`);
    await page.getByText("Pull Analytics runs daily at 02:00 UTC for projects connected to App Store Connect.").waitFor();
    await expect(page.locator("svg[data-chart]").count()).resolves.toBe(0);

    await analyticsOf(page, `?app=${unforecastAppId}`);
    const downloads = page.getByRole("region", { name: "Downloads" });
    await downloads.getByText("Predict Analytics runs weekly on Sundays at 03:00 UTC.").waitFor();
    expect(pointsOf(await series(downloads.getByRole("img"), "actual").getAttribute("d"))).toBe(20);
    await expect(series(downloads.getByRole("img"), "forecast").getAttribute("d")).resolves.toBe("");
    await page.getByRole("region", { name: "Sessions" }).getByText("No sessions yet").waitFor();
    await expect(page.getByRole("figure", { name: "Forecast summary" }).count()).resolves.toBe(0);
    await close();
  });

  it("is not found for another project's app, an unknown app or an id that is not one", async () => {
    const { page, close } = await pageAs(memberEmail);
    for (const id of [otherAppId, randomUUID(), "not-an-id", "%00"]) {
      await analyticsOf(page, `?app=${id}`);
      await page.getByRole("heading", { name: "Nothing here" }).waitFor();
      await expect(page.getByText("Someone else's app").count()).resolves.toBe(0);
      await expect(page.locator("svg[data-chart]").count()).resolves.toBe(0);
    }
    await close();
  });

  it("looks finished light and dark, on a wide screen and a phone", async () => {
    for (const theme of ["light", "dark"] as const) {
      for (const [width, height, suffix] of [
        [1440, 900, ""],
        [390, 844, "-phone"],
      ] as const) {
        const { page, close } = await pageAs(memberEmail, { width, height, theme });
        await analyticsOf(page, `?app=${appId}`);
        await hydrated(page);
        expect(await page.evaluate(() => document.documentElement.classList.contains("dark"))).toBe(theme === "dark");
        expect(await sidewaysScroll(page)).toBeLessThanOrEqual(1);
        await page.screenshot({ path: path.join(directory, `analytics${suffix}-${theme}.png`), fullPage: true });
        await analyticsOf(page, `?app=${unforecastAppId}`);
        await page.getByText("Predict Analytics runs weekly on Sundays at 03:00 UTC.").waitFor();
        expect(await sidewaysScroll(page)).toBeLessThanOrEqual(1);
        await page.screenshot({ path: path.join(directory, `analytics-empty${suffix}-${theme}.png`), fullPage: true });
        await close();
      }
    }
  });
});
