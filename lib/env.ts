// The one place that reads process.env (STYLE.md). Everything else imports `env`, so a bad
// variable fails at start with a readable message instead of deep inside a request.
import { z } from "zod";

// An empty variable (`SMTP_URL=` in a .env file) means "not set".
const blankToUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);
const optionalUrl = z.preprocess(blankToUndefined, z.url().optional());

// 32 bytes as base64 or hex (lib/secrets/seal.ts reads them); checked here so a bad key fails at start.
const isKey = (value: string) => /^[0-9a-f]{64}$/i.test(value.trim()) || Buffer.from(value.trim(), "base64").length === 32;
const keyMessage = "must be 32 random bytes, as base64 (openssl rand -base64 32) or 64 hex characters";
const encryptionKey = z.preprocess(blankToUndefined, z.string().refine(isKey, `TASKDECK_ENCRYPTION_KEY ${keyMessage}`).optional());
const previousKeys = z.preprocess(
  blankToUndefined,
  z.string().refine((value) => value.split(",").every((part) => part.trim() === "" || isKey(part)), `each of TASKDECK_ENCRYPTION_KEY_PREVIOUS (comma-separated) ${keyMessage}`).optional(),
);
const flag = z.preprocess(blankToUndefined, z.stringbool({ error: "must be true or false" }).default(false));

export const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z
    .string({ error: "DATABASE_URL is required (npm start sets it for the embedded database)" })
    .regex(/^postgres(ql)?:\/\//, "DATABASE_URL must be a postgres:// connection string"),
  // Connections each process (web, worker, CLI) holds at most; Prisma, plain SQL and pg-boss share them.
  DATABASE_POOL_SIZE: z.coerce.number().int().min(2).max(200).default(10),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  APP_URL: optionalUrl,
  // next-auth's own base URL; also an origin signed-in mutations may come from (lib/api/same-origin.ts).
  NEXTAUTH_URL: optionalUrl,
  NEXTAUTH_SECRET: z.string().min(16, "NEXTAUTH_SECRET must be at least 16 characters").optional(),
  SMTP_URL: optionalUrl,
  EMAIL_FROM: z.string().default("Taskdeck <taskdeck@localhost>"),
  SYSTEM_JOBS_ALERT_EMAIL: z.preprocess(blankToUndefined, z.email().optional()),
  REVENUECAT_API_URL: z.url().default("https://api.revenuecat.com/v2"),
  // App Store Connect API base URL (paths under /v1); demo mode points it at the local sandbox.
  APP_STORE_CONNECT_API_URL: z.url().default("https://api.appstoreconnect.apple.com"),
  // Apple Ads (Search Ads Campaign Management API) and its OAuth server; demo mode points both at the sandbox.
  APPLE_ADS_API_URL: z.url().default("https://api.searchads.apple.com/api/v5"),
  APPLE_ADS_AUTH_URL: z.url().default("https://appleid.apple.com"),
  // iTunes Lookup (no auth): app_version_sync and app_store_ratings_sync. Demo mode points it at the sandbox.
  ITUNES_LOOKUP_URL: z.url().default("https://itunes.apple.com/lookup"),
  // The storefronts app_store_ratings_sync reads (comma-separated ISO 3166-1 alpha-2 codes); unset: the
  // 175 the App Store is marketed in (lib/itunes/storefronts.ts).
  ITUNES_STOREFRONTS: z.preprocess(
    blankToUndefined,
    z
      .string()
      .transform((value) => value.split(",").map((code) => code.trim().toLowerCase()).filter(Boolean))
      .refine((codes) => codes.length > 0 && codes.every((code) => /^[a-z]{2}$/.test(code)), "ITUNES_STOREFRONTS must be comma-separated two-letter country codes, e.g. us,gb,de")
      .optional(),
  ),
  // iTunes Lookup throttles with an empty 403: how long to back off before trying that storefront
  // again, and how many times before leaving it for the next run.
  ITUNES_THROTTLE_BACKOFF_MS: z.coerce.number().int().min(0).max(3_600_000).default(120_000),
  ITUNES_THROTTLE_RETRIES: z.coerce.number().int().min(0).max(20).default(3),
  // An OpenAI-compatible API for projects whose AI provider names no base URL of its own.
  AI_API_URL: z.url().default("https://api.openai.com/v1"),
  // Seals integration credentials and webhook secrets at rest; the previous keys still open them until rotated.
  TASKDECK_ENCRYPTION_KEY: encryptionKey,
  TASKDECK_ENCRYPTION_KEY_PREVIOUS: previousKeys,
  // Whether webhooks and AI providers may point at private, loopback or link-local addresses.
  ALLOW_PRIVATE_NETWORK_URLS: flag,
  // A reverse proxy in front of the web process: the sign-in throttle then counts per client
  // address the proxy appends to X-Forwarded-For, not per proxy (which would lock everyone out).
  TRUST_PROXY: flag,
  // Host names (host or host:port) the MCP endpoint answers besides APP_URL's and localhost's, for a
  // server reached under several names; anything else is refused as a DNS-rebinding attempt.
  MCP_ALLOWED_HOSTS: z.preprocess(
    blankToUndefined,
    z
      .string()
      .transform((value) => value.split(",").map((host) => host.trim().toLowerCase()).filter(Boolean))
      .optional(),
  ),
  // Worker tuning: how many runs of one job type a worker process executes at once.
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(50).default(5),
  // How often each worker says it is alive (`taskdeck admin health` calls it gone after three beats).
  WORKER_HEARTBEAT_SECONDS: z.coerce.number().int().min(1).max(300).default(10),
  // How long a stopping worker (SIGTERM) lets running handlers finish before failing their runs.
  WORKER_SHUTDOWN_GRACE_SECONDS: z.coerce.number().int().min(0).max(3600).default(30),
  // job_runs_cleanup: finished runs older than this many days are deleted; failed runs are kept longer.
  RUN_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  FAILED_RUN_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
  // Owlmetry's event store (lib/events/): how many days each event table keeps a project's events
  // unless the project sets its own policy.
  EVENTS_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  METRIC_EVENTS_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(365),
  FUNNEL_EVENTS_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(365),
  // db_pruning drops the oldest event partitions while the database is larger; unset: no limit.
  DB_SIZE_LIMIT_GB: z.preprocess(blankToUndefined, z.coerce.number({ error: "DB_SIZE_LIMIT_GB must be a number of gigabytes" }).positive("DB_SIZE_LIMIT_GB must be above 0").optional()),
  // How many months ahead of this one partition_creation keeps partitions for.
  PARTITION_MONTHS_AHEAD: z.coerce.number().int().min(1).max(24).default(2),
  // Where attachments are stored (created on first upload) and how large one may be.
  ATTACHMENTS_DIR: z.preprocess(blankToUndefined, z.string().default(".data/attachments")),
  ATTACHMENT_MAX_BYTES: z.coerce.number().int().min(1).max(1024 * 1024 * 1024).default(10 * 1024 * 1024),
  // Requests per minute an ingest key may make (a request carries up to 1,000 events).
  INGEST_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(6000),
  // Requests per minute an API key may make, unless the key sets its own limit.
  API_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(600),
});

