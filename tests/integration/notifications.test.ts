// Notifications (semantics 11): an outbox written when runs end, sent by the worker over real SMTP
// to an in-process smtp-server; delivery retried while the mail server is down.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/prisma";
import { createOutboxSender } from "@/worker/outbox-sender";
import type { RunningWorker } from "@/worker/worker";
import { createProject, createUser, waitFor } from "../helpers/fixtures";
import { startSmtpServer } from "../helpers/smtp";
import { setUpTestJobTypes, testJobs, triggerJob } from "../helpers/test-job-types";
import { startTestWorker } from "../helpers/worker";
import { releaseAll } from "../helpers/teardown";

const ALERTS = "owner@server.test";
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let worker: RunningWorker | undefined;
let project: { id: string; slug: string; name: string };
let user: { id: string; email: string };

beforeAll(async () => {
  // Read by the env module on first use, which comes next.
  process.env.SYSTEM_JOBS_ALERT_EMAIL = ALERTS;
  process.env.APP_URL = "https://taskdeck.example.com";
  await setUpTestJobTypes();
  smtp = await startSmtpServer();
  const created = await createProject();
  project = created.project;
  user = await createUser("admin", created.team.id);
  worker = await startTestWorker({ outbox: { smtpUrl: smtp.url, from: "Taskdeck <taskdeck@test.local>", intervalMs: 200, retryBaseMs: 300 } });
});

afterAll(() => releaseAll(worker, smtp));

const trigger = (type: string, notify: boolean) => triggerJob({ type, projectId: project.id, notify, source: { kind: "user", userId: user.id } });
const mailFor = (runId: string) => waitFor(async () => smtp.received.find((mail) => mail.text.includes(runId)), (mail) => mail !== undefined, 30_000);

describe("run notifications", () => {
  it("email the person who triggered with notify when the run completes", async () => {
    const run = await trigger("test_stubborn", true);
    const mail = (await mailFor(run.id))!;
    expect(mail.to).toBe(user.email);
    expect(mail.subject).toBe(`Test Stubborn for ${project.name} completed`);
    expect(mail.text).toContain("Status: completed");
    expect(mail.text).toMatch(/Duration: \d+ s/);
    expect(mail.text).toContain("Progress: 1 of 2 processed: not listening");
    expect(mail.text).toContain(`https://taskdeck.example.com/projects/${project.slug}/runs/${run.id}`);
    expect(mail.html).toContain("<table");
    expect(mail.html).toContain(`href="https://taskdeck.example.com/projects/${project.slug}/runs/${run.id}"`);
  });

  it("include the error of a failed run, and say so for a cancelled one", async () => {
    const failed = await trigger("test_fail", true);
    const failedMail = (await mailFor(failed.id))!;
    expect(failedMail.subject).toBe(`Test Fail for ${project.name} failed`);
    expect(failedMail.text).toContain("Error: boom: the test handler failed");

    const slow = await trigger("test_slow", true);
    await waitFor(() => prisma.jobRun.findUniqueOrThrow({ where: { id: slow.id } }), (run) => run.status === "running");
    await testJobs.cancel(slow.id);
    const cancelledMail = (await mailFor(slow.id))!;
    expect(cancelledMail.subject).toBe(`Test Slow for ${project.name} was cancelled`);
    expect(cancelledMail.text).toContain("Status: cancelled");
  });

  it("send nothing for runs without notify", async () => {
    const run = await trigger("test_stubborn", false);
    await waitFor(() => prisma.jobRun.findUniqueOrThrow({ where: { id: run.id } }), (current) => current.status === "completed");
    await worker!.flushOutbox();
    expect(await prisma.notification.count({ where: { runId: run.id } })).toBe(0);
    expect(smtp.received.some((mail) => mail.text.includes(run.id))).toBe(false);
  });

  it("send nothing to someone removed from the team, though their key's runs go on", async () => {
    const leaver = await createUser("admin", (await prisma.project.findUniqueOrThrow({ where: { id: project.id } })).teamId);
    const key = await prisma.apiKey.create({ data: { teamId: (await prisma.project.findUniqueOrThrow({ where: { id: project.id } })).teamId, createdById: leaver.id, name: "leaver's key", prefix: "tdk_x", hash: `hash-${leaver.id}`, permissions: ["jobs:read", "jobs:write"] } });
    await prisma.membership.deleteMany({ where: { userId: leaver.id } });
    const run = await triggerJob({ type: "test_stubborn", projectId: project.id, notify: true, source: { kind: "api_key", userId: leaver.id, apiKeyId: key.id } });
    await waitFor(() => prisma.jobRun.findUniqueOrThrow({ where: { id: run.id } }), (current) => current.status === "completed");
    await worker!.flushOutbox();
    expect(await prisma.notification.count({ where: { runId: run.id } })).toBe(0);
    expect(smtp.received.some((mail) => mail.to === leaver.email)).toBe(false);
  });

  it("alert SYSTEM_JOBS_ALERT_EMAIL about every system run that completes", async () => {
    const run = await triggerJob({ type: "job_runs_cleanup", projectId: null, source: { kind: "admin_cli" } });
    const mail = (await mailFor(run.id))!;
    expect(mail.to).toBe(ALERTS);
    expect(mail.subject).toBe("Job Runs Cleanup (system job) completed");
    expect(mail.text).toContain("taskdeck admin system-jobs runs");
  });
});

