// Data the e2e files add to the seeded demo, written straight to the stack's database: users of
// each role, another team, API keys and runs in chosen states.
import { randomBytes, randomUUID } from "node:crypto";
import { inject } from "vitest";
import { hashPassword } from "@/lib/auth/password";
import { hashKey } from "@/lib/auth/api-keys";
import { createPrisma } from "@/lib/db/prisma";
import type { Role } from "@/lib/generated/prisma/client";
import { demo } from "@/prisma/seed";
import { demoAppStoreProject } from "@/sandbox/appstore/server";
import type { IntegrationKind } from "@/lib/integrations/kinds";
import { sealIntegration } from "@/lib/integrations/store";
import { newWebhookSecret, webhookSecretContext } from "@/lib/notify/webhook-signature";
import { seal } from "@/lib/secrets/seal";
import { demoRevenueCatProject } from "@/sandbox/revenuecat/server";
import { largeRevenueCatAccount } from "./setup/accounts";

export const prisma = createPrisma(inject("databaseUrl"));

export async function demoTeam() {
  return prisma.team.findUniqueOrThrow({ where: { slug: demo.team.slug } });
}

/** A user with the demo password and a role in the team (or in no team). */
export async function createUser(teamId: string | null, role: Role = "member") {
  const email = `${role}-${randomUUID().slice(0, 8)}@e2e.test`;
  const user = await prisma.user.create({ data: { email, name: `E2E ${role}`, passwordHash: await hashPassword(demo.password) } });
  if (teamId) await prisma.membership.create({ data: { teamId, userId: user.id, role } });
  return user;
}

export async function createTeamWithProject(label: string) {
  const suffix = randomUUID().slice(0, 8);
  const team = await prisma.team.create({ data: { name: `${label} ${suffix}`, slug: `${label}-${suffix}` } });
  const project = await prisma.project.create({ data: { teamId: team.id, name: `${label} App`, slug: `${label}-app-${suffix}` } });
  return { team, project };
}

export async function createProject(teamId: string, label: string) {
  const suffix = randomUUID().slice(0, 8);
  const name = label.charAt(0).toUpperCase() + label.slice(1).replaceAll("-", " ");
  return prisma.project.create({ data: { teamId, name: `${name} ${suffix}`, slug: `${label}-${suffix}` } });
}

/** A project whose RevenueCat key the sandbox refuses: its syncs fail with a real 401. Its own, so
 * no other test file sees its runs. */
export async function createBrokenProject(teamId: string, label = "broken") {
  const project = await createProject(teamId, label);
  await connect(project.id, "revenuecat", { revenuecatProjectId: demoRevenueCatProject.projectId }, { apiKey: "sk_revoked_key" });
  return project;
}

/** A project on the sandbox's large RevenueCat account: its sync runs long enough to be cancelled. */
export async function createLargeProject(teamId: string) {
  const project = await createProject(teamId, "large");
  await connect(project.id, "revenuecat", { revenuecatProjectId: largeRevenueCatAccount.projectId }, { apiKey: largeRevenueCatAccount.apiKey });
  return project;
}

/** Connects a project to a sandbox as the settings page does (credentials sealed). */
export async function connect(projectId: string, kind: IntegrationKind, config: Record<string, unknown>, secrets: Record<string, unknown>) {
  await prisma.integration.create({ data: { projectId, kind, ...sealIntegration(projectId, kind, config, secrets) } });
}

/** An API key in clear, stored as the product stores it (hash and prefix only). */
export async function createKey(teamId: string, permissions: string[], options: { revoked?: boolean; createdById?: string; rateLimitPerMinute?: number; name?: string } = {}) {
  const key = `tdk_${randomBytes(30).toString("base64url")}`;
  const record = await prisma.apiKey.create({
    data: {
      teamId,
      name: options.name ?? `e2e ${permissions.join("+")}`,
      prefix: key.slice(0, 12),
      hash: hashKey(key),
      permissions,
      createdById: options.createdById ?? null,
      rateLimitPerMinute: options.rateLimitPerMinute ?? null,
      revokedAt: options.revoked ? new Date() : null,
    },
  });
  return { key, id: record.id };
}

/** A finished run written directly (no job behind it), e.g. a failed run to retry. */
export async function createFinishedRun(projectId: string | null, type: string, status: "failed" | "completed" | "cancelled") {
  return prisma.jobRun.create({
    data: { type, projectId, status, triggerKind: "admin_cli", startedAt: new Date(), finishedAt: new Date(), errorMessage: status === "failed" ? "written by a test" : null },
  });
}

export async function waitUntilFinished(runId: string, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const run = await prisma.jobRun.findUniqueOrThrow({ where: { id: runId } });
    if (!["pending", "running"].includes(run.status)) return run;
    if (Date.now() > deadline) throw new Error(`run ${runId} still ${run.status} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A project whose App Store Connect key id the sandbox does not know: every request is a 401. */
export async function createBrokenAppStoreProject(teamId: string) {
  const project = await createProject(teamId, "storepush");
  const { issuerId, privateKeyPem, appId } = demoAppStoreProject;
  await connect(project.id, "app_store_connect", { issuerId, keyId: "REVOKEDKEY", appId }, { privateKey: privateKeyPem });
  return project;
}

/** Gives the project the sandbox's real key id, as an admin fixing the settings would. */
export async function fixAppStoreKey(projectId: string) {
  const where = { projectId_kind: { projectId, kind: "app_store_connect" as const } };
  const { config } = await prisma.integration.findUniqueOrThrow({ where });
  await prisma.integration.update({ where, data: { config: { ...(config as object), keyId: demoAppStoreProject.keyId } } });
}

/** A team webhook with a delivery log of each kind (delivered, retrying, failed), for screenshots. */
export async function createWebhookWithLog(teamId: string, url: string) {
  const id = randomUUID();
  await prisma.webhook.create({
    data: { id, teamId, url, description: "Incident relay", types: ["issue.new", "issue.digest", "app.review_new"], secret: seal(newWebhookSecret(), webhookSecretContext(id)), secretHint: "whsec_…Q2x9" },
  });
  const log = [
    ["issue.new", "failed", 27, 500, 233, "HTTP 500: {\"error\":\"internal error\"}", 26 * 60],
    ["app.review_new", "sent", 1, 200, 61, null, 95],
    ["issue.digest", "pending", 3, 503, 1204, "HTTP 503: upstream unavailable", 12],
    ["issue.new", "sent", 1, 200, 84, null, 4],
  ] as const;
  for (const [type, status, attempts, responseStatus, durationMs, lastError, minutesAgo] of log) {
    const at = new Date(Date.now() - minutesAgo * 60_000);
    await prisma.notification.create({
      data: {
        type,
        teamId,
        subject: type,
        textBody: "",
        htmlBody: "",
        createdAt: at,
        deliveries: {
          create: { channel: "webhook", webhookId: id, status, attempts, responseStatus, durationMs, lastError, createdAt: at, sentAt: status === "sent" ? at : null, nextAttemptAt: new Date(Date.now() + 8 * 60_000), giveUpAt: new Date(at.getTime() + 86_400_000) },
        },
      },
    });
  }
  return id;
}