export type Env = z.infer<typeof envSchema>;

// What the launcher (`npm start`, the test setup) reads before a database exists.
export const launcherSchema = z.object({
  DATABASE_URL: z.string().optional().transform((value) => (value === "" ? undefined : value)),
  TEST_DATABASE_URL: z.string().optional().transform((value) => (value === "" ? undefined : value)),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  NEXTAUTH_SECRET: z.string().optional(),
  NEXTAUTH_URL: z.string().optional(),
  APP_URL: z.string().optional(),
  REVENUECAT_API_URL: z.string().optional(),
  APP_STORE_CONNECT_API_URL: z.string().optional(),
  APPLE_ADS_API_URL: z.string().optional(),
  APPLE_ADS_AUTH_URL: z.string().optional(),
  AI_API_URL: z.string().optional(),
  ITUNES_LOOKUP_URL: z.string().optional(),
  TASKDECK_ENCRYPTION_KEY: z.string().optional(),
  // How long `npm start` waits for its worker to finish running jobs when stopped (see envSchema).
  WORKER_SHUTDOWN_GRACE_SECONDS: z.coerce.number().int().min(0).max(3600).default(30),
  // Ports of what demo mode runs next to the app.
  EMBEDDED_DB_PORT: z.coerce.number().int().min(1).max(65535).default(54329),
  REVENUECAT_SANDBOX_PORT: z.coerce.number().int().min(1).max(65535).default(4010),
  REVENUECAT_SANDBOX_DELAY_MS: z.coerce.number().int().min(0).max(10_000).default(40),
  APP_STORE_SANDBOX_PORT: z.coerce.number().int().min(1).max(65535).default(4011),
  APP_STORE_SANDBOX_DELAY_MS: z.coerce.number().int().min(0).max(10_000).default(250),
  APPLE_ADS_SANDBOX_PORT: z.coerce.number().int().min(1).max(65535).default(4012),
  AI_SANDBOX_PORT: z.coerce.number().int().min(1).max(65535).default(4013),
  WEBHOOK_SANDBOX_PORT: z.coerce.number().int().min(1).max(65535).default(4014),
  ITUNES_SANDBOX_PORT: z.coerce.number().int().min(1).max(65535).default(4015),
  ITUNES_SANDBOX_DELAY_MS: z.coerce.number().int().min(0).max(10_000).default(60),
});

