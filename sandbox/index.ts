// npm run sandbox — every vendor sandbox alone (sandbox/registry.ts), e.g. next to `npm run web` and
// `npm run worker` on your own database: point the product at them with the variables it prints.
import "@/lib/runtime/require-node";
import { parseLauncherEnv } from "@/lib/env";
import { startSandboxes } from "./registry";

const launcher = parseLauncherEnv();
const sandboxes = await startSandboxes({
  revenuecat: { port: launcher.REVENUECAT_SANDBOX_PORT, delayMs: launcher.REVENUECAT_SANDBOX_DELAY_MS },
  appStore: { port: launcher.APP_STORE_SANDBOX_PORT, delayMs: launcher.APP_STORE_SANDBOX_DELAY_MS },
  appleAds: { port: launcher.APPLE_ADS_SANDBOX_PORT },
  itunes: { port: launcher.ITUNES_SANDBOX_PORT, delayMs: launcher.ITUNES_SANDBOX_DELAY_MS },
  ai: { port: launcher.AI_SANDBOX_PORT },
  webhooks: { port: launcher.WEBHOOK_SANDBOX_PORT },
});
for (const line of sandboxes.lines) console.log(line);
console.log("\nPoint the product at them:");
for (const [name, value] of Object.entries(sandboxes.env)) console.log(`  ${name}=${value}`);
console.log("  ALLOW_PRIVATE_NETWORK_URLS=true");
const stop = () => void sandboxes.close().then(() => process.exit(0));
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
