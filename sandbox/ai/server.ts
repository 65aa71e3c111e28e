// A local OpenAI-compatible sandbox (INTEGRATIONS.md §6): the models list and chat completions with
// OpenAI's error envelope (401 for a wrong key, 404 for an unknown model). It serves the demo and
// the tests; the answers the AI job types need come with them.
import type { IncomingMessage, ServerResponse } from "node:http";
import { listen, readBody, sendJson } from "../http";

export interface AiSandboxOptions {
  port?: number;
  delayMs?: number;
  /** The key clients must send; null accepts any (as Ollama does). */
  apiKey: string | null;
  models: string[];
}

export interface AiSandbox {
  /** e.g. http://127.0.0.1:4013/v1 */
  url: string;
  log: Array<{ method: string; path: string; status: number }>;
  close: () => Promise<void>;
}

const openAiError = (message: string, type: string, code: string | null) => ({ error: { message, type, param: null, code } });

export async function startAiSandbox(options: AiSandboxOptions): Promise<AiSandbox> {
  const log: AiSandbox["log"] = [];

  const answer = async (req: IncomingMessage, path: string) => {
    if (options.apiKey !== null && req.headers.authorization !== `Bearer ${options.apiKey}`) {
      return { status: 401, body: openAiError("Incorrect API key provided.", "invalid_request_error", "invalid_api_key") };
    }
    if (req.method === "GET" && path === "/models") {
      return { status: 200, body: { object: "list", data: options.models.map((id) => ({ id, object: "model", created: 1_700_000_000, owned_by: "sandbox" })) } };
    }
    if (req.method === "POST" && path === "/chat/completions") {
      const request = JSON.parse((await readBody(req)) || "{}") as { model?: string; messages?: Array<{ content?: string }> };
      if (!request.model || !options.models.includes(request.model)) {
        return { status: 404, body: openAiError(`The model \`${request.model}\` does not exist.`, "invalid_request_error", "model_not_found") };
      }
      const last = request.messages?.at(-1)?.content ?? "";
      return {
        status: 200,
        body: {
          id: `chatcmpl-sandbox-${Date.now()}`,
          object: "chat.completion",
          created: Math.floor(Date.now() / 1000),
          model: request.model,
          choices: [{ index: 0, message: { role: "assistant", content: `Sandbox answer to: ${last.slice(0, 200)}`, refusal: null }, logprobs: null, finish_reason: "stop" }],
          usage: { prompt_tokens: Math.ceil(last.length / 4), completion_tokens: 12, total_tokens: Math.ceil(last.length / 4) + 12 },
        },
      };
    }
    return { status: 404, body: openAiError(`Unknown path ${path}`, "invalid_request_error", null) };
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", "http://sandbox");
    const reply = url.pathname.startsWith("/v1/") ? await answer(req, url.pathname.slice(3)) : { status: 404, body: openAiError("Not found", "invalid_request_error", null) };
    log.push({ method: req.method ?? "GET", path: url.pathname, status: reply.status });
    sendJson(res, reply.status, reply.body);
  };

  const server = await listen(handle, { port: options.port, delayMs: options.delayMs });
  return { url: `${server.origin}/v1`, log, close: server.close };
}

// What the demo project's AI provider uses.
export const demoAiProvider = { apiKey: "sk-sandbox-demo-ai-key", model: "sandbox-translate-1", models: ["sandbox-translate-1", "sandbox-forecast-1"] };
