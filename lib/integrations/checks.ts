// "Test connection": each kind's smallest real request with the stored credentials, answered in
// words a person can act on. The answer is stored with the integration (status, when, message).
// Messages come from the vendors' error bodies, which never echo a credential.
import { AppleAdsClient } from "@/lib/appleads/client";
import { AiClient, AiProviderError } from "@/lib/ai/client";
import { AppStoreConnectClient } from "@/lib/appstore/client";
import { env } from "@/lib/env";
import { assertPublicUrl } from "@/lib/net/outbound";
import { RevenueCatClient } from "@/lib/revenuecat/client";
import { prisma } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import { integrationDefinitions, type IntegrationKind } from "./kinds";
import { recordCheck, requireIntegration, type IntegrationView } from "./store";

export interface CheckResult {
  ok: boolean;
  message: string;
}

// A check answers within this, or says the vendor is too slow.
const CHECK_TIMEOUT_MS = 15_000;

type Check = (projectId: string, signal: AbortSignal) => Promise<string>;

const checks: Record<IntegrationKind, Check> = {
  async revenuecat(projectId, signal) {
    const { config, secrets } = await requireIntegration(projectId, "revenuecat");
    const client = new RevenueCatClient({ baseUrl: env.REVENUECAT_API_URL, apiKey: secrets.apiKey, projectId: config.revenuecatProjectId, signal, maxRateLimitRetries: 0 });
    await client.customerPages(1).next();
    return `RevenueCat accepted the key for project ${config.revenuecatProjectId}`;
  },
  async app_store_connect(projectId, signal) {
    const { config, secrets } = await requireIntegration(projectId, "app_store_connect");
    const client = new AppStoreConnectClient({
      baseUrl: env.APP_STORE_CONNECT_API_URL,
      credentials: { issuerId: config.issuerId, keyId: config.keyId, privateKey: secrets.privateKey },
      signal,
      maxRateLimitRetries: 0,
    });
    await client.get(`/v1/apps/${encodeURIComponent(config.appId)}/appStoreVersions`, { limit: 1 });
    return `App Store Connect accepted the key for app ${config.appId}`;
  },
  async apple_ads(projectId, signal) {
    const { config, secrets } = await requireIntegration(projectId, "apple_ads");
    const client = new AppleAdsClient({ apiUrl: env.APPLE_ADS_API_URL, authUrl: env.APPLE_ADS_AUTH_URL, credentials: { ...config, privateKey: secrets.privateKey }, signal });
    const orgs = await client.acls();
    const org = orgs.find((candidate) => String(candidate.orgId) === config.orgId);
    if (!org) throw new Error(`The credentials work, but not for organization ${config.orgId}; they reach ${orgs.map((candidate) => `${candidate.orgName} (${candidate.orgId})`).join(", ") || "no organization"}`);
    return `Apple Ads accepted the credentials for ${org.orgName} (${org.orgId})`;
  },
  async ai_provider(projectId, signal) {
    const { config, secrets } = await requireIntegration(projectId, "ai_provider");
    const baseUrl = config.baseUrl ?? env.AI_API_URL;
    // An admin's base URL is checked like a webhook's; the server owner's own default is trusted.
    const allowPrivateNetwork = config.baseUrl === null || env.ALLOW_PRIVATE_NETWORK_URLS;
    if (!allowPrivateNetwork) await assertPublicUrl(baseUrl, false);
    const client = new AiClient({ baseUrl, apiKey: secrets.apiKey || undefined, signal, allowPrivateNetwork });
    const models = await client.models().catch(async (error: unknown) => {
      // Some compatible servers have no models list: a one-token completion answers instead.
      if (!(error instanceof AiProviderError) || error.status !== 404) throw error;
      await client.chat({ model: config.model, messages: [{ role: "user", content: "ping" }], maxTokens: 1 });
      return [config.model];
    });
    if (!models.includes(config.model)) throw new Error(`The AI provider answered, but has no model ${config.model} (it has ${models.slice(0, 8).join(", ") || "none"})`);
    return `The AI provider at ${new URL(baseUrl).host} answered; model ${config.model} is available`;
  },
};

export async function checkIntegration(projectId: string, kind: IntegrationKind): Promise<{ result: CheckResult; integration: IntegrationView }> {
  if ((await prisma.integration.count({ where: { projectId, kind } })) === 0) throw new AppError("not_found", `${integrationDefinitions[kind].label} is not connected`);
  const signal = AbortSignal.timeout(CHECK_TIMEOUT_MS);
  const result = await checks[kind](projectId, signal).then(
    (message): CheckResult => ({ ok: true, message }),
    (error: unknown): CheckResult => ({
      ok: false,
      message: signal.aborted ? `No answer within ${CHECK_TIMEOUT_MS / 1000} s` : error instanceof Error ? error.message : String(error),
    }),
  );
  return { result, integration: await recordCheck(projectId, kind, result) };
}
