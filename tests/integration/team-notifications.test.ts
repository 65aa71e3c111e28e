// Team notifications (semantics 13): jobs emit them in the transaction of their writes; members get
// the types they chose by email, webhooks the types they receive, signed, retried with backoff
// until given up, with a delivery log; a receiver that is down never fails a job. Against real
// PostgreSQL, real SMTP (smtp-server) and a real local HTTP receiver.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import { emitNotification } from "@/lib/notify/emit";
import { setEmailPreference } from "@/lib/notify/preferences";
import { verifyWebhookSignature } from "@/lib/notify/webhook-signature";
import { createWebhook, listDeliveries, redeliver, rollWebhookSecret, sendTestDelivery, updateWebhook } from "@/lib/notify/webhooks";
import { sendDueDeliveries } from "@/lib/notify/deliver";
import { startWebhookReceiver, type WebhookReceiver } from "@/sandbox/webhooks/server";
import type { RunningWorker } from "@/worker/worker";
import { createProject, createUser, waitFor } from "../helpers/fixtures";
import { startSmtpServer } from "../helpers/smtp";
import { releaseAll } from "../helpers/teardown";
import { setUpTestJobTypes, triggerJob } from "../helpers/test-job-types";
import { startTestWorker } from "../helpers/worker";

let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let receiver: WebhookReceiver;
let worker: RunningWorker | undefined;

beforeAll(async () => {
  process.env.APP_URL = "https://taskdeck.example.com";
  await setUpTestJobTypes();
  smtp = await startSmtpServer();
  receiver = await startWebhookReceiver();
});
afterAll(() => releaseAll(worker, smtp, receiver));
beforeEach(() => {
  receiver.answerAlways(null);
});

const project = async () => {
  const created = await createProject();
  return { ...created, ref: { id: created.project.id, slug: created.project.slug, name: created.project.name } };
};

const reviewData = (ref: { id: string; slug: string; name: string }) => ({
  project: ref,
  app: { id: "app-1", name: "Demo App for iOS", platform: "apple" },
  newCount: 2,
  reviews: [{ rating: 5, title: "Love it", body: "Does what it says", reviewer: "sam", territory: "USA", createdAt: "2026-11-30T10:00:00.000Z" }],
});

const deliveriesOf = (notificationId: string | null) => prisma.notificationDelivery.findMany({ where: { notificationId: notificationId ?? undefined }, orderBy: { createdAt: "asc" } });

describe("emitting", () => {
  it("happens in the job's transaction: rolled back with its writes, committed with them", async () => {
    const { team, ref } = await project();
    const admin = await createUser("admin", team.id);
    await expect(
      prisma.$transaction(async (tx) => {
        await tx.app.create({ data: { projectId: ref.id, name: "Rolled back app", platform: "apple" } });
        await emitNotification(tx, "app.review_new", { teamId: team.id, projectId: ref.id, data: reviewData(ref) });
        throw new Error("the job failed after emitting");
      }),
    ).rejects.toThrow("the job failed after emitting");
    expect(await prisma.notification.count({ where: { teamId: team.id } })).toBe(0);

    const recorded = await prisma.$transaction(async (tx) => {
      await tx.app.create({ data: { projectId: ref.id, name: "Kept app", platform: "apple" } });
      return emitNotification(tx, "app.review_new", { teamId: team.id, projectId: ref.id, data: reviewData(ref) });
    });
    expect(recorded).toMatchObject({ emails: 1, webhooks: 0 });
    const [delivery] = await deliveriesOf(recorded.id);
    expect(delivery).toMatchObject({ channel: "email", recipient: admin.email, status: "pending" });
    const notification = await prisma.notification.findUniqueOrThrow({ where: { id: recorded.id! } });
    expect(notification.subject).toBe("2 new reviews of Demo App for iOS");
    expect(notification.textBody).toContain(`https://taskdeck.example.com/teams/${team.slug}/notifications`);
  });

  it("works on a plain pg transaction too, and refuses data of the wrong shape, writing nothing", async () => {
    const { team, ref } = await project();
    await createUser("member", team.id);
    const { withTransaction } = await import("@/lib/db/pool");
    const recorded = await withTransaction((client) => emitNotification(client, "app.review_new", { teamId: team.id, projectId: ref.id, data: reviewData(ref) }));
    expect(recorded.emails).toBe(1);
    await expect(
      withTransaction((client) => emitNotification(client, "app.review_new", { teamId: team.id, data: { ...reviewData(ref), newCount: -1 } })),
    ).rejects.toThrow();
    expect(await prisma.notification.count({ where: { teamId: team.id } })).toBe(1);
  });

  it("writes nothing when nobody is to receive it", async () => {
    const { team, ref } = await project();
    // Admins get failed-run emails only when they choose to, and there is no webhook.
    await createUser("admin", team.id);
    const data = { project: ref, run: { id: crypto.randomUUID(), type: "t", label: "T", error: "x", trigger: "Schedule", url: "https://taskdeck.example.com/r" } };
    const recorded = await prisma.$transaction((tx) => emitNotification(tx, "run.failed", { teamId: team.id, projectId: ref.id, data }));
    expect(recorded).toEqual({ id: null, emails: 0, webhooks: 0 });
    expect(await prisma.notification.count({ where: { teamId: team.id } })).toBe(0);
  });
});

