// Every vendor sandbox in one list: `npm start` (demo mode), `npm run sandbox` and the browser-test
// stack start them all from here, each with the demo's accounts, and point the product at them
// through the variables each one sets (REVENUECAT_API_URL…). Adding a vendor is one entry.
import { demoAiProvider, startAiSandbox, type AiSandboxOptions } from "./ai/server";
import { demoAdsAccount, startAppleAdsSandbox, type AppleAdsSandboxOptions } from "./appleads/server";
import { demoAppStoreProject, startAppStoreSandbox, type AppStoreSandboxOptions } from "./appstore/server";
import { demoItunesApps, startItunesSandbox, type ItunesSandboxOptions } from "./itunes/server";
import { demoRevenueCatProject, startRevenueCatSandbox, type RevenueCatSandboxOptions } from "./revenuecat/server";
import { startWebhookReceiver, type WebhookReceiverOptions } from "./webhooks/server";

export interface SandboxOverrides {
  revenuecat?: Partial<RevenueCatSandboxOptions>;
  appStore?: Partial<AppStoreSandboxOptions>;
  appleAds?: Partial<AppleAdsSandboxOptions>;
  itunes?: Partial<ItunesSandboxOptions>;
  ai?: Partial<AiSandboxOptions>;
  webhooks?: WebhookReceiverOptions;
}

interface Started {
  /** The product's configuration that points at this sandbox. */
  env: Record<string, string>;
  /** One line for the launcher's log. */
  line: string;
  close: () => Promise<void>;
}

const sandboxes: Array<(overrides: SandboxOverrides) => Promise<Started>> = [
  async ({ revenuecat }) => {
    const server = await startRevenueCatSandbox({ projects: [demoRevenueCatProject], ...revenuecat });
    return { env: { REVENUECAT_API_URL: server.url }, line: `RevenueCat sandbox on ${server.url} (project ${demoRevenueCatProject.projectId})`, close: server.close };
  },
  async ({ appStore }) => {
    const server = await startAppStoreSandbox({ apps: [demoAppStoreProject], ...appStore });
    return { env: { APP_STORE_CONNECT_API_URL: server.url }, line: `App Store Connect sandbox on ${server.url} (key ${demoAppStoreProject.keyId}, app ${demoAppStoreProject.appId})`, close: server.close };
  },
  async ({ appleAds }) => {
    const server = await startAppleAdsSandbox({ accounts: [demoAdsAccount], ...appleAds });
    return { env: { APPLE_ADS_API_URL: server.apiUrl, APPLE_ADS_AUTH_URL: server.authUrl }, line: `Apple Ads sandbox on ${server.apiUrl} (org ${demoAdsAccount.orgs[0]!.orgId})`, close: server.close };
  },
  async ({ itunes }) => {
    const server = await startItunesSandbox({ apps: demoItunesApps, ...itunes });
    return { env: { ITUNES_LOOKUP_URL: server.url }, line: `iTunes Lookup sandbox on ${server.url} (app ${demoItunesApps[0]!.trackId}, ${demoItunesApps[0]!.bundleId})`, close: server.close };
  },
  async ({ ai }) => {
    const server = await startAiSandbox({ apiKey: demoAiProvider.apiKey, models: demoAiProvider.models, ...ai });
    return { env: { AI_API_URL: server.url }, line: `AI provider sandbox on ${server.url} (model ${demoAiProvider.model})`, close: server.close };
  },
  // Not a vendor: somewhere for a team's webhooks to point (nothing in the product's configuration).
  async ({ webhooks }) => {
    const server = await startWebhookReceiver(webhooks);
    return { env: {}, line: `Webhook receiver on ${server.url} (point a team webhook at ${server.url}/any-path; GET ${server.url}/ lists what it received)`, close: server.close };
  },
];

export interface RunningSandboxes {
  env: Record<string, string>;
  lines: string[];
  close: () => Promise<void>;
}

/** Starts every sandbox; if one fails to start, the ones already started are stopped again. */
export async function startSandboxes(overrides: SandboxOverrides = {}): Promise<RunningSandboxes> {
  const started: Started[] = [];
  const close = async () => {
    await Promise.all(started.map((sandbox) => sandbox.close()));
  };
  try {
    for (const start of sandboxes) started.push(await start(overrides));
  } catch (error) {
    await close();
    throw error;
  }
  return { env: Object.assign({}, ...started.map((sandbox) => sandbox.env)), lines: started.map((sandbox) => sandbox.line), close };
}
