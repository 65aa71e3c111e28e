// Finding a run and fixing its params (issue 19, item 4): the header's "Find run id" opens a run
// from its id prefix, and "Retry with changes" succeeds where the plain retry failed (a Push Review
// with a review id App Store Connect does not know, then the right one).
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoAppStoreProject } from "@/sandbox/appstore/server";
import { generateAppStoreApp } from "@/sandbox/appstore/data";
import { baseUrl, launchBrowser, signIn } from "./helpers";
import { createBrokenAppStoreProject, createKey, demoTeam, fixAppStoreKey, prisma, waitUntilFinished } from "./fixtures";

let browser: Browser;
let page: Page;
let key: string;

beforeAll(async () => {
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await signIn(page);
  key = (await createKey((await demoTeam()).id, ["jobs:read", "jobs:write"])).key;
});
afterAll(async () => {
  await browser?.close();
  await prisma.$disconnect();
});

async function trigger(projectSlug: string, body: object): Promise<string> {
  const response = await fetch(`${baseUrl()}/api/v1/projects/${projectSlug}/jobs`, {
    method: "POST",
    headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(202);
  return ((await response.json()) as { run: { id: string } }).run.id;
}

describe("finding a run", () => {
  it("opens a run from its id prefix typed in the header, and says when no run has it", async () => {
    const team = await demoTeam();
    const project = await createBrokenAppStoreProject(team.id);
    await fixAppStoreKey(project.id);
    const runId = await trigger(project.slug, { type: "push_review", params: { reviewId: "no-such-review", responseBody: "Thanks!" } });
    await waitUntilFinished(runId);

    await page.goto(`${baseUrl()}/projects/${project.slug}/schedules`);
    const search = page.getByRole("search", { name: "Find a run" }).getByRole("searchbox", { name: "Find a run by its id" });
    await search.fill(runId.slice(0, 6).toUpperCase());
    await search.press("Enter");
    await page.waitForURL(new RegExp(`/runs/${runId}$`));
    await page.getByRole("heading", { name: "Push Review", level: 1 }).waitFor();

    // A prefix no run of this project has (the run's own id, with its first digit changed).
    const missing = `${runId[0] === "f" ? "e" : "f"}${runId.slice(1, 8)}`;
    await search.fill(missing);
    await search.press("Enter");
    await page.getByRole("status").filter({ hasText: `No run starts with ${missing} in this project.` }).waitFor();
    // Not a prefix at all: said before anything is asked.
    await search.fill("xyz");
    await search.press("Enter");
    await page.getByRole("status").filter({ hasText: "Type a run id, or its first 4 or more hex digits." }).waitFor();

    // The Runs page filters by the same prefix, and by trigger.
    await page.goto(`${baseUrl()}/projects/${project.slug}/runs?id=${runId.slice(0, 8)}&trigger=api_key`);
    await page.locator(`[data-run-id="${runId}"]`).waitFor();
    await expect(page.getByRole("combobox", { name: "Trigger" }).inputValue()).resolves.toBe("api_key");
    await page.getByRole("combobox", { name: "Trigger" }).selectOption("schedule");
    await page.getByText("No runs match these filters").waitFor();
  });
});

describe("retry with changes", () => {
  it("succeeds where the plain retry failed, linked as the failed run's retry", async () => {
    const team = await demoTeam();
    const project = await createBrokenAppStoreProject(team.id);
    await fixAppStoreKey(project.id);
    const failedId = await trigger(project.slug, { type: "push_review", params: { reviewId: "bogus-review-id", responseBody: "Thanks for the kind words!" } });
    const failed = await waitUntilFinished(failedId);
    expect(failed.status).toBe("failed");

    // The plain retry runs the same params, and fails the same way.
    await page.goto(`${baseUrl()}/projects/${project.slug}/runs/${failedId}`);
    await page.getByRole("button", { name: "Retry", exact: true }).click();
    await page.waitForURL((url) => url.pathname.includes("/runs/") && !url.pathname.endsWith(failedId));
    const plainId = page.url().split("/").at(-1)!;
    const plain = await waitUntilFinished(plainId);
    expect([plain.status, plain.retryOfId, plain.errorMessage]).toEqual(["failed", failedId, failed.errorMessage]);

    // Retry with changes: the form holds the run's params; the review id is corrected.
    const review = generateAppStoreApp(demoAppStoreProject.appId, demoAppStoreProject).reviews.at(-1)!;
    await page.getByRole("region", { name: "Error" }).waitFor();
    await page.getByRole("button", { name: "Retry with changes" }).click();
    const dialog = page.getByRole("dialog", { name: "Retry Push Review with changes" });
    const reviewField = dialog.getByLabel("Review ID");
    await expect(reviewField.inputValue()).resolves.toBe("bogus-review-id");
    await expect(dialog.getByLabel(/Response body/).inputValue()).resolves.toBe("Thanks for the kind words!");
    await reviewField.fill(review.id);
    await dialog.getByRole("button", { name: "Retry with these params" }).click();
    await page.waitForURL((url) => url.pathname.includes("/runs/") && !url.pathname.endsWith(plainId));
    const changedId = page.url().split("/").at(-1)!;
    const changed = await waitUntilFinished(changedId, 60_000);
    expect([changed.status, changed.retryOfId]).toEqual(["completed", plainId]);
    expect(changed.params).toEqual({ reviewId: review.id, responseBody: "Thanks for the kind words!" });
    await page.locator('[data-status="completed"]').first().waitFor();
    await page.getByText("Retry of", { exact: true }).waitFor();
    // The failed runs keep their params and errors.
    expect((await prisma.jobRun.findUniqueOrThrow({ where: { id: plainId } })).params).toEqual({ reviewId: "bogus-review-id", responseBody: "Thanks for the kind words!" });
  });
});
