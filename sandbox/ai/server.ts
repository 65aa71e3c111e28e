// A local OpenAI-compatible sandbox (INTEGRATIONS.md §6): the models list and chat completions with
// OpenAI's error envelope (401 for a wrong key, 404 for an unknown model, 429 with retry-after). A
// request with response_format json_schema gets JSON of the schema's shape: each string property
// "translated" from the request's source text (prefixed with the target locale). Tests script
// failures, over-long and cut-off answers through plain methods, never over HTTP.
import type { IncomingMessage, ServerResponse } from "node:http";
import { listen, readBody, sendJson } from "../http";

export interface AiSandboxOptions {
  port?: number;
  delayMs?: number;
  /** The key clients must send; null accepts any (as Ollama does). */
  apiKey: string | null;
  models: string[];
}

export type AiSandboxFailure = 429 | 500 | 503 | "insufficient_quota";

export interface AiSandbox {
  /** e.g. http://127.0.0.1:4013/v1 */
  url: string;
  /** Every request; `body` is the parsed JSON of a POST. */
  log: Array<{ method: string; path: string; status: number; body?: unknown }>;
  /** The next `count` authenticated requests fail; a 429 asks to retry after `retryAfterMs`. */
  failNext: (count: number, failure: AiSandboxFailure, retryAfterMs?: number) => void;
  /** The next `count` JSON answers break Apple's limits: keywords over 100 bytes (else promotional text over 170). */
  overLongNext: (count: number) => void;
  /** The next `count` answers stop at the token limit: half the JSON, finish_reason "length". */
  truncateNext: (count: number) => void;
  close: () => Promise<void>;
}

interface ChatRequest {
  model?: string;
  messages?: Array<{ role?: string; content?: string }>;
  response_format?: { type?: string; json_schema?: { schema?: { properties?: Record<string, unknown> } } };
}

interface Reply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

const openAiError = (message: string, type: string, code: string | null) => ({ error: { message, type, param: null, code } });

const failures: Record<AiSandboxFailure, (retryAfterMs: number) => Reply> = {
  429: (retryAfterMs) => ({
    status: 429,
    body: openAiError("Rate limit reached for requests per min (RPM): Limit 3, Used 3, Requested 1.", "requests", "rate_limit_exceeded"),
    headers: { "retry-after-ms": String(retryAfterMs), "retry-after": String(Math.ceil(retryAfterMs / 1000)), "x-ratelimit-remaining-requests": "0" },
  }),
  insufficient_quota: () => ({
    status: 429,
    body: openAiError("You exceeded your current quota, please check your plan and billing details.", "insufficient_quota", "insufficient_quota"),
  }),
  500: () => ({ status: 500, body: openAiError("The server had an error while processing your request.", "server_error", null) }),
  503: () => ({ status: 503, body: openAiError("The engine is currently overloaded, please try again later.", "server_error", null) }),
};

// The request's source text: the JSON object in a user message that has `source` (latest first).
function sourceOf(request: ChatRequest): { targetLocale: string; source: Record<string, unknown> } | null {
  for (const message of [...(request.messages ?? [])].reverse()) {
    const content = message.role === "user" ? (message.content ?? "") : "";
    const start = content.indexOf("{");
    if (start < 0) continue;
    try {
      const parsed = JSON.parse(content.slice(start)) as { targetLocale?: unknown; source?: unknown };
      if (parsed.source && typeof parsed.source === "object") return { targetLocale: String(parsed.targetLocale ?? "xx"), source: parsed.source as Record<string, unknown> };
    } catch {
      // Not the message with the source text.
    }
  }
  return null;
}

function jsonAnswer(request: ChatRequest, overLong: boolean): Record<string, string> {
  const properties = Object.keys(request.response_format?.json_schema?.schema?.properties ?? {});
  const given = sourceOf(request);
  const locale = given?.targetLocale ?? "xx";
  const answer = Object.fromEntries(
    properties.map((name) => {
      const text = given?.source[name];
      return [name, `[${locale}] ${typeof text === "string" ? text : name}`];
    }),
  );
  if (overLong) {
    if ("keywords" in answer) answer.keywords = `${answer.keywords},${"überlänge,".repeat(10)}`;
    else if ("promotionalText" in answer) answer.promotionalText = `${answer.promotionalText} ${"Lorem ipsum dolor sit amet. ".repeat(8)}`;
  }
  return answer;
}

