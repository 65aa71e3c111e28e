// Starts the whole product for browser and HTTP tests, the way `npm start` runs it: a migrated and
// seeded database, the RevenueCat and App Store Connect sandboxes, a production build, and web and
// worker as processes.
import { randomBytes } from "node:crypto";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { createPrisma } from "@/lib/db/prisma";
import { demo, seedDemo } from "@/prisma/seed";
import { sealIntegration } from "@/lib/integrations/store";
import { demoRevenueCatProject } from "@/sandbox/revenuecat/server";
import { startSandboxes } from "@/sandbox/registry";
import { ensureBuild } from "@/scripts/lib/build";
import { startProcess, waitForExit, waitForHttp, webArgs, workerArgs } from "@/scripts/lib/processes";
import { createThrowawayDatabase, freePort } from "@/scripts/lib/throwaway-database";
import { e2eEncryptionKey, largeRevenueCatAccount } from "./accounts";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    databaseUrl: string;
  }
}

// A second project of the demo team whose RevenueCat key is wrong: its syncs fail with a real 401.
export const brokenProject = { name: "Broken App", slug: "broken-app" };

export default async function setup(project: TestProject) {
  // Whatever started before a failure is stopped again, so a failed setup leaves nothing running.
  const cleanups: Array<() => Promise<unknown>> = [];
  const teardown = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch((error: unknown) => console.error(error));
  };
  try {
    await startStack(project, cleanups);
  } catch (error) {
    await teardown();
    throw error;
  }
  return teardown;
}

async function startStack(project: TestProject, cleanups: Array<() => Promise<unknown>>) {
  const database = await createThrowawayDatabase("e2e");
  cleanups.push(() => database.dispose());
  // The seed seals credentials in this process, with the key the stack's processes get.
  process.env.TASKDECK_ENCRYPTION_KEY = e2eEncryptionKey;
  const prisma = createPrisma(database.url);
  const seeded = await seedDemo(prisma);
  const broken = await prisma.project.create({ data: { ...brokenProject, teamId: seeded.teamId } });
  await prisma.integration.create({
    data: { projectId: broken.id, kind: "revenuecat", ...sealIntegration(broken.id, "revenuecat", { revenuecatProjectId: demoRevenueCatProject.projectId }, { apiKey: "sk_revoked_key" }) },
  });
  await prisma.$disconnect();

  // A small delay per request keeps a sync running for a few seconds, long enough to watch.
  // The budget is far above RevenueCat's 480 a minute: the browser tests run many syncs back to
  // back, and waiting out rate limits (proven in the integration tests) would only slow them.
  const sandboxes = await startSandboxes({
    revenuecat: { projects: [demoRevenueCatProject, largeRevenueCatAccount], delayMs: 15, budgetPerMinute: 100_000 },
    appStore: { delayMs: 15 },
    // 175 storefronts at 25 ms: a ratings sync lasts a few seconds, long enough to watch its bar.
    itunes: { delayMs: 25 },
  });
  cleanups.push(() => sandboxes.close());
  await ensureBuild((line) => console.log(line));

  const port = await freePort();
  const env = {
    ...process.env,
    NODE_ENV: "production" as const,
    DATABASE_URL: database.url,
    PORT: String(port),
    NEXTAUTH_SECRET: randomBytes(24).toString("base64url"),
    NEXTAUTH_URL: `http://127.0.0.1:${port}`,
    ...sandboxes.env,
    TASKDECK_ENCRYPTION_KEY: e2eEncryptionKey,
    ALLOW_PRIVATE_NETWORK_URLS: "true",
    LOG_LEVEL: "warn",
    // Uploads go to a directory of the run's own; a small cap and ingest budget keep their tests quick.
    ATTACHMENTS_DIR: await mkdtemp(path.join(tmpdir(), "taskdeck-e2e-attachments-")),
    ATTACHMENT_MAX_BYTES: String(64 * 1024),
    INGEST_RATE_LIMIT_PER_MINUTE: "300",
  };
  for (const [name, args] of [["web", webArgs(port)], ["worker", workerArgs]] as const) {
    const child = startProcess(name, args, env);
    cleanups.push(() => {
      child.kill("SIGTERM");
      return waitForExit(child, 20_000);
    });
  }
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitForHttp(`${baseUrl}/login`, 120_000);

  project.provide("baseUrl", baseUrl);
  project.provide("databaseUrl", database.url);
  console.log(`e2e stack on ${baseUrl} (demo login ${demo.admin.email})`);
}
