// npm run sandbox — the RevenueCat and App Store Connect sandboxes alone, e.g. next to `npm run web`
// and `npm run worker` on your own database (point REVENUECAT_API_URL and APP_STORE_CONNECT_API_URL
// at the URLs it prints).
import "@/lib/runtime/require-node";
import { parseLauncherEnv } from "@/lib/env";
import { demoAppStoreProject, startAppStoreSandbox } from "./appstore/server";
import { demoRevenueCatProject, startRevenueCatSandbox } from "./revenuecat/server";

const launcher = parseLauncherEnv();
const revenuecat = await startRevenueCatSandbox({
  port: launcher.REVENUECAT_SANDBOX_PORT,
  projects: [demoRevenueCatProject],
  delayMs: launcher.REVENUECAT_SANDBOX_DELAY_MS,
});
console.log(`RevenueCat sandbox on ${revenuecat.url} (key ${demoRevenueCatProject.apiKey.slice(0, 10)}…, project ${demoRevenueCatProject.projectId})`);
const appStore = await startAppStoreSandbox({
  port: launcher.APP_STORE_SANDBOX_PORT,
  apps: [demoAppStoreProject],
  delayMs: launcher.APP_STORE_SANDBOX_DELAY_MS,
});
console.log(`App Store Connect sandbox on ${appStore.url} (key ${demoAppStoreProject.keyId}, app ${demoAppStoreProject.appId})`);
const stop = () => void Promise.all([revenuecat.close(), appStore.close()]).then(() => process.exit(0));
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
