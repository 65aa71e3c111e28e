// The CLI's HTTP client for REST API v1: Bearer authentication, JSON in and out, and API errors
// turned into CliErrors with clear messages and exit codes (network failures included).
import { errorBodySchema } from "@/lib/errors";
import { parseCliEnv } from "@/lib/env";
import { CliError, exitCodeForStatus, exitCodes } from "../exit-codes";

export interface ApiClient {
  baseUrl: string;
  get<T>(path: string): Promise<T>;
  post<T>(path: string, body?: unknown): Promise<T>;
  put<T>(path: string, body: unknown): Promise<T>;
}

const TIMEOUT_MS = 30_000;

export function createApiClient(options: { url?: string } = {}): ApiClient {
  const env = parseCliEnv();
  const baseUrl = (options.url ?? env.TASKDECK_URL)?.replace(/\/+$/, "");
  if (!baseUrl) throw new CliError("Set TASKDECK_URL (for example http://localhost:3000) or pass --url", exitCodes.badInput);
  const apiKey = env.TASKDECK_API_KEY;
  if (!apiKey) {
    throw new CliError("Set TASKDECK_API_KEY to a team API key (team settings → API keys, or `taskdeck admin keys create`)", exitCodes.unauthorized);
  }

  async function call<T>(method: "GET" | "POST" | "PUT", path: string, body?: unknown): Promise<T> {
    let response: Response;
    try {
      response = await fetch(`${baseUrl}/api/v1${path}`, {
        method,
        headers: { Authorization: `Bearer ${apiKey}`, Accept: "application/json", "X-Taskdeck-Client": "cli", ...(body === undefined ? {} : { "Content-Type": "application/json" }) },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (error) {
      const cause = error instanceof Error ? ((error.cause as Error | undefined)?.message ?? error.message) : String(error);
      throw new CliError(`Cannot reach Taskdeck at ${baseUrl}: ${cause}`, exitCodes.unreachable, { url: baseUrl });
    }
    const payload: unknown = await response.json().catch(() => null);
    if (response.ok && payload !== null) return payload as T;
    throw apiError(response, payload);
  }

  return { baseUrl, get: (path) => call("GET", path), post: (path, body) => call("POST", path, body ?? {}), put: (path, body) => call("PUT", path, body) };
}

function apiError(response: Response, payload: unknown): CliError {
  const parsed = errorBodySchema.safeParse(payload);
  if (!parsed.success) {
    return new CliError(`Unexpected answer from the server: HTTP ${response.status}`, exitCodes.serverError, { status: response.status });
  }
  const { code, message, issues, existingRunId } = parsed.data.error;
  const lines = [message];
  for (const issue of issues ?? []) lines.push(`  ${issue.path}: ${issue.message}`);
  if (code === "job_already_running" && existingRunId) lines.push(`Existing run: ${existingRunId}`);
  if (response.status === 401) lines.push("Check TASKDECK_API_KEY: the key may be mistyped or revoked.");
  if (response.status === 429) lines.push(`Retry after ${response.headers.get("retry-after") ?? "a few"} seconds.`);
  return new CliError(lines.join("\n"), exitCodeForStatus(response.status), { status: response.status, ...parsed.data.error });
}
