// What every AI job starts with: the project's AI provider integration opened into a client wired
// to the run (its AbortSignal), as lib/integrations/app-store.ts does for App Store Connect.
// predict_analytics goes on without one; generate_metadata_translations needs one.
import { AiClient, type AiClientOptions } from "@/lib/ai/client";
import { env } from "@/lib/env";
import type { ProjectJobContext } from "@/lib/jobs/handler";
import { openIntegration } from "./store";

export interface AiProvider {
  client: AiClient;
  model: string;
}

/** The project's AI provider, or null when it has none. */
export async function openAiProvider(context: ProjectJobContext, options: Pick<AiClientOptions, "timeoutMs" | "onRetry"> = {}): Promise<AiProvider | null> {
  const integration = await openIntegration(context.project.id, "ai_provider");
  if (!integration) return null;
  const { config, secrets } = integration;
  const client = new AiClient({
    baseUrl: config.baseUrl ?? env.AI_API_URL,
    apiKey: secrets.apiKey || undefined,
    signal: context.signal,
    // As in the connection check: the server owner's AI_API_URL is trusted, an admin's URL is not.
    allowPrivateNetwork: config.baseUrl === null || env.ALLOW_PRIVATE_NETWORK_URLS,
    ...options,
  });
  return { client, model: config.model };
}
