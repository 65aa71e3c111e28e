// Run now forms that know the project's data (issue 20), in Chromium against the App Store Connect
// sandbox: after Pull All, Push Metadata and Push Build offer the pulled locales, versions and
// builds; Push Review searches the pulled reviews on the server, picks one by keyboard and pushes a
// response to exactly that review; a project with nothing pulled says to run Pull All first and
// runs it from the form, which then fills. The biggest form fits a phone with its buttons in view.
// Screenshots light and dark, wide and phone, into the screenshots directory.
import { mkdirSync, readFileSync } from "node:fs";
import { randomUUID } from "node:crypto";
import { createRequire } from "node:module";
import path from "node:path";
import type { AxeResults } from "axe-core";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demo } from "@/prisma/seed";
import { demoAppStoreProject } from "@/sandbox/appstore/server";
import { connect, createKey, createProject, createTeamWithProject, createUser, demoTeam, prisma, waitUntilFinished } from "./fixtures";
import { baseUrl, launchBrowser, sessionCookie } from "./helpers";

const directory = process.env.UPDATE_SCREENSHOTS === "1" ? "docs/screenshots" : "test-results/screenshots";
let browser: Browser;
let demoProjectId: string;
let emptySlug: string;

/** Triggers a type over the API as an admin's key would, and waits for it; a run already active is waited for too. */
async function runToTheEnd(slug: string, key: string, type: string) {
  const response = await fetch(`${baseUrl()}/api/v1/projects/${slug}/jobs`, {
    method: "POST",
    headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json" },
    body: JSON.stringify({ type }),
  });
  const body = (await response.json()) as { run?: { id: string }; error?: { existingRunId?: string } };
  const runId = body.run?.id ?? body.error?.existingRunId;
  if (!runId) throw new Error(`${type} was not started: ${JSON.stringify(body)}`);
  return waitUntilFinished(runId, 90_000);
}

beforeAll(async () => {
  mkdirSync(directory, { recursive: true });
  browser = await launchBrowser();
  const team = await demoTeam();
  const admin = await prisma.user.findUniqueOrThrow({ where: { email: demo.admin.email } });
  const { key } = await createKey(team.id, ["jobs:read", "jobs:write"], { createdById: admin.id });
  demoProjectId = (await prisma.project.findUniqueOrThrow({ where: { slug: demo.project.slug } })).id;
  expect((await runToTheEnd(demo.project.slug, key, "pull_all")).status).toBe("completed");
  // Connected to the same sandbox app, and never pulled.
  const empty = await createProject(team.id, "unpulled");
  const { issuerId, keyId, privateKeyPem, appId } = demoAppStoreProject;
  await connect(empty.id, "app_store_connect", { issuerId, keyId, appId }, { privateKey: privateKeyPem });
  emptySlug = empty.slug;
});
afterAll(async () => {
  await browser?.close();
  await prisma.$disconnect();
});

async function pageAs(options: { width?: number; height?: number; theme?: "light" | "dark" } = {}) {
  const context = await browser.newContext({ viewport: { width: options.width ?? 1280, height: options.height ?? 900 }, colorScheme: options.theme ?? "light", deviceScaleFactor: 1 });
  await context.addInitScript((choice) => localStorage.setItem("taskdeck-theme", choice), options.theme ?? "light");
  const cookie = await sessionCookie(demo.admin.email);
  const equals = cookie.indexOf("=");
  await context.addCookies([{ name: cookie.slice(0, equals), value: cookie.slice(equals + 1), url: baseUrl() }]);
  const page = await context.newPage();
  return { page, close: () => context.close() };
}

async function openRunNow(page: Page, slug: string, label: string): Promise<Locator> {
  await page.goto(`${baseUrl()}/projects/${slug}/tasks`);
  await page.getByRole("button", { name: `Run ${label} now` }).click();
  const dialog = page.getByRole("dialog", { name: `Run ${label}` });
  await dialog.waitFor();
  return dialog;
}