describe("email preferences", () => {
  it("are honoured per member and type, with each type's default, within the audience of each role", async () => {
    const { team, ref } = await project();
    const admin = await createUser("admin", team.id);
    const member = await createUser("member", team.id);
    const quiet = await createUser("member", team.id);
    const membershipOf = async (userId: string) => (await prisma.membership.findFirstOrThrow({ where: { userId, teamId: team.id } })).id;
    await setEmailPreference(await membershipOf(quiet.id), "member", { type: "app.review_new", email: false });
    await setEmailPreference(await membershipOf(admin.id), "admin", { type: "run.failed", email: true });
    // A member cannot ask for what their role does not see, and a bad choice writes nothing.
    await expect(setEmailPreference(await membershipOf(member.id), "member", { type: "run.failed", email: true })).rejects.toThrow(AppError);
    await expect(setEmailPreference(await membershipOf(member.id), "member", { type: "app.nonsense", email: true })).rejects.toThrow(AppError);
    await expect(setEmailPreference(await membershipOf(member.id), "member", { type: "app.review_new", email: "yes" })).rejects.toThrow(AppError);
    expect(await prisma.emailPreference.count({ where: { membershipId: await membershipOf(member.id) } })).toBe(0);

    const reviews = await prisma.$transaction((tx) => emitNotification(tx, "app.review_new", { teamId: team.id, projectId: ref.id, data: reviewData(ref) }));
    expect((await deliveriesOf(reviews.id)).map((delivery) => delivery.recipient).sort()).toEqual([admin.email, member.email].sort());

    // A failed run of the team's project: the admin who chose it hears, the members cannot.
    worker = await startTestWorker({ outbox: { smtpUrl: smtp.url, from: "Taskdeck <taskdeck@test.local>", intervalMs: 100, retryBaseMs: 100 } });
    const run = await triggerJob({ type: "test_fail", projectId: ref.id, source: { kind: "schedule" } });
    const mail = await waitFor(async () => smtp.received.find((received) => received.text.includes(run.id)), (found) => found !== undefined);
    expect(mail).toMatchObject({ to: admin.email, subject: `Test Fail for ${ref.name} failed` });
    expect(mail!.text).toContain("Error: boom: the test handler failed");
    expect(mail!.text).toContain("Triggered by: Schedule");
    await worker.stop();
    worker = undefined;
  });
});

