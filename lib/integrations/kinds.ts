// The services a project connects (PRODUCT.md "Integrations"): for each, what it is for, the
// settings its form asks for, which of them are secrets, and the one schema that checks them in the
// browser, in the server action and in the admin CLI. Pure: the settings page renders its forms from
// here. The server side of each kind (its connection check, what connecting starts) is
// lib/integrations/checks.ts.
import { z } from "zod";

export const integrationKinds = ["revenuecat", "app_store_connect", "apple_ads", "ai_provider"] as const;
export type IntegrationKind = (typeof integrationKinds)[number];

export interface IntegrationField {
  name: string;
  label: string;
  help?: string;
  placeholder?: string;
  /** Sealed at rest and never shown again; leaving it blank when editing keeps the stored one. */
  secret?: boolean;
  multiline?: boolean;
  optional?: boolean;
  /** A file the browser reads into the field (an Apple .p8 key). */
  file?: string;
}

interface KindDefinition<Config extends z.ZodRawShape, Secrets extends z.ZodRawShape> {
  label: string;
  /** What connecting it lets the project's jobs do. */
  purpose: string;
  fields: IntegrationField[];
  config: z.ZodObject<Config>;
  secrets: z.ZodObject<Secrets>;
  /** What pages show in place of the secrets. */
  hint: (config: z.output<z.ZodObject<Config>>, secrets: z.output<z.ZodObject<Secrets>>) => string;
}

const text = (field: string, max = 200) => z.string({ error: `${field} is required` }).trim().min(1, `${field} is required`).max(max, `${field} must be at most ${max} characters`);
const pem = (field: string) =>
  z
    .string({ error: `${field} is required` })
    .trim()
    .max(10_000, `${field} is too large to be a key file`)
    .regex(/-----BEGIN (EC )?PRIVATE KEY-----[\s\S]+-----END (EC )?PRIVATE KEY-----/, `${field} must be a PEM private key (the contents of the .p8 or .pem file)`);
const lastFour = (secret: string) => `…${secret.slice(-4)}`;

function define<C extends z.ZodRawShape, S extends z.ZodRawShape>(definition: KindDefinition<C, S>) {
  return definition;
}