export async function startAiSandbox(options: AiSandboxOptions): Promise<AiSandbox> {
  const log: AiSandbox["log"] = [];
  const forced: Array<{ failure: AiSandboxFailure; retryAfterMs: number }> = [];
  const scripted = { overLong: 0, truncate: 0 };

  const completion = (request: ChatRequest): Reply => {
    const json = request.response_format?.type === "json_schema";
    const overLong = json && scripted.overLong > 0;
    if (overLong) scripted.overLong -= 1;
    const truncated = scripted.truncate > 0;
    if (truncated) scripted.truncate -= 1;
    const last = request.messages?.at(-1)?.content ?? "";
    const full = json ? JSON.stringify(jsonAnswer(request, overLong)) : `Sandbox answer to: ${last.slice(0, 200)}`;
    const content = truncated ? full.slice(0, Math.floor(full.length / 2)) : full;
    return {
      status: 200,
      body: {
        id: `chatcmpl-sandbox-${Date.now()}`,
        object: "chat.completion",
        created: Math.floor(Date.now() / 1000),
        model: request.model,
        choices: [{ index: 0, message: { role: "assistant", content, refusal: null }, logprobs: null, finish_reason: truncated ? "length" : "stop" }],
        usage: { prompt_tokens: Math.ceil(last.length / 4), completion_tokens: Math.ceil(content.length / 4), total_tokens: Math.ceil((last.length + content.length) / 4) },
      },
    };
  };

  const answer = (req: IncomingMessage, path: string, request: ChatRequest | null): Reply => {
    if (options.apiKey !== null && req.headers.authorization !== `Bearer ${options.apiKey}`) {
      return { status: 401, body: openAiError("Incorrect API key provided.", "invalid_request_error", "invalid_api_key") };
    }
    const failure = forced.shift();
    if (failure) return failures[failure.failure](failure.retryAfterMs);
    if (req.method === "GET" && path === "/models") {
      return { status: 200, body: { object: "list", data: options.models.map((id) => ({ id, object: "model", created: 1_700_000_000, owned_by: "sandbox" })) } };
    }
    if (req.method === "POST" && path === "/chat/completions" && request) {
      if (!request.model || !options.models.includes(request.model)) {
        return { status: 404, body: openAiError(`The model \`${request.model}\` does not exist.`, "invalid_request_error", "model_not_found") };
      }
      return completion(request);
    }
    return { status: 404, body: openAiError(`Unknown path ${path}`, "invalid_request_error", null) };
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", "http://sandbox");
    const raw = req.method === "POST" ? await readBody(req) : "";
    const body = (() => {
      try {
        return raw ? (JSON.parse(raw) as ChatRequest) : null;
      } catch {
        return null;
      }
    })();
    const reply = url.pathname.startsWith("/v1/") ? answer(req, url.pathname.slice(3), body) : { status: 404, body: openAiError("Not found", "invalid_request_error", null) };
    log.push({ method: req.method ?? "GET", path: url.pathname, status: reply.status, ...(body ? { body } : {}) });
    sendJson(res, reply.status, reply.body, reply.headers);
  };

  const server = await listen(handle, { port: options.port, delayMs: options.delayMs });
  return {
    url: `${server.origin}/v1`,
    log,
    failNext: (count, failure, retryAfterMs = 25) => {
      for (let index = 0; index < count; index += 1) forced.push({ failure, retryAfterMs });
    },
    overLongNext: (count) => {
      scripted.overLong += count;
    },
    truncateNext: (count) => {
      scripted.truncate += count;
    },
    close: server.close,
  };
}

// What the demo project's AI provider uses.
export const demoAiProvider = { apiKey: "sk-sandbox-demo-ai-key", model: "sandbox-translate-1", models: ["sandbox-translate-1", "sandbox-forecast-1"] };