describe("webhooks", () => {
  it("receive the types they subscribe to, signed with their secret, verifiable and not replayable", async () => {
    const { team, ref } = await project();
    const { webhook, secret } = await createWebhook(team.id, { url: `${receiver.url}/reviews`, types: ["app.review_new"] }, null);
    await createWebhook(team.id, { url: `${receiver.url}/issues`, types: ["issue.new"] }, null);
    const disabled = await createWebhook(team.id, { url: `${receiver.url}/disabled`, types: ["app.review_new"] }, null);
    await updateWebhook(team.id, disabled.webhook.id, { enabled: false });
    expect(secret).toMatch(/^whsec_/);
    expect(webhook.secretHint).toBe(`whsec_…${secret.slice(-4)}`);

    const recorded = await prisma.$transaction((tx) => emitNotification(tx, "app.review_new", { teamId: team.id, projectId: ref.id, data: reviewData(ref) }));
    expect(recorded.webhooks).toBe(1);
    const before = receiver.received.length;
    await sendDueDeliveries({ mail: null, retryBaseMs: 100 });
    const arrived = receiver.received.slice(before).filter((delivery) => delivery.path === "/reviews");
    expect(arrived).toHaveLength(1);
    const delivery = arrived[0]!;
    expect(receiver.received.slice(before).some((other) => other.path !== "/reviews")).toBe(false);
    expect(delivery.headers["x-taskdeck-event"]).toBe("app.review_new");
    const body = JSON.parse(delivery.body) as { id: string; type: string; team: { slug: string }; project: { slug: string }; data: { newCount: number } };
    expect(body).toMatchObject({ id: recorded.id, type: "app.review_new", team: { slug: team.slug }, project: { slug: ref.slug }, data: { newCount: 2 } });

    const header = delivery.headers["x-taskdeck-signature"] as string;
    expect(verifyWebhookSignature({ secret, body: delivery.body, header })).toMatchObject({ ok: true });
    expect(verifyWebhookSignature({ secret: "whsec_another", body: delivery.body, header })).toMatchObject({ ok: false });
    expect(verifyWebhookSignature({ secret, body: delivery.body.replace("2", "3"), header })).toMatchObject({ ok: false });
    // The same delivery presented six minutes later is a replay.
    const signedAt = Number(/t=(\d+)/.exec(header)![1]);
    expect(verifyWebhookSignature({ secret, body: delivery.body, header, nowSeconds: signedAt + 360 })).toEqual({ ok: false, reason: expect.stringContaining("tolerance") });

    const [logged] = await listDeliveries(team.id, webhook.id);
    expect(logged).toMatchObject({ type: "app.review_new", status: "sent", attempts: 1, responseStatus: 200, lastError: null });
    // The secret is in the database sealed, not as itself.
    const row = await prisma.webhook.findUniqueOrThrow({ where: { id: webhook.id } });
    expect(row.secret).not.toContain(secret.slice(6));

    // A rolled secret signs from then on; the old one no longer verifies.
    const rolled = await rollWebhookSecret(team.id, webhook.id);
    await prisma.$transaction((tx) => emitNotification(tx, "app.review_new", { teamId: team.id, projectId: ref.id, data: reviewData(ref) }));
    const mark = receiver.received.length;
    await sendDueDeliveries({ mail: null, retryBaseMs: 100 });
    const next = receiver.received.slice(mark).find((candidate) => candidate.path === "/reviews")!;
    const nextHeader = next.headers["x-taskdeck-signature"] as string;
    expect(verifyWebhookSignature({ secret: rolled.secret, body: next.body, header: nextHeader }).ok).toBe(true);
    expect(verifyWebhookSignature({ secret, body: next.body, header: nextHeader }).ok).toBe(false);
  });

  it("are retried with backoff while the receiver fails, logging each answer, and delivered once it recovers", async () => {
    const { team, ref } = await project();
    const { webhook } = await createWebhook(team.id, { url: `${receiver.url}/flaky`, types: ["app.review_new"] }, null);
    receiver.answerNext(500, 503);
    const recorded = await prisma.$transaction((tx) => emitNotification(tx, "app.review_new", { teamId: team.id, projectId: ref.id, data: reviewData(ref) }));
    const [created] = await deliveriesOf(recorded.id);
    // Retried for a day.
    expect(created!.giveUpAt.getTime() - created!.createdAt.getTime()).toBeGreaterThanOrEqual(24 * 3600 * 1000 - 1000);

    await sendDueDeliveries({ mail: null, retryBaseMs: 200 });
    const first = (await deliveriesOf(recorded.id))[0]!;
    expect(first).toMatchObject({ status: "pending", attempts: 1, responseStatus: 500 });
    expect(first.lastError).toContain("HTTP 500");
    // Not due again before its backoff.
    expect(first.nextAttemptAt.getTime()).toBeGreaterThan(Date.now() + 50);
    expect(await sendDueDeliveries({ mail: null, retryBaseMs: 200 })).toBe(0);

    const sent = await waitFor(
      async () => {
        await sendDueDeliveries({ mail: null, retryBaseMs: 200 });
        return (await deliveriesOf(recorded.id))[0]!;
      },
      (delivery) => delivery.status === "sent",
      10_000,
    );
    expect(sent).toMatchObject({ attempts: 3, responseStatus: 200, lastError: null });
    expect(receiver.received.filter((delivery) => delivery.path === "/flaky").map((delivery) => delivery.status)).toEqual([500, 503, 200]);
    // The same notification id each time, for the receiver to dedupe on.
    expect(new Set(receiver.received.filter((delivery) => delivery.path === "/flaky").map((delivery) => (JSON.parse(delivery.body) as { id: string }).id)).size).toBe(1);
    expect((await listDeliveries(team.id, webhook.id))[0]).toMatchObject({ status: "sent", attempts: 3 });
  });

  it("are given up when the retries run out, and can be redelivered", async () => {
    const { team, ref } = await project();
    const { webhook } = await createWebhook(team.id, { url: `${receiver.url}/down`, types: ["app.review_new"] }, null);
    receiver.answerAlways(500);
    const recorded = await prisma.$transaction((tx) => emitNotification(tx, "app.review_new", { teamId: team.id, projectId: ref.id, data: reviewData(ref) }));
    // As if the day had nearly passed.
    await prisma.notificationDelivery.updateMany({ where: { notificationId: recorded.id! }, data: { giveUpAt: new Date(Date.now() + 150) } });
    await sendDueDeliveries({ mail: null, retryBaseMs: 1000 });
    const [failed] = await listDeliveries(team.id, webhook.id);
    expect(failed).toMatchObject({ status: "failed", attempts: 1, responseStatus: 500, nextAttemptAt: null });
    expect(await sendDueDeliveries({ mail: null, retryBaseMs: 1000 })).toBe(0);

    receiver.answerAlways(null);
    await expect(redeliver(team.id, failed!.id)).resolves.toMatchObject({ status: "pending" });
    await sendDueDeliveries({ mail: null, retryBaseMs: 1000 });
    expect((await listDeliveries(team.id, webhook.id))[0]).toMatchObject({ status: "sent", attempts: 2, responseStatus: 200 });
    // Another team's delivery cannot be redelivered from here.
    const other = await project();
    await expect(redeliver(other.team.id, failed!.id)).rejects.toMatchObject({ code: "not_found" });
  });

  it("are each sent once by workers racing for them", async () => {
    const { team, ref } = await project();
    await createWebhook(team.id, { url: `${receiver.url}/race`, types: ["app.review_new"] }, null);
    for (let index = 0; index < 30; index += 1) {
      await prisma.$transaction((tx) => emitNotification(tx, "app.review_new", { teamId: team.id, projectId: ref.id, data: reviewData(ref) }));
    }
    const senders = Array.from({ length: 4 }, () => sendDueDeliveries({ mail: null, retryBaseMs: 1000, batchSize: 5 }));
    await Promise.all(senders);
    while ((await sendDueDeliveries({ mail: null, retryBaseMs: 1000, batchSize: 5 })) > 0);
    const ids = receiver.received.filter((delivery) => delivery.path === "/race").map((delivery) => delivery.headers["x-taskdeck-delivery"]);
    expect(ids).toHaveLength(30);
    expect(new Set(ids).size).toBe(30);
  });

  it("never fail the job whose notification they carry", async () => {
    const { team, ref } = await project();
    await createWebhook(team.id, { url: "http://127.0.0.1:9/nothing-listens", types: ["run.failed"] }, null);
    worker = await startTestWorker({ outbox: { from: "Taskdeck <taskdeck@test.local>", intervalMs: 100, retryBaseMs: 100 } });
    const run = await triggerJob({ type: "test_fail", projectId: ref.id, source: { kind: "schedule" } });
    const delivery = await waitFor(() => prisma.notificationDelivery.findFirst({ where: { notification: { runId: run.id }, channel: "webhook" } }), (found) => (found?.attempts ?? 0) >= 2);
    expect(delivery).toMatchObject({ status: "pending" });
    expect(delivery!.lastError).toMatch(/ECONNREFUSED/);
    expect((await prisma.jobRun.findUniqueOrThrow({ where: { id: run.id } })).errorMessage).toBe("boom: the test handler failed");
    await worker.stop();
    worker = undefined;
  });

  it("answer Send test at once, and refuse bad settings writing nothing", async () => {
    const { team } = await project();
    const { webhook, secret } = await createWebhook(team.id, { url: `${receiver.url}/test`, types: ["issue.new", "issue.digest"], description: "Ops channel" }, null);
    const sent = await sendTestDelivery(team.id, webhook.id);
    expect(sent).toMatchObject({ type: "webhook.test", status: "sent", responseStatus: 200, attempts: 1 });
    const received = receiver.received.filter((delivery) => delivery.path === "/test").at(-1)!;
    expect(verifyWebhookSignature({ secret, body: received.body, header: received.headers["x-taskdeck-signature"] as string }).ok).toBe(true);

    // A failing test is failed at once, with the receiver's answer: nothing retries it.
    receiver.answerNext(404);
    await expect(sendTestDelivery(team.id, webhook.id)).resolves.toMatchObject({ status: "failed", responseStatus: 404, lastError: expect.stringContaining("HTTP 404") });

    const bad = [
      { url: "ftp://example.com/hook", types: ["issue.new"] },
      { url: "https://user:pass@example.com/hook", types: ["issue.new"] },
      { url: "not a url", types: ["issue.new"] },
      { url: "https://example.com/hook", types: [] },
      { url: "https://example.com/hook", types: ["webhook.test"] },
      { url: "https://example.com/hook", types: ["issue.new"], extra: 1 },
      { url: `https://example.com/${"x".repeat(2100)}`, types: ["issue.new"] },
    ];
    for (const input of bad) await expect(createWebhook(team.id, input, null), JSON.stringify(input).slice(0, 80)).rejects.toMatchObject({ code: "bad_request" });
    expect(await prisma.webhook.count({ where: { teamId: team.id } })).toBe(1);
    // Another team's webhook is not found, whatever is asked of it.
    const other = await project();
    await expect(sendTestDelivery(other.team.id, webhook.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(updateWebhook(other.team.id, webhook.id, { enabled: false })).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("addresses", () => {
  it("on the server's own network are refused unless the server owner allows them, at save and at connect time", async () => {
    const { assertPublicUrl, requestOutbound } = await import("@/lib/net/outbound");
    for (const url of ["http://127.0.0.1:8080/", "http://10.1.2.3/", "http://[::1]/", "http://169.254.169.254/latest/meta-data", "http://localhost/", "http://[::ffff:127.0.0.1]/", "http://2130706433/", "http://0177.0.0.1/"]) {
      await expect(assertPublicUrl(url, false), url).rejects.toThrow(/private address/);
    }
    await expect(assertPublicUrl("https://93.184.215.14/hook", false)).resolves.toBeInstanceOf(URL);
    // The receiver is on loopback: refused when private addresses are not allowed, by IP and by name.
    const port = new URL(receiver.url).port;
    const before = receiver.received.length;
    await expect(requestOutbound(`http://127.0.0.1:${port}/private`, { body: "{}", timeoutMs: 2000, allowPrivate: false })).rejects.toThrow(/private address/);
    await expect(requestOutbound(`http://[::ffff:7f00:1]:${port}/private`, { body: "{}", timeoutMs: 2000, allowPrivate: false })).rejects.toThrow(/private address/);
    await expect(requestOutbound(`http://localhost:${port}/private`, { body: "{}", timeoutMs: 2000, allowPrivate: false })).rejects.toThrow(/private address/);
    expect(receiver.received.length).toBe(before);
    await expect(requestOutbound(`http://localhost:${port}/allowed`, { body: "{}", timeoutMs: 2000, allowPrivate: true })).resolves.toMatchObject({ status: 200 });
  });

  it("that answer a byte at a time are cut off at the deadline of the whole exchange", async () => {
    const { requestOutbound } = await import("@/lib/net/outbound");
    const { listen } = await import("@/sandbox/http");
    const trickle = await listen((_req, res) => {
      res.writeHead(200, { "Content-Type": "text/plain" });
      const timer = setInterval(() => res.write("."), 100);
      res.on("close", () => clearInterval(timer));
    });
    try {
      await expect(requestOutbound(`${trickle.origin}/slow`, { body: "{}", timeoutMs: 700, allowPrivate: true, truncate: true })).rejects.toThrow("No answer within 0.7 s");
    } finally {
      await trickle.close();
    }
  });
});

describe("a webhook whose secret does not open", () => {
  it("fails its deliveries for good, saying why, instead of retrying them forever", async () => {
    const { team, ref } = await project();
    const { webhook } = await createWebhook(team.id, { url: `${receiver.url}/damaged`, types: ["app.review_new"] }, null);
    // Sealed for another row: it does not open here.
    const other = await createWebhook(team.id, { url: `${receiver.url}/other`, types: ["issue.new"] }, null);
    const { secret } = await prisma.webhook.findUniqueOrThrow({ where: { id: other.webhook.id } });
    await prisma.webhook.update({ where: { id: webhook.id }, data: { secret } });
    await prisma.$transaction((tx) => emitNotification(tx, "app.review_new", { teamId: team.id, projectId: ref.id, data: reviewData(ref) }));
    await sendDueDeliveries({ mail: null, retryBaseMs: 100 });
    const [delivery] = await listDeliveries(team.id, webhook.id);
    expect(delivery).toMatchObject({ status: "failed", attempts: 1, lastError: expect.stringContaining("does not open") });
    expect(receiver.received.some((received) => received.path === "/damaged")).toBe(false);
  });
});
