import "server-only";
// One MCP server per request (the HTTP transport is stateless), for one authenticated API key: the
// tools of lib/mcp/tools.ts, their errors answered as tool errors that carry the REST API's
// envelope (code, message, issues, existingRunId), so an agent reads what a script would.
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { toAppError } from "@/lib/api/route";
import { errorBody } from "@/lib/errors";
import type { Actor } from "@/lib/auth/access";
import { tools, type ToolDefinition } from "./tools";

export const MCP_SERVER_NAME = "taskdeck";
export const MCP_SERVER_VERSION = "0.1.0";

const instructions =
  "Taskdeck runs a team's background jobs. Start with list-projects, then list-job-types for a project; trigger-job starts a run (wait: true follows it to its end). Runs of one type never overlap in a project: a second trigger is refused with job_already_running and the id of the run in progress.";

function success(body: Record<string, unknown>): CallToolResult {
  return { content: [{ type: "text", text: JSON.stringify(body, null, 2) }], structuredContent: body };
}

export function toolError(error: unknown): CallToolResult {
  const known = toAppError(error, "mcp");
  const body = errorBody(known);
  const lines = [`${known.message} (${known.code})`, ...(known.issues ?? []).map((issue) => `  ${issue.path}: ${issue.message}`)];
  if (typeof body.error.existingRunId === "string") lines.push(`Existing run: ${body.error.existingRunId}`);
  return { content: [{ type: "text", text: lines.join("\n") }], structuredContent: body as unknown as Record<string, unknown>, isError: true };
}

function register(server: McpServer, definition: ToolDefinition, actor: Actor, signal: AbortSignal) {
  server.registerTool(
    definition.name,
    { title: definition.title, description: definition.description, inputSchema: definition.input, annotations: { title: definition.title, ...definition.annotations } },
    async (input: Record<string, unknown>, extra) => {
      const progressToken = extra._meta?.progressToken;
      const report = async (progress: { progress: number; total?: number; message?: string }) => {
        if (progressToken !== undefined) await extra.sendNotification({ method: "notifications/progress", params: { progressToken, ...progress } });
      };
      try {
        return success(await definition.call(input, { actor, report, signal: AbortSignal.any([signal, extra.signal]) }));
      } catch (error) {
        return toolError(error);
      }
    },
  );
}

export function createMcpServer(actor: Actor, signal: AbortSignal): McpServer {
  const server = new McpServer({ name: MCP_SERVER_NAME, version: MCP_SERVER_VERSION, title: "Taskdeck" }, { instructions, capabilities: { tools: {} } });
  for (const definition of tools) register(server, definition, actor, signal);
  return server;
}
