// What every StorePush handler starts with: the project's App Store Connect connection and a client
// wired to the run (its AbortSignal, and rate-limit waits shown in the run's progress message).
import { prisma } from "@/lib/db/prisma";
import { env } from "@/lib/env";
import type { ProjectJobContext } from "@/lib/jobs/handler";
import { AppStoreConnectClient } from "./client";

export interface AppStoreSession {
  client: AppStoreConnectClient;
  appId: string;
  projectId: string;
}

export async function connectAppStore(context: ProjectJobContext): Promise<AppStoreSession> {
  const connection = await prisma.appStoreConnection.findUnique({ where: { projectId: context.project.id } });
  if (!connection) throw new Error("App Store Connect is not connected for this project");

  const client = new AppStoreConnectClient({
    baseUrl: env.APP_STORE_CONNECT_API_URL,
    credentials: { issuerId: connection.issuerId, keyId: connection.keyId, privateKey: connection.privateKey },
    signal: context.signal,
    // The bar keeps its counts; the message says why it is not moving.
    onRateLimited: (waitMs) => context.progress({ message: `Rate limited by App Store Connect, waiting ${Math.ceil(waitMs / 1000)}s` }),
  });
  return { client, appId: connection.appId, projectId: context.project.id };
}

export async function markPulled(projectId: string): Promise<void> {
  await prisma.appStoreConnection.update({ where: { projectId }, data: { lastPulledAt: new Date() } });
}
