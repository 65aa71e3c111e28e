// A project's apps in its settings: the demo's Apple and Android apps are listed; an admin adds an
// app (a bad bundle id is refused inline first), edits it and removes it; a member sees the apps
// without the means to change them.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demo } from "@/prisma/seed";
import { baseUrl, launchBrowser, signIn } from "./helpers";
import { createProject, createUser, demoTeam, prisma } from "./fixtures";

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

const appRow = (name: string) => page.getByRole("listitem", { name, exact: true });

describe("a project's apps", () => {
  it("are the demo's Apple and Android apps, with the App Store id its App Store Connect connection uses", async () => {
    await page.goto(`${baseUrl()}/projects/${demo.project.slug}/tasks`);
    await page.getByRole("link", { name: "Settings", exact: true }).click();
    await page.getByRole("heading", { name: "Apps" }).waitFor();
    const connection = await prisma.integration.findFirstOrThrow({ where: { project: { slug: demo.project.slug }, kind: "app_store_connect" } });
    await appRow("Demo App for iOS").getByText((connection.config as { appId: string }).appId).waitFor();
    await appRow("Demo App for Android").getByText("Android", { exact: true }).waitFor();
  });

  it("are added, edited and removed by an admin, with bad input refused inline and nothing saved", async () => {
    const team = await demoTeam();
    const project = await createProject(team.id, "apps");
    await page.goto(`${baseUrl()}/projects/${project.slug}/settings`);
    await page.getByText("No apps yet").waitFor();

    await page.getByRole("button", { name: "Add app" }).click();
    const dialog = page.getByRole("dialog", { name: "Add an app" });
    await dialog.getByLabel("Name").fill("Acme for iOS");
    await dialog.getByLabel("Bundle id").fill("not a bundle id");
    await dialog.getByLabel("App Store id").fill("1234567890");
    await dialog.getByRole("button", { name: "Add app" }).click();
    await dialog.getByText("bundleId is a reverse-DNS name such as com.example.app").waitFor();
    expect(await prisma.app.count({ where: { projectId: project.id } })).toBe(0);

    await dialog.getByLabel("Bundle id").fill("com.acme.ios");
    await dialog.getByRole("button", { name: "Add app" }).click();
    await appRow("Acme for iOS").getByText("com.acme.ios").waitFor();
    await expect(dialog.isVisible()).resolves.toBe(false);
    expect(await prisma.app.findFirst({ where: { projectId: project.id } })).toMatchObject({ name: "Acme for iOS", platform: "apple", bundleId: "com.acme.ios", appleAppStoreId: "1234567890" });

    // The same bundle id again is the server's refusal, shown on the field.
    await page.getByRole("button", { name: "Add app" }).click();
    await dialog.getByLabel("Name").fill("Acme again");
    await dialog.getByLabel("Bundle id").fill("com.acme.ios");
    await dialog.getByRole("button", { name: "Add app" }).click();
    await dialog.getByText("another app of this project has this bundle id").waitFor();
    await dialog.getByRole("button", { name: "Cancel" }).click();

    await page.getByRole("button", { name: "Edit Acme for iOS" }).click();
    const edit = page.getByRole("dialog", { name: "Edit Acme for iOS" });
    await expect(edit.getByLabel("Bundle id").inputValue()).resolves.toBe("com.acme.ios");
    await edit.getByLabel("Name").fill("Acme for Android");
    await edit.getByLabel("Platform").selectOption("android");
    // Only Apple apps have an App Store id: the field goes, and its value is not sent.
    await expect(edit.getByLabel("App Store id").count()).resolves.toBe(0);
    await edit.getByRole("button", { name: "Save changes" }).click();
    await appRow("Acme for Android").getByText("Package name").waitFor();
    expect(await prisma.app.findFirst({ where: { projectId: project.id } })).toMatchObject({ name: "Acme for Android", platform: "android", appleAppStoreId: null });

    await page.getByRole("button", { name: "Remove Acme for Android" }).click();
    await page.getByRole("dialog", { name: "Remove Acme for Android?" }).getByRole("button", { name: "Remove app" }).click();
    await page.getByText("No apps yet").waitFor();
    // Removed is soft-deleted: gone from the live apps, restorable for 7 days.
    expect(await prisma.app.count({ where: { projectId: project.id, deletedAt: null } })).toBe(0);
    expect(await prisma.app.count({ where: { projectId: project.id, deletedAt: { not: null } } })).toBe(1);
  });

  it("are shown to members, who cannot change them", async () => {
    const member = await createUser((await demoTeam()).id, "member");
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const memberPage = await context.newPage();
    await signIn(memberPage, member.email);
    await memberPage.goto(`${baseUrl()}/projects/${demo.project.slug}/settings`);
    await memberPage.getByRole("listitem", { name: "Demo App for iOS" }).waitFor();
    await memberPage.getByText("Admins and owners of the team can change them.").waitFor();
    await expect(memberPage.getByRole("button", { name: /Add app|Edit|Remove/ }).count()).resolves.toBe(0);
    await context.close();
  });
});
