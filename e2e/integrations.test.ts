// A project's integrations in its settings: an admin connects RevenueCat with a wrong key (the
// test that follows says so), fixes it, connects App Store Connect from a key file (Pull All is
// queued) and disconnects it; members see what is connected and nothing of the secrets.
import { writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demo } from "@/prisma/seed";
import { demoAppStoreProject } from "@/sandbox/appstore/server";
import { demoRevenueCatProject } from "@/sandbox/revenuecat/server";
import { baseUrl, launchBrowser, signIn } from "./helpers";
import { createProject, createUser, demoTeam, prisma, waitUntilFinished } from "./fixtures";

let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await signIn(page);
});
afterAll(async () => {
  await browser?.close();
  await prisma.$disconnect();
});

const card = (label: string) => page.getByRole("listitem", { name: label, exact: true });

describe("a project's integrations", () => {
  it("are connected by an admin: a wrong key is a readable failed test, the right one passes", async () => {
    const project = await createProject((await demoTeam()).id, "connect");
    await page.goto(`${baseUrl()}/projects/${project.slug}/settings`);
    const revenuecat = card("RevenueCat");
    await revenuecat.getByText("Not connected").waitFor();

    await page.getByRole("button", { name: "Connect RevenueCat" }).click();
    const dialog = page.getByRole("dialog", { name: "Connect RevenueCat" });
    await dialog.getByLabel("RevenueCat project id").fill(demoRevenueCatProject.projectId);
    await dialog.getByLabel("Secret API key (v2)").fill("pk_public_key");
    await dialog.getByRole("button", { name: "Connect and test" }).click();
    await dialog.getByText("apiKey must be a v2 secret key (sk_…) or an OAuth token (atk_…)").waitFor();
    await dialog.getByLabel("Secret API key (v2)").fill("sk_wrong_key_1234");
    await dialog.getByRole("button", { name: "Connect and test" }).click();
    await revenuecat.getByText("Connection failed").waitFor();
    await revenuecat.getByText(/RevenueCat 401 authentication_error: Invalid API key/).waitFor();
    await revenuecat.getByText("…1234").waitFor();

    await page.getByRole("button", { name: "Edit RevenueCat settings" }).click();
    const edit = page.getByRole("dialog", { name: "RevenueCat settings" });
    await expect(edit.getByLabel("Secret API key (v2)").inputValue()).resolves.toBe("");
    await edit.getByLabel("Secret API key (v2)").fill(demoRevenueCatProject.apiKey);
    await edit.getByRole("button", { name: "Save and test" }).click();
    await revenuecat.getByText(`RevenueCat accepted the key for project ${demoRevenueCatProject.projectId}`).waitFor();
    await revenuecat.getByText("Connected", { exact: true }).waitFor();
    // Stored sealed, and nowhere in the page.
    const stored = await prisma.integration.findFirstOrThrow({ where: { projectId: project.id, kind: "revenuecat" } });
    expect(stored.secrets).not.toContain(demoRevenueCatProject.apiKey);
    expect(await page.content()).not.toContain(demoRevenueCatProject.apiKey);
  });

  it("connects App Store Connect from its key file, which queues Pull All, and disconnects it", async () => {
    const project = await createProject((await demoTeam()).id, "appstore");
    const keyFile = path.join(mkdtempSync(path.join(tmpdir(), "taskdeck-e2e-")), "AuthKey_TDSANDBOX1.p8");
    writeFileSync(keyFile, demoAppStoreProject.privateKeyPem);
    await page.goto(`${baseUrl()}/projects/${project.slug}/settings`);
    await page.getByRole("button", { name: "Connect App Store Connect" }).click();
    const dialog = page.getByRole("dialog", { name: "Connect App Store Connect" });
    await dialog.getByLabel("Issuer id").fill(demoAppStoreProject.issuerId);
    await dialog.getByLabel("Key id").fill(demoAppStoreProject.keyId);
    await dialog.getByLabel("App id").fill(demoAppStoreProject.appId);
    await dialog.getByLabel("Or choose the key file").setInputFiles(keyFile);
    // The browser reads the file into the field after the change event.
    await expect.poll(() => dialog.getByLabel("Private key (.p8)").inputValue(), { timeout: 10_000 }).toContain("BEGIN PRIVATE KEY");
    await dialog.getByRole("button", { name: "Connect and test" }).click();
    await page.getByText("Pull All queued").waitFor();
    const appStore = card("App Store Connect");
    await appStore.getByText(`App Store Connect accepted the key for app ${demoAppStoreProject.appId}`).waitFor();
    const pullAll = await prisma.jobRun.findFirstOrThrow({ where: { projectId: project.id, type: "pull_all" } });
    expect((await waitUntilFinished(pullAll.id, 60_000)).status).toBe("completed");

    await page.getByRole("button", { name: "Disconnect App Store Connect" }).click();
    await page.getByRole("dialog", { name: "Disconnect App Store Connect?" }).getByRole("button", { name: "Disconnect" }).click();
    await appStore.getByText("Not connected").waitFor();
    expect(await prisma.integration.count({ where: { projectId: project.id } })).toBe(0);
  });

  it("are shown to members, without the means to change them", async () => {
    const member = await createUser((await demoTeam()).id, "member");
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const memberPage = await context.newPage();
    await signIn(memberPage, member.email);
    await memberPage.goto(`${baseUrl()}/projects/${demo.project.slug}/settings`);
    await memberPage.getByRole("listitem", { name: "Apple Ads", exact: true }).getByText(/Connected/).waitFor();
    await memberPage.getByText("Admins and owners of the team connect and change them.").waitFor();
    await expect(memberPage.getByRole("button", { name: /Connect|Test|Disconnect|Edit/ }).count()).resolves.toBe(0);
    await context.close();
  });
});
