// What every StorePush handler starts with: the project's App Store Connect integration and a
// client wired to the run (its AbortSignal, and rate-limit waits shown in the run's progress message).
import { ensureStoreApp } from "@/lib/apps/store-app";
import { AppStoreConnectClient, type AppStoreSession } from "@/lib/appstore/client";
import { env } from "@/lib/env";
import type { ProjectJobContext } from "@/lib/jobs/handler";
import { markSynced, requireIntegration } from "./store";

export type { AppStoreSession };

export async function connectAppStore(context: ProjectJobContext): Promise<AppStoreSession> {
  const { config, secrets } = await requireIntegration(context.project.id, "app_store_connect");

  const client = new AppStoreConnectClient({
    baseUrl: env.APP_STORE_CONNECT_API_URL,
    credentials: { issuerId: config.issuerId, keyId: config.keyId, privateKey: secrets.privateKey },
    signal: context.signal,
    // The bar keeps its counts; the message says why it is not moving.
    onRateLimited: (waitMs) => context.progress({ message: `Rate limited by App Store Connect, waiting ${Math.ceil(waitMs / 1000)}s` }),
  });
  const app = await ensureStoreApp(context.project.id, config.appId);
  return { client, appId: config.appId, projectId: context.project.id, localAppId: app.id };
}

export async function markPulled(projectId: string): Promise<void> {
  await markSynced(projectId, "app_store_connect");
}
