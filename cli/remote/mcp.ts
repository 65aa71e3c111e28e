// `taskdeck mcp`: the MCP server over stdio, for clients that start their servers as processes
// (Claude Desktop, Cursor). It bridges to the server's own MCP endpoint (/api/mcp) with
// TASKDECK_URL and TASKDECK_API_KEY, so the tools, their permissions and their answers are the
// HTTP server's, never a second copy; progress notifications are passed through while a tool waits.
// The MCP SDK is imported when the command runs, not for every other command.
import { Command } from "commander";
import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { parseCliEnv } from "@/lib/env";
import { MAX_WAIT_SECONDS } from "@/lib/mcp/wait-input";
import { CliError, exitCodes } from "../exit-codes";
import type { Runner } from "../options";
import { url, type Common } from "./jobs";

// A tool that waits may take its whole wait and then some; progress resets the clock meanwhile.
const TOOL_TIMEOUT_MS = (MAX_WAIT_SECONDS + 60) * 1000;

async function connectRemote(baseUrl: string, apiKey: string): Promise<Client> {
  const [{ Client }, { StreamableHTTPClientTransport }] = await Promise.all([
    import("@modelcontextprotocol/sdk/client/index.js"),
    import("@modelcontextprotocol/sdk/client/streamableHttp.js"),
  ]);
  const remote = new Client({ name: "taskdeck-cli", version: "0.1.0" });
  try {
    await remote.connect(new StreamableHTTPClientTransport(new URL(`${baseUrl}/api/mcp`), { requestInit: { headers: { Authorization: `Bearer ${apiKey}` } } }));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const status = (error as { code?: unknown }).code;
    if (status === 401) throw new CliError(`Taskdeck refused the API key at ${baseUrl}/api/mcp. Check TASKDECK_API_KEY: the key may be mistyped or revoked.`, exitCodes.unauthorized);
    throw new CliError(`Cannot reach Taskdeck's MCP endpoint at ${baseUrl}/api/mcp: ${message}`, exitCodes.unreachable, { url: baseUrl });
  }
  return remote;
}

export function mcpCommand(run: Runner): Command {
  return new Command("mcp")
    .description("serve Taskdeck's MCP tools over stdio (for Claude Desktop, Cursor, …), through TASKDECK_URL with TASKDECK_API_KEY")
    .addOption(url())
    .action((options: Common) =>
      run(async () => {
        const env = parseCliEnv();
        const baseUrl = (options.url ?? env.TASKDECK_URL)?.replace(/\/+$/, "");
        if (!baseUrl) throw new CliError("Set TASKDECK_URL (for example http://localhost:3000) or pass --url", exitCodes.badInput);
        if (!env.TASKDECK_API_KEY) throw new CliError("Set TASKDECK_API_KEY to a team API key (team settings → API keys)", exitCodes.unauthorized);
        const remote = await connectRemote(baseUrl, env.TASKDECK_API_KEY);
        const [{ Server }, { StdioServerTransport }, { CallToolRequestSchema, ListToolsRequestSchema }] = await Promise.all([
          import("@modelcontextprotocol/sdk/server/index.js"),
          import("@modelcontextprotocol/sdk/server/stdio.js"),
          import("@modelcontextprotocol/sdk/types.js"),
        ]);
        const info = remote.getServerVersion();
        const server = new Server(
          { name: info?.name ?? "taskdeck", version: info?.version ?? "0.1.0", title: "Taskdeck" },
          { capabilities: { tools: {} }, instructions: remote.getInstructions() },
        );
        server.setRequestHandler(ListToolsRequestSchema, (request) => remote.listTools(request.params));
        server.setRequestHandler(CallToolRequestSchema, (request, extra) => {
          const progressToken = request.params._meta?.progressToken;
          return remote.callTool(request.params, undefined, {
            signal: extra.signal,
            timeout: TOOL_TIMEOUT_MS,
            resetTimeoutOnProgress: true,
            ...(progressToken === undefined
              ? {}
              : { onprogress: (progress) => void extra.sendNotification({ method: "notifications/progress", params: { ...progress, progressToken } }).catch(() => undefined) }),
          });
        });
        const closed = new Promise<void>((resolve) => (server.onclose = resolve));
        await server.connect(new StdioServerTransport());
        // Until the client closes stdin (or the process is told to stop).
        await Promise.race([closed, new Promise<void>((resolve) => process.stdin.once("end", resolve))]);
        await remote.close().catch(() => undefined);
        return exitCodes.ok;
      }),
    );
}