describe("delivery", () => {
  it("retries with backoff while SMTP is down, records attempts and the error, and never fails the job", async () => {
    await smtp.close();
    const run = await trigger("test_stubborn", true);
    const done = await waitFor(() => prisma.jobRun.findUniqueOrThrow({ where: { id: run.id } }), (current) => current.status !== "pending" && current.status !== "running");
    expect(done.status).toBe("completed");

    const delivery = () => prisma.notificationDelivery.findFirstOrThrow({ where: { notification: { runId: run.id } } });
    // The second attempt has failed, not merely begun: a leased delivery is due again only after the
    // two-minute lease, a failed one after its backoff of seconds.
    const failing = await waitFor(delivery, (row) => row.attempts >= 2 && row.nextAttemptAt.getTime() < Date.now() + 60_000, 30_000);
    expect(failing.status).toBe("pending");
    expect(failing.lastError).toMatch(/ECONNREFUSED|connect/i);
    expect(failing.sentAt).toBeNull();

    // The mail server comes back on the same address: the next attempt delivers it.
    smtp = await startSmtpServer(smtp.port);
    await mailFor(run.id);
    const sent = await waitFor(delivery, (row) => row.status === "sent");
    expect(sent.attempts).toBeGreaterThanOrEqual(3);
    expect(sent.sentAt).toBeInstanceOf(Date);
  });

  it("keeps emails in the outbox as held, and logs them, when SMTP_URL is not set", async () => {
    // Only a sender without SMTP may see this row.
    await worker?.stop();
    worker = undefined;
    const { deliveries } = await prisma.notification.create({
      data: {
        type: "run.finished",
        subject: "Held mail",
        textBody: "Body of the held mail",
        htmlBody: "<p>Body</p>",
        deliveries: { create: { channel: "email", recipient: "someone@test.local", giveUpAt: new Date(Date.now() + 3600_000) } },
      },
      include: { deliveries: true },
    });
    const row = deliveries[0]!;
    const sender = createOutboxSender({ from: "Taskdeck <taskdeck@test.local>" });
    const lines: string[] = [];
    const original = console.error;
    console.error = (line: string) => void lines.push(line);
    try {
      expect(await sender.sendDue()).toBe(1);
    } finally {
      console.error = original;
    }
    const after = await prisma.notificationDelivery.findUniqueOrThrow({ where: { id: row.id } });
    expect(after.status).toBe("held");
    expect(after.sentAt).toBeNull();
    expect(lines.join("\n")).toContain("Held mail");
    expect(lines.join("\n")).toContain("Body of the held mail");
    // Held emails are not picked up again.
    expect(await sender.sendDue()).toBe(0);
  });
});
