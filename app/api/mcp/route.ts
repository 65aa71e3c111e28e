// /api/mcp — the MCP server over Streamable HTTP (PRODUCT.md "MCP"), stateless: every POST carries
// a team API key as Bearer (the REST API's keys, permissions and rate limits) and gets a server and
// transport of its own. Answers are SSE streams, so a tool that waits for its run can send progress
// notifications before its result. Without sessions there is nothing to GET or DELETE.
import type { NextRequest } from "next/server";
import { WebStandardStreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js";
import { authenticateKey, errorResponse, readBody } from "@/lib/api/route";
import type { Actor } from "@/lib/auth/access";
import { prototypeKeyPath } from "@/lib/validation";
import { allowedHosts, allowedOrigins, rebindingRefusal } from "@/lib/mcp/hosts";
import { createMcpServer } from "@/lib/mcp/server";

export const dynamic = "force-dynamic";

export async function POST(request: NextRequest): Promise<Response> {
  try {
    // The host check comes before the key is looked at, so a rebinding page learns nothing.
    const refused = rebindingRefusal(request);
    if (refused) return refused;
    const transport = new WebStandardStreamableHTTPServerTransport({
      sessionIdGenerator: undefined,
      enableDnsRebindingProtection: true,
      allowedHosts: allowedHosts(),
      allowedOrigins: allowedOrigins(),
    });
    const actor: Actor = { ...(await authenticateKey(request.headers.get("authorization"))), via: "mcp" };
    // Read here, within the API's size limit, so no tool sees a prototype key: the SDK's zod
    // parse would drop a `__proto__` silently and run the tool without it.
    const message = parseMessage((await readBody(request)).toString("utf8"));
    if (message instanceof Response) return message;
    const server = createMcpServer(actor, request.signal);
    await server.connect(transport);
    return await transport.handleRequest(request, { parsedBody: message });
  } catch (error) {
    return errorResponse(error);
  }
}

const rpcError = (status: number, code: number, message: string, id: unknown = null) =>
  Response.json({ jsonrpc: "2.0", error: { code, message }, id }, { status });

function parseMessage(text: string): unknown {
  let message: unknown;
  try {
    message = JSON.parse(text);
  } catch {
    return rpcError(400, -32700, "Parse error: the request body is not valid JSON");
  }
  const path = prototypeKeyPath(message);
  if (path === null) return message;
  const id = typeof message === "object" && message !== null && "id" in message ? (message as { id: unknown }).id : null;
  return rpcError(400, -32602, `Invalid params: "${path.split(".").at(-1)}" is not an allowed key (at ${path})`, id);
}

const noSessions = () =>
  Response.json(
    { jsonrpc: "2.0", error: { code: -32000, message: "This MCP server is stateless: send requests as POST; there is no session to stream or end" }, id: null },
    { status: 405, headers: { Allow: "POST" } },
  );

export const GET = noSessions;
export const DELETE = noSessions;