export type LauncherEnv = z.infer<typeof launcherSchema>;

export function parseLauncherEnv(source: Record<string, string | undefined> = process.env): LauncherEnv {
  const result = launcherSchema.safeParse(source);
  if (!result.success) throw new EnvError(result.error.issues);
  return result.data;
}

// What the `taskdeck` CLI reads: where the server is and the API key (remote commands); the admin
// commands use DATABASE_URL, or demo mode's embedded database when it is unset.
export const cliSchema = z.object({
  TASKDECK_URL: z.preprocess(blankToUndefined, z.url({ error: "TASKDECK_URL must be a URL such as http://localhost:3000" }).optional()),
  TASKDECK_API_KEY: z.preprocess(blankToUndefined, z.string().optional()),
  DATABASE_URL: z.preprocess(blankToUndefined, z.string().optional()),
  EMBEDDED_DB_PORT: z.coerce.number().int().min(1).max(65535).default(54329),
});

export type CliEnv = z.infer<typeof cliSchema>;

export function parseCliEnv(source: Record<string, string | undefined> = process.env): CliEnv {
  const result = cliSchema.safeParse(source);
  if (!result.success) throw new EnvError(result.error.issues);
  return result.data;
}

export class EnvError extends Error {
  constructor(issues: z.core.$ZodIssue[]) {
    const lines = issues.map((issue) => `  - ${issue.path.join(".") || "(env)"}: ${issue.message}`);
    super(`Invalid configuration:\n${lines.join("\n")}\nSee .env.example for every variable.`);
    this.name = "EnvError";
  }
}

export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) throw new EnvError(result.error.issues);
  return result.data;
}

let cached: Env | undefined;

// Parsed on first use rather than at import, so `next build` can load modules without a database.
export function getEnv(): Env {
  cached ??= parseEnv();
  return cached;
}

export const env = new Proxy({} as Env, {
  get: (_target, key: string) => getEnv()[key as keyof Env],
});

// The encryption keys alone: tools that seal or check credentials (migrations, the launcher) run
// before the rest of the configuration exists.
const keysSchema = z.object({ TASKDECK_ENCRYPTION_KEY: encryptionKey, TASKDECK_ENCRYPTION_KEY_PREVIOUS: previousKeys });

export function encryptionKeysEnv(source: Record<string, string | undefined> = process.env): z.infer<typeof keysSchema> {
  const result = keysSchema.safeParse(source);
  if (!result.success) throw new EnvError(result.error.issues);
  return result.data;
}

/** Next's config check: a build needs no database, so it gets a placeholder DATABASE_URL. */
export function checkEnvForNext(building: boolean): void {
  parseEnv(building ? { DATABASE_URL: "postgresql://build.invalid/taskdeck", ...process.env } : process.env);
}

/** The environment a child process inherits (web, worker, PostgreSQL), with some variables changed. */
export function childEnv(changes: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  return { ...process.env, ...changes };
}

/**
 * Changes variables of this process after start: launchers and the admin CLI point it at the
 * database they found, the bench at its throwaway one. Parsed again on next use.
 */
export function overrideEnv(changes: Record<string, string>): void {
  Object.assign(process.env, changes);
  cached = undefined;
}

/** Like overrideEnv, for the variables not set already: what is set by hand wins. */
export function defaultEnv(defaults: Record<string, string>): void {
  for (const [name, value] of Object.entries(defaults)) process.env[name] ??= value;
  cached = undefined;
}

// The public base URL used in links (emails, printed hints).
export function appUrl(): string {
  const current = getEnv();
  return current.APP_URL ?? `http://localhost:${current.PORT}`;
}