export const integrationDefinitions = {
  revenuecat: define({
    label: "RevenueCat",
    purpose: "Subscription state and revenue of the app's users (RevenueCat Sync, the user backfill).",
    fields: [
      { name: "revenuecatProjectId", label: "RevenueCat project id", placeholder: "proj1ab2c3d4", help: "Project settings → Project ID" },
      { name: "apiKey", label: "Secret API key (v2)", placeholder: "sk_…", secret: true, help: "A v2 secret key with customer_information read access" },
    ],
    config: z.object({ revenuecatProjectId: text("revenuecatProjectId") }),
    secrets: z.object({
      apiKey: z.string({ error: "apiKey is required" }).trim().regex(/^(sk|atk)_[A-Za-z0-9_-]{4,}$/, "apiKey must be a v2 secret key (sk_…) or an OAuth token (atk_…)"),
    }),
    hint: (_config, secrets) => lastFour(secrets.apiKey),
  }),
  app_store_connect: define({
    label: "App Store Connect",
    purpose: "The StorePush lane: pulls of versions, builds and reviews, and pushes of metadata, responses and builds.",
    fields: [
      { name: "issuerId", label: "Issuer id", placeholder: "57246542-96fe-1a63-e053-0824d011072a", help: "Users and Access → Integrations → App Store Connect API" },
      { name: "keyId", label: "Key id", placeholder: "2X9R4HXF34" },
      { name: "appId", label: "App id", placeholder: "1234567890", help: "The app's numeric Apple id (App Information → Apple ID)" },
      { name: "privateKey", label: "Private key (.p8)", secret: true, multiline: true, file: ".p8,.pem,.txt", placeholder: "-----BEGIN PRIVATE KEY-----" },
    ],
    config: z.object({
      // Any 8-4-4-4-12 hex: Apple's issuer ids are not RFC variants.
      issuerId: z.guid("issuerId looks like 57246542-96fe-1a63-e053-0824d011072a"),
      keyId: z.string({ error: "keyId is required" }).trim().regex(/^[A-Za-z0-9]{1,64}$/, "keyId is letters and digits, e.g. 2X9R4HXF34"),
      appId: z.string({ error: "appId is required" }).trim().regex(/^\d{1,20}$/, "appId is App Store Connect's numeric app id"),
    }),
    secrets: z.object({ privateKey: pem("privateKey") }),
    hint: (config) => `key ${config.keyId}`,
  }),
  apple_ads: define({
    label: "Apple Ads",
    purpose: "Campaign and ad-group names, spend, taps and installs (Apple Ads Sync).",
    fields: [
      { name: "clientId", label: "Client id", placeholder: "SEARCHADS.27bbc0f5-…", help: "Account Settings → API in the Apple Ads UI" },
      { name: "teamId", label: "Team id", placeholder: "SEARCHADS.27bbc0f5-…" },
      { name: "keyId", label: "Key id", placeholder: "d136aa66-0c3b-4bd4-9892-c20e8db024ab" },
      { name: "orgId", label: "Organization id", placeholder: "40669820" },
      { name: "privateKey", label: "Private key (PEM)", secret: true, multiline: true, file: ".pem,.p8,.txt", placeholder: "-----BEGIN EC PRIVATE KEY-----" },
    ],
    config: z.object({
      clientId: z.string({ error: "clientId is required" }).trim().regex(/^SEARCHADS\.[0-9a-f-]{36}$/i, "clientId looks like SEARCHADS.27bbc0f5-1234-4f8e-9b1e-0123456789ab"),
      teamId: z.string({ error: "teamId is required" }).trim().regex(/^SEARCHADS\.[0-9a-f-]{36}$/i, "teamId looks like SEARCHADS.27bbc0f5-1234-4f8e-9b1e-0123456789ab"),
      keyId: z.string({ error: "keyId is required" }).trim().regex(/^[0-9a-f-]{36}$/i, "keyId is the key's UUID"),
      orgId: z.string({ error: "orgId is required" }).trim().regex(/^\d{1,20}$/, "orgId is the organization's number"),
    }),
    secrets: z.object({ privateKey: pem("privateKey") }),
    hint: (config) => `key ${config.keyId.slice(0, 8)}…`,
  }),
  ai_provider: define({
    label: "AI provider",
    purpose: "Metadata translations and forecast summaries, from any OpenAI-compatible API (OpenAI, a local Ollama, vLLM…).",
    fields: [
      { name: "baseUrl", label: "Base URL", placeholder: "https://api.openai.com/v1", optional: true, help: "Leave blank for the server's default (AI_API_URL)" },
      { name: "model", label: "Model", placeholder: "gpt-4o-mini" },
      { name: "apiKey", label: "API key", placeholder: "sk-…", secret: true, optional: true, help: "Optional for servers without keys, such as Ollama" },
    ],
    config: z.object({
      baseUrl: z.preprocess(
        (value) => (typeof value === "string" && value.trim() === "" ? null : value),
        z
          .url({ protocol: /^https?$/, error: "baseUrl must be an http(s) URL such as https://api.openai.com/v1" })
          .max(500)
          // Settings are shown to every member: a key belongs in the API key field, not the URL.
          .refine((value) => !/^https?:\/\/[^/?#]*@/i.test(value), "baseUrl must not contain a user name or password; put the key in API key")
          .nullable()
          .default(null),
      ),
      model: text("model", 200),
    }),
    secrets: z.object({ apiKey: z.string().trim().max(500, "apiKey must be at most 500 characters").default("") }),
    hint: (_config, secrets) => (secrets.apiKey ? lastFour(secrets.apiKey) : "no key"),
  }),
};

export type IntegrationDefinition = (typeof integrationDefinitions)[IntegrationKind];
export type IntegrationConfig<K extends IntegrationKind> = z.output<(typeof integrationDefinitions)[K]["config"]>;
export type IntegrationSecrets<K extends IntegrationKind> = z.output<(typeof integrationDefinitions)[K]["secrets"]>;

export function isIntegrationKind(value: string): value is IntegrationKind {
  return (integrationKinds as readonly string[]).includes(value);
}
