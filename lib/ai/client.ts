// A client for any OpenAI-compatible API (INTEGRATIONS.md §6: OpenAI, Ollama, vLLM): bearer auth
// when there is a key, `{ error: { message, type, code } }` errors. The models list answers the
// connection check; chat completions serve the AI job types. A 429 (not insufficient_quota) or a
// 5xx is retried a few times, waiting what retry-after-ms / retry-after ask when that is ≤ 60 s.
import { requestOutbound } from "@/lib/net/outbound";
import { sleep } from "@/lib/runtime/sleep";

export interface AiClientOptions {
  /** e.g. https://api.openai.com/v1 or http://localhost:11434/v1 */
  baseUrl: string;
  apiKey?: string;
  signal?: AbortSignal;
  /**
   * Whether the base URL may be on the server's own network: yes for the server owner's AI_API_URL,
   * and for an admin's base URL only when ALLOW_PRIVATE_NETWORK_URLS says so (lib/net/outbound.ts).
   */
  allowPrivateNetwork: boolean;
  timeoutMs?: number;
  /** Retries of a rate-limited or failing request (default 3). */
  maxRetries?: number;
  /** Told before each wait, so a job can say why it is not moving. */
  onRetry?: (waitMs: number, error: AiProviderError) => void;
}

// The SDK's rules (INTEGRATIONS.md §6): waits asked for beyond a minute are not waited out, and
// without a header the backoff is 0.5 s·2ⁿ capped at 8 s.
const MAX_RETRY_WAIT_MS = 60_000;
const backoffMs = (attempt: number) => Math.min(500 * 2 ** attempt, 8_000);

export class AiProviderError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** What the provider asked to wait before retrying (retry-after-ms, retry-after), if anything. */
    readonly retryAfterMs: number | null = null,
    /** x-should-retry, when the provider said. */
    readonly shouldRetry: boolean | null = null,
  ) {
    super(`AI provider ${status}${code ? ` ${code}` : ""}: ${message}`);
    this.name = "AiProviderError";
  }
}

/** The answer stopped at the token limit (finish_reason "length"): its JSON is cut off. */
export class AiTruncatedError extends Error {
  constructor() {
    super("The AI provider's answer was cut off at its token limit (finish_reason length)");
    this.name = "AiTruncatedError";
  }
}

export interface JsonSchemaFormat {
  /** a-zA-Z0-9_- and at most 64 characters. */
  name: string;
  schema: Record<string, unknown>;
}

export interface ChatMessage {
  role: "system" | "user" | "assistant";
  content: string;
}

export interface ChatCompletion {
  content: string | null;
  finishReason: string;
  usage: { promptTokens: number; completionTokens: number } | null;
}

export class AiClient {
  constructor(private readonly options: AiClientOptions) {}

  async models(): Promise<string[]> {
    const body = await this.request<{ data?: Array<{ id: string }> }>("GET", "/models");
    return (body.data ?? []).map((model) => model.id);
  }

  async chat(request: { model: string; messages: ChatMessage[]; maxTokens?: number; responseFormat?: Record<string, unknown> }): Promise<ChatCompletion> {
    const body = await this.request<{
      choices?: Array<{ message?: { content: string | null }; finish_reason?: string }>;
      usage?: { prompt_tokens: number; completion_tokens: number };
    }>("POST", "/chat/completions", {
      model: request.model,
      messages: request.messages,
      // Ollama reads only max_tokens; OpenAI accepts it too.
      ...(request.maxTokens ? { max_tokens: request.maxTokens } : {}),
      ...(request.responseFormat ? { response_format: request.responseFormat } : {}),
    });
    const choice = body.choices?.[0];
    return {
      content: choice?.message?.content ?? null,
      finishReason: choice?.finish_reason ?? "stop",
      usage: body.usage ? { promptTokens: body.usage.prompt_tokens, completionTokens: body.usage.completion_tokens } : null,
    };
  }