// axe-core on the open dialog alone (the page behind it is inert, and other tests audit it).
const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
async function dialogViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => "axe" in window))) await page.addScriptTag({ content: axeSource });
  const results = await page.evaluate(() =>
    (window as unknown as { axe: { run: (context: Element, options: object) => Promise<AxeResults> } }).axe.run(document.querySelector("dialog[open]")!, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] },
      resultTypes: ["violations"],
    }),
  );
  return results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .flatMap((violation) => violation.nodes.map((node) => `${violation.id} at ${node.target.join(" ")}: ${(node.failureSummary ?? violation.help).replace(/\s+/g, " ")}`));
}

const optionValues = (listbox: Locator) => listbox.getByRole("option").evaluateAll((options) => options.map((option) => option.getAttribute("data-value")));

describe("the Run now pickers", () => {
  it("offer the pulled locales and versions in Push Metadata, and the builds in Push Build", async () => {
    const { page, close } = await pageAs();
    const dialog = await openRunNow(page, demo.project.slug, "Push Metadata");

    const locale = dialog.getByRole("combobox", { name: "Locale" });
    await locale.click();
    const locales = dialog.getByRole("listbox", { name: "Locales" });
    await locales.getByRole("option", { name: /^de-DE · German \(Germany\)/ }).waitFor();
    const pulledLocales = await prisma.appStoreLocalization.findMany({ where: { projectId: demoProjectId }, distinct: ["locale"], select: { locale: true }, orderBy: { locale: "asc" } });
    expect(await optionValues(locales)).toEqual(pulledLocales.map((row) => row.locale));
    expect(await optionValues(locales)).toEqual(expect.arrayContaining(["en-US", "de-DE", "fr-FR", "ja-JP"]));
    await locales.getByRole("option", { name: /^ja-JP/ }).getByText("In 2.4.0, 2.3.0").waitFor();
    // Typing searches by name as well as code; the keyboard picks.
    await locale.fill("japan");
    await expect.poll(() => optionValues(locales)).toEqual(["ja-JP"]);
    await locale.press("ArrowDown");
    await locale.press("Enter");
    await expect(locale.inputValue()).resolves.toBe("ja-JP");
    expect(await locale.getAttribute("aria-expanded")).toBe("false");

    const version = dialog.getByRole("combobox", { name: "Version (optional)" });
    await version.click();
    const versions = dialog.getByRole("listbox", { name: "Versions" });
    await versions.getByRole("option", { name: /^2\.4\.0\s?Prepare for submission · iOS/ }).waitFor();
    const pulledVersions = await prisma.appStoreVersion.findMany({ where: { projectId: demoProjectId }, select: { versionString: true } });
    expect((await optionValues(versions)).sort()).toEqual([...new Set(pulledVersions.map((row) => row.versionString))].sort());
    // Escape closes the list, not the dialog.
    await version.press("Escape");
    expect(await version.getAttribute("aria-expanded")).toBe("false");
    await dialog.waitFor();
    await version.click();
    await versions.getByRole("option", { name: /^2\.4\.0/ }).click();
    await expect(version.inputValue()).resolves.toBe("2.4.0");
    await dialog.getByRole("button", { name: "Cancel" }).click();

    const build = await openRunNow(page, demo.project.slug, "Push Build");
    const buildNumber = build.getByRole("combobox", { name: "Build number" });
    await buildNumber.click();
    const builds = build.getByRole("listbox", { name: "Builds" });
    await builds.getByRole("option", { name: /^Build 108\s?Version 2\.3\.0 · uploaded [A-Z][a-z]{2} \d{1,2}, \d{4} · Valid$/ }).waitFor();
    await builds.getByRole("option", { name: /^Build 111\s?No version attached · .* · Processing$/ }).waitFor();
    const pulledBuilds = await prisma.appStoreBuild.findMany({ where: { projectId: demoProjectId }, select: { version: true }, orderBy: [{ uploadedDate: "desc" }, { version: "desc" }] });
    expect(await optionValues(builds)).toEqual(pulledBuilds.map((row) => row.version));
    // A raw value the schema allows is still typed: the form sends it as typed.
    await buildNumber.fill("9.9.9");
    await builds.getByText("No pulled build matches; the text as typed is sent.").waitFor();
    await build.getByRole("button", { name: "Cancel" }).click();
    await close();
  });

  it("searches the pulled reviews on the server, picks one and pushes a response to exactly that review", async () => {
    const { page, close } = await pageAs();
    // An unanswered review, found by the text of its body ("…, review #N.").
    const target = await prisma.appStoreReview.findFirstOrThrow({ where: { projectId: demoProjectId, responseState: null, body: { contains: "review #2" } }, orderBy: { createdDate: "desc" } });
    const phrase = /review #\d+\./.exec(target.body!)![0];
    const response = `Thanks for the review — e2e ${randomUUID().slice(0, 8)}`;
    const dialog = await openRunNow(page, demo.project.slug, "Push Review");

    const reviewId = dialog.getByRole("combobox", { name: "Review ID" });
    await reviewId.click();
    const list = dialog.getByRole("listbox", { name: "Reviews" });
    // A support inbox: unanswered first, twenty at a time, more on request.
    await expect.poll(() => list.getByRole("option").count()).toBe(20);
    const unanswered = await prisma.appStoreReview.count({ where: { projectId: demoProjectId, responseState: null, app: { deletedAt: null } } });
    await dialog.getByRole("status").getByText(`${unanswered.toLocaleString("en-US")} unanswered reviews`, { exact: true }).waitFor();
    await dialog.getByRole("button", { name: "Load more reviews" }).click();
    await expect.poll(() => list.getByRole("option").count()).toBe(40);

    const searches: string[] = [];
    page.on("request", (request) => request.url().includes("/picker-options?kind=review&q=") && searches.push(new URL(request.url()).searchParams.get("q")!));
    await reviewId.fill(phrase);
    await expect.poll(() => optionValues(list)).toEqual([target.externalId]);
    await dialog.getByRole("status").getByText(`1 unanswered review match “${phrase}”`).waitFor();
    // The server searched (once per pause, not per key), the browser did not filter a loaded list.
    expect(searches.at(-1)).toBe(phrase);
    const option = list.getByRole("option").first();
    await option.getByText(target.title!).waitFor();
    await option.getByRole("img", { name: `${target.rating}.0 out of 5 stars` }).waitFor();
    await option.getByText(target.reviewerNickname!, { exact: false }).waitFor();
    // Start run with the list open: the click lands (the list closes on release), and the form is checked.
    await dialog.getByRole("button", { name: "Start run" }).click();
    await dialog.locator('[id$="-responseBody-error"]').waitFor();
    expect(await reviewId.getAttribute("aria-expanded")).toBe("false");
    await reviewId.click();
    await reviewId.press("ArrowDown");
    await reviewId.press("Enter");
    await expect(reviewId.inputValue()).resolves.toBe(target.externalId);
    await dialog.getByRole("group", { name: "Picked review" }).getByText(target.title!).waitFor();

    await dialog.getByLabel("Response body").fill(response);
    const triggered = page.waitForResponse((answer) => answer.url().endsWith("/jobs") && answer.request().method() === "POST");
    await dialog.getByRole("button", { name: "Start run" }).click();
    const posted = await triggered;
    expect(posted.request().postDataJSON()).toMatchObject({ type: "push_review", params: { reviewId: target.externalId, responseBody: response } });
    const { run } = (await posted.json()) as { run: { id: string } };
    const done = await waitUntilFinished(run.id, 60_000);
    expect(done.status, done.errorMessage ?? "").toBe("completed");
    expect(done.result).toMatchObject({ reviewId: target.externalId, state: "PENDING_PUBLISH" });
    const answered = await prisma.appStoreReview.findUniqueOrThrow({ where: { id: target.id } });
    expect([answered.responseBody, answered.responseState]).toEqual([response, "PENDING_PUBLISH"]);
    // No other review got the response.
    expect(await prisma.appStoreReview.count({ where: { projectId: demoProjectId, responseBody: response } })).toBe(1);

    // Answered now: gone from the unanswered reviews, and marked among all of them.
    const again = await openRunNow(page, demo.project.slug, "Push Review");
    const reviewAgain = again.getByRole("combobox", { name: "Review ID" });
    await reviewAgain.fill(phrase);
    const listAgain = again.getByRole("listbox", { name: "Reviews" });
    await again.getByRole("status").getByText(`0 unanswered reviews match “${phrase}”`).waitFor();
    await expect(listAgain.getByRole("option").count()).resolves.toBe(0);
    await again.getByRole("button", { name: "All reviews" }).click();
    await expect.poll(() => optionValues(listAgain)).toEqual([target.externalId]);
    await listAgain.getByRole("option").getByText("Answer awaiting publication").waitFor();
    await close();
  });

  it("says to run Pull All first on a project with nothing pulled, and fills once it ran from the form", async () => {
    const { page, close } = await pageAs();
    const dialog = await openRunNow(page, emptySlug, "Push Review");
    const reviewId = dialog.getByRole("combobox", { name: "Review ID" });
    const hint = dialog.locator("p", { hasText: "Nothing pulled yet — run Pull All first, or type the review." });
    await hint.waitFor();
    // The hint is the field's description for screen readers.
    expect((await reviewId.getAttribute("aria-describedby"))?.split(" ")).toContain(await hint.getAttribute("id"));
    await reviewId.click();
    await dialog.getByRole("listbox", { name: "Reviews" }).getByText("No reviews pulled yet.").waitFor();
    await reviewId.fill("raw-review-id");
    await expect(reviewId.inputValue()).resolves.toBe("raw-review-id");

    await page.screenshot({ path: path.join(directory, "pickers-empty-light.png") });
    await dialog.getByRole("button", { name: "Run Pull All" }).click();
    const pull = page.getByRole("dialog", { name: "Run Pull All" });
    const triggered = page.waitForResponse((answer) => answer.url().endsWith("/jobs") && answer.request().method() === "POST");
    await pull.getByRole("button", { name: "Start run" }).click();
    const { run } = (await (await triggered).json()) as { run: { id: string; type: string } };
    expect(run.type).toBe("pull_all");
    await pull.waitFor({ state: "hidden" });
    // The Push Review form stayed open with what was typed, and fills once the pull is done.
    await expect(reviewId.inputValue()).resolves.toBe("raw-review-id");
    expect((await waitUntilFinished(run.id, 90_000)).status).toBe("completed");
    await hint.waitFor({ state: "detached", timeout: 15_000 });
    await reviewId.fill("");
    await expect.poll(() => dialog.getByRole("listbox", { name: "Reviews" }).getByRole("option").count(), { timeout: 10_000 }).toBe(20);
    await close();
  });

  it("are served only to those who may run jobs in the project, reviews searched on the server", async () => {
    const team = await demoTeam();
    const writer = (await createKey(team.id, ["jobs:read", "jobs:write"])).key;
    const reader = (await createKey(team.id, ["jobs:read"])).key;
    const member = await sessionCookie((await createUser(team.id, "member")).email);
    const other = await createTeamWithProject("pickers-other");
    const get = (slug: string, headers: Record<string, string>, query = "kind=review") => fetch(`${baseUrl()}/api/dashboard/projects/${slug}/picker-options?${query}`, { headers });
    const statuses = await Promise.all([
      get(demo.project.slug, {}),
      get(demo.project.slug, { Authorization: `Bearer ${reader}` }),
      get(demo.project.slug, { Cookie: member }),
      get(other.project.slug, { Authorization: `Bearer ${writer}` }),
      get(demo.project.slug, { Authorization: `Bearer ${writer}` }, "kind=country"),
      get(demo.project.slug, { Authorization: `Bearer ${writer}` }, "kind=review&limit=500"),
    ]);
    expect(statuses.map((response) => response.status)).toEqual([401, 403, 403, 404, 400, 400]);

    const target = await prisma.appStoreReview.findFirstOrThrow({ where: { projectId: demoProjectId, body: { contains: "review #1" } }, orderBy: { createdDate: "desc" } });
    const phrase = /review #\d+\./.exec(target.body!)![0];
    const found = await get(demo.project.slug, { Authorization: `Bearer ${writer}` }, new URLSearchParams({ kind: "review", q: phrase, reply: "any" }).toString());
    expect(found.status).toBe(200);
    const body = (await found.json()) as { options: Array<{ value: string }>; total: number; pulled: boolean };
    expect(body).toMatchObject({ total: 1, pulled: true, options: [{ value: target.externalId }] });
  });

  it("fit a phone: the biggest form scrolls inside the dialog with its buttons in view, light and dark", async () => {
    const problems: string[] = [];
    for (const theme of ["light", "dark"] as const) {
      for (const [width, height, suffix] of [
        [1440, 900, ""],
        [390, 844, "-phone"],
      ] as const) {
        const { page, close } = await pageAs({ width, height, theme });
        const dialog = await openRunNow(page, demo.project.slug, "Push Metadata");
        await dialog.getByRole("combobox", { name: "Locale" }).click();
        await dialog.getByRole("listbox", { name: "Locales" }).getByRole("option").first().waitFor();
        await dialog.getByRole("combobox", { name: "Locale" }).press("Escape");
        expect(await page.evaluate(() => document.documentElement.classList.contains("dark"))).toBe(theme === "dark");
        expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(1);
        // The dialog is inside the viewport, its body scrolls on a phone, and Start run stays in view at both ends.
        const box = (await dialog.boundingBox())!;
        expect([box.x >= 0, box.y >= 0, box.x + box.width <= width, box.y + box.height <= height]).toEqual([true, true, true, true]);
        const start = dialog.getByRole("button", { name: "Start run" });
        const body = dialog.locator("form").locator("..");
        for (const end of ["top", "bottom"] as const) {
          await body.evaluate((element, where) => element.scrollTo({ top: where === "top" ? 0 : element.scrollHeight }), end);
          const button = (await start.boundingBox())!;
          expect(button.y + button.height, `Start run at the ${end}, ${width}px`).toBeLessThanOrEqual(height);
          expect(await start.evaluate((element) => document.elementFromPoint(element.getBoundingClientRect().x + 5, element.getBoundingClientRect().y + 5)?.closest("button") === element)).toBe(true);
        }
        if (suffix) expect(await body.evaluate((element) => element.scrollHeight > element.clientHeight)).toBe(true);
        await body.evaluate((element) => element.scrollTo({ top: 0 }));
        problems.push(...(await dialogViolations(page)).map((violation) => `metadata${suffix}-${theme}: ${violation}`));
        await page.screenshot({ path: path.join(directory, `pickers-metadata${suffix}-${theme}.png`) });
        await dialog.getByRole("combobox", { name: "Locale" }).click();
        await dialog.getByRole("listbox", { name: "Locales" }).getByRole("option").first().waitFor();
        problems.push(...(await dialogViolations(page)).map((violation) => `locale${suffix}-${theme}: ${violation}`));
        await page.screenshot({ path: path.join(directory, `pickers-locale${suffix}-${theme}.png`) });

        await dialog.getByRole("button", { name: "Cancel" }).click();
        const review = await openRunNow(page, demo.project.slug, "Push Review");
        await review.getByRole("combobox", { name: "Review ID" }).click();
        await expect.poll(() => review.getByRole("listbox", { name: "Reviews" }).getByRole("option").count()).toBe(20);
        expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(1);
        problems.push(...(await dialogViolations(page)).map((violation) => `review${suffix}-${theme}: ${violation}`));
        await page.screenshot({ path: path.join(directory, `pickers-review${suffix}-${theme}.png`) });
        await close();
      }
    }
    expect(problems, problems.join("\n")).toEqual([]);
  });
});
