// npm run sandbox — the RevenueCat sandbox alone, e.g. next to `npm run web` and `npm run worker`
// on your own database (point REVENUECAT_API_URL at the URL it prints).
import "@/lib/runtime/require-node";
import { parseLauncherEnv } from "@/lib/env";
import { demoRevenueCatProject, startRevenueCatSandbox } from "./revenuecat/server";

const launcher = parseLauncherEnv();
const sandbox = await startRevenueCatSandbox({
  port: launcher.REVENUECAT_SANDBOX_PORT,
  projects: [demoRevenueCatProject],
  delayMs: launcher.REVENUECAT_SANDBOX_DELAY_MS,
});
console.log(`RevenueCat sandbox on ${sandbox.url} (key ${demoRevenueCatProject.apiKey.slice(0, 10)}…, project ${demoRevenueCatProject.projectId})`);
const stop = () => void sandbox.close().then(() => process.exit(0));
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
