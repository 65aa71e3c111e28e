// A client for any OpenAI-compatible API (INTEGRATIONS.md §6: OpenAI, Ollama, vLLM): bearer auth
// when there is a key, `{ error: { message, type, code } }` errors. The models list answers the
// connection check; chat completions serve the AI job types.
import { reach } from "@/lib/runtime/reach";

export interface AiClientOptions {
  /** e.g. https://api.openai.com/v1 or http://localhost:11434/v1 */
  baseUrl: string;
  apiKey?: string;
  signal?: AbortSignal;
}

export class AiProviderError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(`AI provider ${status}${code ? ` ${code}` : ""}: ${message}`);
    this.name = "AiProviderError";
  }
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

  private async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const url = new URL(`${this.options.baseUrl.replace(/\/$/, "")}${path}`);
    const response = await reach("The AI provider", url, {
      method,
      headers: {
        Accept: "application/json",
        ...(this.options.apiKey ? { Authorization: `Bearer ${this.options.apiKey}` } : {}),
        ...(body === undefined ? {} : { "Content-Type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: this.options.signal,
    });
    const parsed = (await response.json().catch(() => null)) as (T & { error?: { message?: string; code?: string | null; type?: string } }) | null;
    if (response.ok && parsed) return parsed;
    const error = parsed?.error;
    throw new AiProviderError(response.status, error?.code ?? error?.type ?? "", error?.message ?? (response.statusText || "Unexpected response"));
  }
}
