// A client for any OpenAI-compatible API (INTEGRATIONS.md §6: OpenAI, Ollama, vLLM): bearer auth
// when there is a key, `{ error: { message, type, code } }` errors. The models list answers the
// connection check; chat completions serve the AI job types.
import { requestOutbound } from "@/lib/net/outbound";

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

  private async request<T>(method: "GET" | "POST", path: string, body?: unknown): Promise<T> {
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
    throw new AiProviderError(response.status, error?.code ?? error?.type ?? "", error?.message ?? "Unexpected response");
  }
}
