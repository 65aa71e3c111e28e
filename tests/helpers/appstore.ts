// App Store Connect fixtures: sandbox apps with keys of their own (derived from the app id, so no
// key files), and projects connected to them the way prisma/seed.ts connects the demo project.
import { prisma } from "@/lib/db/prisma";
import { saveIntegration } from "@/lib/integrations/store";
import { deriveKeyPair } from "@/sandbox/appstore/keys";
import type { SandboxAppStoreApp } from "@/sandbox/appstore/server";
import { createProject, waitFor } from "./fixtures";

export const testIssuerId = "57246542-96fe-1a63-e053-0824d011072a";

export function sandboxApp(appId: string, options: { reviewCount?: number; seed?: number } = {}): SandboxAppStoreApp {
  return {
    appId,
    issuerId: testIssuerId,
    keyId: `KEY${appId.slice(-7).padStart(7, "0")}`,
    privateKeyPem: deriveKeyPair(`test key for ${appId}`).privateKeyPem,
    seed: options.seed ?? 7,
    reviewCount: options.reviewCount ?? 40,
  };
}

/** A new team and project connected to `app` (with another key when `privateKeyPem` is given). */
export async function createAppStoreProject(app: SandboxAppStoreApp, privateKeyPem = app.privateKeyPem) {
  const created = await createProject();
  await saveIntegration(created.project.id, "app_store_connect", { issuerId: app.issuerId, keyId: app.keyId, appId: app.appId, privateKey: privateKeyPem });
  return created;
}

const ended = (run: { status: string } | null) => run !== null && !["pending", "running"].includes(run.status);

/** Waits until the run has ended, calling `watch` with every state seen on the way. */
export function waitForRunEnd(runId: string, watch?: (run: NonNullable<Awaited<ReturnType<typeof readRun>>>) => void) {
  return waitFor(async () => {
    const run = await readRun(runId);
    if (run) watch?.(run);
    return run;
  }, ended).then((run) => run!);
}

const readRun = (runId: string) => prisma.jobRun.findUnique({ where: { id: runId } });
