// A team's notifications, in Chromium: an admin adds a webhook (its secret shown once), sends a test
// that a real receiver gets signed, sees a failing test in the delivery log and redelivers it;
// a bad address is an inline error that writes nothing; a member chooses their emails and cannot
// reach the webhooks.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyWebhookSignature } from "@/lib/notify/webhook-signature";
import { startWebhookReceiver, type WebhookReceiver } from "@/sandbox/webhooks/server";
import { demo } from "@/prisma/seed";
import { baseUrl, launchBrowser, signIn } from "./helpers";
import { createTeamWithProject, createUser, demoTeam, prisma } from "./fixtures";

let browser: Browser;
let page: Page;
let receiver: WebhookReceiver;

beforeAll(async () => {
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  receiver = await startWebhookReceiver();
  await signIn(page);
});
afterAll(async () => {
  await browser?.close();
  await receiver?.close();
  await prisma.$disconnect();
});

describe("webhooks", () => {
  it("are added with a secret shown once, tested against a real receiver, and redelivered when a test failed", async () => {
    await page.getByRole("button", { name: /^Account menu/ }).click();
    await page.getByRole("menuitem", { name: "Notifications" }).click();
    await page.getByRole("heading", { name: "Notifications", level: 1 }).waitFor();

    await page.getByRole("button", { name: "Add webhook" }).click();
    const dialog = page.getByRole("dialog", { name: "Add a webhook" });
    await dialog.getByLabel("Payload URL").fill("ftp://example.com/hook");
    await dialog.getByLabel("Description").fill("On-call relay");
    await dialog.getByRole("checkbox", { name: /Issue digest/ }).uncheck();
    await dialog.getByRole("button", { name: "Add webhook" }).click();
    await dialog.getByText("url must be an http(s) address").waitFor();
    const team = await demoTeam();
    expect(await prisma.webhook.count({ where: { teamId: team.id, description: "On-call relay" } })).toBe(0);

    await dialog.getByLabel("Payload URL").fill(`${receiver.url}/oncall`);
    await dialog.getByRole("button", { name: "Add webhook" }).click();
    const secret = (await page.getByTestId("webhook-secret").textContent())!.trim();
    expect(secret).toMatch(/^whsec_/);
    const stored = await prisma.webhook.findFirstOrThrow({ where: { teamId: team.id, description: "On-call relay" } });
    expect(stored.types).not.toContain("issue.digest");
    expect(stored.secret).not.toContain(secret.slice(6));
    await page.getByRole("button", { name: "Done" }).click();
    await expect(page.getByTestId("webhook-secret").count()).resolves.toBe(0);

    await page.getByRole("link", { name: `${receiver.url}/oncall` }).click();
    await page.getByRole("heading", { name: "On-call relay", level: 1 }).waitFor();
    await page.getByText("Nothing delivered yet").waitFor();
    await page.getByRole("button", { name: "Send test" }).click();
    await page.getByText("Test delivered").waitFor();
    const received = receiver.received.filter((delivery) => delivery.path === "/oncall");
    expect(received).toHaveLength(1);
    expect(verifyWebhookSignature({ secret, body: received[0]!.body, header: received[0]!.headers["x-taskdeck-signature"] as string })).toMatchObject({ ok: true });
    await page.getByRole("listitem", { name: "Webhook test, Delivered" }).waitFor();

    // A receiver that fails: the log says how, and Redeliver sends it again through the worker.
    receiver.answerNext(500);
    await page.getByRole("button", { name: "Send test" }).click();
    await page.getByText("Test not delivered").waitFor();
    const failed = page.getByRole("listitem", { name: "Webhook test, Failed" });
    await failed.getByText(/HTTP 500/).waitFor();
    await failed.getByRole("button", { name: /^Redeliver the Webhook test delivery/ }).click();
    await page.getByRole("listitem", { name: "Webhook test, Failed" }).waitFor({ state: "detached" });
    await page.getByRole("listitem", { name: "Webhook test, Delivered" }).nth(1).waitFor({ timeout: 20_000 });
    expect(receiver.received.filter((delivery) => delivery.path === "/oncall").map((delivery) => delivery.status)).toEqual([200, 500, 200]);
  });

  it("are out of members' reach, while each member chooses their own emails", async () => {
    const team = await demoTeam();
    const member = await createUser(team.id, "member");
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const memberPage = await context.newPage();
    await signIn(memberPage, member.email);
    await memberPage.goto(`${baseUrl()}/teams/${demo.team.slug}/notifications`);
    await memberPage.getByText(`Admins and owners of ${demo.team.name} manage its webhooks.`).waitFor();
    await expect(memberPage.getByRole("button", { name: "Add webhook" }).count()).resolves.toBe(0);
    // Failed runs are for the admins, who see runs.
    await expect(memberPage.getByRole("switch", { name: /Failed runs/ }).count()).resolves.toBe(0);

    const reviews = memberPage.getByRole("switch", { name: /New app reviews/ });
    expect(await reviews.isChecked()).toBe(true);
    await reviews.uncheck();
    await memberPage.getByText("No more “New app reviews” emails").waitFor();
    await memberPage.reload();
    expect(await memberPage.getByRole("switch", { name: /New app reviews/ }).isChecked()).toBe(false);
    const membership = await prisma.membership.findFirstOrThrow({ where: { userId: member.id, teamId: team.id } });
    expect(await prisma.emailPreference.findMany({ where: { membershipId: membership.id } })).toMatchObject([{ type: "app.review_new", email: false }]);

    const webhook = await prisma.webhook.findFirstOrThrow({ where: { teamId: team.id } });
    await memberPage.goto(`${baseUrl()}/teams/${demo.team.slug}/webhooks/${webhook.id}`);
    await memberPage.getByText(`Only admins and owners of ${demo.team.name} manage its webhooks.`).waitFor();
    // Another team's settings are not found at all.
    const other = await createTeamWithProject("elsewhere");
    await memberPage.goto(`${baseUrl()}/teams/${other.team.slug}/notifications`);
    await memberPage.getByRole("heading", { name: "Nothing here" }).waitFor();
    await context.close();
  });
});