  /**
   * A chat completion answering JSON of `format.schema` (response_format json_schema, strict), parsed
   * but not validated: the caller checks the shape. A cut-off answer is an AiTruncatedError.
   */
  async chatJson(request: { model: string; messages: ChatMessage[]; maxTokens?: number; format: JsonSchemaFormat }): Promise<unknown> {
    const completion = await this.chat({
      model: request.model,
      messages: request.messages,
      maxTokens: request.maxTokens,
      responseFormat: { type: "json_schema", json_schema: { name: request.format.name, schema: request.format.schema, strict: true } },
    });
    if (completion.finishReason === "length") throw new AiTruncatedError();
    if (completion.content === null) throw new AiProviderError(200, "no_content", "The answer had no content (a refusal?)");
    try {
      return JSON.parse(completion.content) as unknown;
    } catch {
      throw new AiProviderError(200, "invalid_json", `The answer was not JSON: ${completion.content.slice(0, 120)}`);
    }
  }

  private async request<T>(method: "GET" | "POST", path: string, body?: unknown): Promise<T> {
    const maxRetries = this.options.maxRetries ?? 3;
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await this.requestOnce<T>(method, path, body);
      } catch (error) {
        if (!(error instanceof AiProviderError) || attempt >= maxRetries || !retryable(error)) throw error;
        const waitMs = error.retryAfterMs ?? backoffMs(attempt);
        if (waitMs > MAX_RETRY_WAIT_MS) throw error;
        this.options.onRetry?.(waitMs, error);
        await sleep(waitMs, this.options.signal);
      }
    }
  }

  private async requestOnce<T>(method: "GET" | "POST", path: string, body?: unknown): Promise<T> {
    const url = `${this.options.baseUrl.replace(/\/$/, "")}${path}`;
    // The base URL is typed by people: requested like a webhook, never following a redirect.
    const response = await requestOutbound(url, {
      method,
      headers: {
        Accept: "application/json",
        ...(this.options.apiKey ? { Authorization: `Bearer ${this.options.apiKey}` } : {}),
        ...(body === undefined ? {} : { "Content-Type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: this.options.signal,
      allowPrivate: this.options.allowPrivateNetwork,
      timeoutMs: this.options.timeoutMs ?? 120_000,
      maxBodyBytes: 4 * 1024 * 1024,
    }).catch((error: unknown) => {
      if (this.options.signal?.aborted) throw error;
      throw new Error(`The AI provider could not be reached at ${new URL(url).origin}: ${error instanceof Error ? error.message : String(error)}`);
    });
    const parsed = (() => {
      try {
        return JSON.parse(response.body) as T & { error?: { message?: string; code?: string | null; type?: string } };
      } catch {
        return null;
      }
    })();
    if (response.status >= 200 && response.status < 300 && parsed) return parsed;
    if (response.status >= 300 && response.status < 400) throw new AiProviderError(response.status, "redirect", `redirected to ${response.location ?? "elsewhere"}; give the final base URL`);
    const error = parsed?.error;
    const shouldRetry = header(response.headers, "x-should-retry");
    throw new AiProviderError(
      response.status,
      error?.code ?? error?.type ?? "",
      error?.message ?? "Unexpected response",
      retryAfter(response.headers),
      shouldRetry === undefined ? null : shouldRetry === "true",
    );
  }
}

type Headers = Record<string, string | string[] | undefined>;
const header = (headers: Headers, name: string) => [headers[name]].flat()[0];

/** retry-after-ms, then retry-after in seconds or as an HTTP date; null when neither says. */
function retryAfter(headers: Headers, now = Date.now()): number | null {
  const ms = Number(header(headers, "retry-after-ms"));
  if (header(headers, "retry-after-ms") !== undefined && Number.isFinite(ms) && ms >= 0) return ms;
  const value = header(headers, "retry-after");
  if (value === undefined) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

// A spent quota (insufficient_quota) does not come back by waiting; a rate limit and overload do.
function retryable(error: AiProviderError): boolean {
  if (error.shouldRetry !== null) return error.shouldRetry;
  if (error.code === "insufficient_quota") return false;
  return error.status === 408 || error.status === 409 || error.status === 429 || error.status >= 500;
}
