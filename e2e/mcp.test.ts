// The MCP server as agents reach it: the SDK's own Client over real HTTP against the running app
// (/api/mcp), and over stdio through `taskdeck mcp` as a child process. Same keys, permissions and
// answers as the REST API.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import type { ApiRun } from "@/lib/jobs/schemas";
import { demo } from "@/prisma/seed";
import { baseUrl } from "./helpers";
import { createFinishedRun, createKey, createProject, createTeamWithProject, demoTeam, prisma, waitUntilFinished } from "./fixtures";

let writeKey: string;
let readOnlyKey: string;
const clients: Client[] = [];

beforeAll(async () => {
  const team = await demoTeam();
  const admin = await prisma.user.findUniqueOrThrow({ where: { email: demo.admin.email } });
  writeKey = (await createKey(team.id, ["jobs:read", "jobs:write"], { createdById: admin.id, name: "MCP agent" })).key;
  readOnlyKey = (await createKey(team.id, ["jobs:read"], { name: "MCP reader" })).key;
});
afterAll(async () => {
  await Promise.all(clients.map((client) => client.close().catch(() => undefined)));
  await prisma.$disconnect();
});

async function overHttp(key: string): Promise<Client> {
  const client = new Client({ name: "e2e", version: "1.0.0" });
  await client.connect(new StreamableHTTPClientTransport(new URL(`${baseUrl()}/api/mcp`), { requestInit: { headers: { Authorization: `Bearer ${key}` } } }));
  clients.push(client);
  return client;
}

// Every field a tool's answer may carry; each test reads the ones its tool returns.
interface ToolBody {
  run: ApiRun;
  runs: ApiRun[];
  nextCursor: string | null;
  waited: { ended: boolean; note?: string };
  lane: { paused: boolean; queued: unknown[] };
  projects: Array<{ id: string }>;
  error: { code: string; message: string; existingRunId?: string };
}

const call = async (client: Client, name: string, args: Record<string, unknown>, options?: Parameters<Client["callTool"]>[2]) =>
  (await client.callTool({ name, arguments: args }, undefined, options)) as CallToolResult & { structuredContent: ToolBody };

describe("/api/mcp over Streamable HTTP", () => {
  it("lists every tool with a title, a description, an input schema and honest annotations", async () => {
    const { tools } = await (await overHttp(readOnlyKey)).listTools();
    expect(tools.map((tool) => tool.name).sort()).toEqual(
      [
        "cancel-pending-runs", "cancel-run", "get-lane", "get-run", "get-overview", "get-run-logs", "get-schedules", "list-failures", "list-job-types", "list-projects", "list-runs",
        "retry-failure-group", "retry-lane", "retry-run", "set-schedule", "skip-lane", "sync-ads", "sync-app-ratings", "sync-integration", "trigger-job",
      ].sort(),
    );
    for (const tool of tools) {
      expect(tool.title, tool.name).toMatch(/\w/);
      expect(tool.description!.length, tool.name).toBeGreaterThan(40);
      expect(tool.inputSchema.type).toBe("object");
    }
    const byName = Object.fromEntries(tools.map((tool) => [tool.name, tool]));
    expect(byName["get-run"]!.annotations).toMatchObject({ readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false });
    expect(byName["list-runs"]!.annotations).toMatchObject({ readOnlyHint: true });
    expect(byName["skip-lane"]!.annotations).toMatchObject({ readOnlyHint: false, destructiveHint: true, idempotentHint: false });
    expect(byName["trigger-job"]!.annotations).toMatchObject({ readOnlyHint: false, destructiveHint: true, openWorldHint: true });
    expect(byName["sync-app-ratings"]!.annotations).toMatchObject({ readOnlyHint: false, destructiveHint: false, openWorldHint: true });
    // The REST API's own schemas: the trigger body's fields, the runs query's filters.
    expect(Object.keys(byName["trigger-job"]!.inputSchema.properties!).sort()).toEqual(["notify", "params", "projectId", "type", "wait", "waitSeconds"]);
    expect(byName["trigger-job"]!.inputSchema.required).toEqual(expect.arrayContaining(["projectId", "type"]));
    expect(byName["list-runs"]!.inputSchema.properties).toMatchObject({ status: { enum: ["pending", "running", "completed", "failed", "cancelled"] }, cursor: {}, limit: {} });
  });

  it("triggers a job and waits for it, reporting progress, to the same run the REST API shows", async () => {
    const client = await overHttp(writeKey);
    const progress: Array<{ progress: number; total?: number }> = [];
    const result = await call(client, "trigger-job", { projectId: demo.project.slug, type: "revenuecat_sync", params: { pageSize: 20 }, wait: true }, {
      onprogress: (update) => progress.push(update),
    });
    expect(result.isError).toBeFalsy();
    const { run, waited } = result.structuredContent;
    expect(waited).toEqual({ ended: true });
    expect(run).toMatchObject({ type: "revenuecat_sync", status: "completed", params: { pageSize: 20 }, trigger: { kind: "api_key", label: expect.stringContaining("MCP agent") } });
    expect(JSON.parse((result.content[0] as { text: string }).text)).toEqual(result.structuredContent);
    // Progress arrived while it ran, increasing, up to the run's final count.
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.every((update, index) => index === 0 || update.progress > progress[index - 1]!.progress)).toBe(true);
    expect(progress.at(-1)!.progress).toBe(run.progress.processed);

    const rest = await fetch(`${baseUrl()}/api/v1/runs/${run.id}`, { headers: { Authorization: `Bearer ${writeKey}` } });
    expect(((await rest.json()) as { run: unknown }).run).toEqual(run);
  });

  it("answers a second trigger while one runs as a tool error naming the running run, and writes no run", async () => {
    const client = await overHttp(writeKey);
    const first = await call(client, "trigger-job", { projectId: demo.project.slug, type: "revenuecat_sync", params: { pageSize: 1 } });
    const runId = first.structuredContent.run.id;
    const runsBefore = await prisma.jobRun.count();
    const second = await call(client, "trigger-job", { projectId: demo.project.slug, type: "revenuecat_sync" });
    expect(second.isError).toBe(true);
    expect(second.structuredContent.error).toMatchObject({ code: "job_already_running", existingRunId: runId });
    expect((second.content[0] as { text: string }).text).toContain(`Existing run: ${runId}`);
    expect(await prisma.jobRun.count()).toBe(runsBefore);
    await waitUntilFinished(runId, 60_000);
  });

  it("refuses a write tool to a read-only key, and lets it read", async () => {
    const client = await overHttp(readOnlyKey);
    const refused = await call(client, "trigger-job", { projectId: demo.project.slug, type: "revenuecat_sync" });
    expect(refused.isError).toBe(true);
    expect(refused.structuredContent.error).toMatchObject({ code: "forbidden", message: "This API key lacks the jobs:write permission" });
    const lane = await call(client, "get-lane", { projectId: demo.project.slug });
    expect(lane.structuredContent.lane).toMatchObject({ paused: expect.any(Boolean), queued: expect.any(Array) });
  });

  it("does not find another team's project or run", async () => {
    const { project } = await createTeamWithProject("mcp-other");
    const theirRun = await createFinishedRun(project.id, "revenuecat_sync", "failed");
    const client = await overHttp(writeKey);
    for (const [name, args] of [
      ["list-job-types", { projectId: project.slug }],
      ["list-runs", { projectId: project.id }],
      ["sync-app-ratings", { projectId: project.slug }],
      ["get-run", { runId: theirRun.id }],
      ["get-run-logs", { runId: theirRun.id }],
      ["retry-run", { runId: theirRun.id }],
    ] as const) {
      const result = await call(client, name, args);
      expect([name, result.isError, result.structuredContent.error.code]).toEqual([name, true, "not_found"]);
    }
    const { projects } = (await call(client, "list-projects", {})).structuredContent;
    expect(projects.map((visible) => visible.id)).not.toContain(project.id);
  });

  it("pages runs with the REST API's cursor, to the same pages", async () => {
    const project = await createProject((await demoTeam()).id, "mcp-pages");
    for (let index = 0; index < 5; index++) await createFinishedRun(project.id, "revenuecat_sync", "completed");
    const client = await overHttp(readOnlyKey);
    const ids: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 3; page++) {
      const result = await call(client, "list-runs", { projectId: project.slug, limit: 2, ...(cursor ? { cursor } : {}) });
      expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
      ids.push(...result.structuredContent.runs.map((run) => run.id));
      cursor = result.structuredContent.nextCursor ?? undefined;
    }
    expect(cursor).toBeUndefined();
    expect(new Set(ids).size).toBe(5);
    const rest = await fetch(`${baseUrl()}/api/v1/projects/${project.slug}/runs?limit=5`, { headers: { Authorization: `Bearer ${readOnlyKey}` } });
    expect(((await rest.json()) as { runs: Array<{ id: string }> }).runs.map((run) => run.id)).toEqual(ids);
  });

  it("reads and sets a project's interval, the same schedule GET job-types reports", async () => {
    const project = await createProject((await demoTeam()).id, "mcp-schedules");
    const client = await overHttp(writeKey);
    const set = await call(client, "set-schedule", { projectId: project.slug, type: "pull_changes", intervalMinutes: 15 });
    expect(set.structuredContent).toMatchObject({ schedule: { type: "pull_changes", cron: "*/15 * * * *", intervalMinutes: 15, configurable: true } });
    const read = await call(await overHttp(readOnlyKey), "get-schedules", { projectId: project.slug });
    const rest = (await (await fetch(`${baseUrl()}/api/v1/projects/${project.slug}/schedules`, { headers: { Authorization: `Bearer ${readOnlyKey}` } })).json()) as unknown;
    expect(read.structuredContent).toEqual(rest);
    const jobTypes = (await (await fetch(`${baseUrl()}/api/v1/projects/${project.slug}/job-types`, { headers: { Authorization: `Bearer ${readOnlyKey}` } })).json()) as {
      jobTypes: Array<{ type: string; schedule: string | null }>;
    };
    expect(jobTypes.jobTypes.find((type) => type.type === "pull_changes")!.schedule).toBe("*/15 * * * *");
    const refused = await call(client, "set-schedule", { projectId: project.slug, type: "revenuecat_sync", intervalMinutes: 5 });
    expect([refused.isError, refused.structuredContent.error.code]).toEqual([true, "bad_request"]);
    const off = await call(client, "set-schedule", { projectId: project.slug, type: "pull_changes", intervalMinutes: null });
    expect(off.structuredContent).toMatchObject({ schedule: { cron: null, intervalMinutes: null } });
  });

  it("checks arguments against the REST API's schemas, naming the field", async () => {
    const client = await overHttp(writeKey);
    const result = await call(client, "list-runs", { projectId: demo.project.slug, status: "lost" });
    expect(result.isError).toBe(true);
    expect((result.content[0] as { text: string }).text).toMatch(/status/);
    // app_version_sync runs only on its schedule: refused here as by the API and the CLI.
    const cronOnly = await call(client, "trigger-job", { projectId: demo.project.slug, type: "app_version_sync" });
    expect([cronOnly.isError, cronOnly.structuredContent.error.code]).toEqual([true, "bad_request"]);
    expect(cronOnly.structuredContent.error.message).toContain("runs only on its schedule");
  });

  it("counts every MCP request against the key's rate limit, as the REST API does", async () => {
    const limited = (await createKey((await demoTeam()).id, ["jobs:read"], { rateLimitPerMinute: 4 })).key;
    // Connecting is two requests (initialize, then the initialized notification); listing is the third.
    const client = await overHttp(limited);
    await client.listTools();
    await call(client, "list-projects", {});
    await expect(call(client, "list-projects", {})).rejects.toMatchObject({ code: 429 });
  });

  it("refuses a revoked key, a missing key and a foreign Host before any tool runs", async () => {
    const revoked = (await createKey((await demoTeam()).id, ["jobs:read"], { revoked: true })).key;
    await expect(overHttp(revoked)).rejects.toMatchObject({ code: 401, message: expect.stringContaining("The API key is not valid, or it was revoked") });
    const bare = new Client({ name: "e2e", version: "1.0.0" });
    await expect(bare.connect(new StreamableHTTPClientTransport(new URL(`${baseUrl()}/api/mcp`)))).rejects.toMatchObject({ code: 401 });

    const initialize = { jsonrpc: "2.0", id: 1, method: "initialize", params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "e2e", version: "1" } } };
    const headers = { Authorization: `Bearer ${writeKey}`, "Content-Type": "application/json", Accept: "application/json, text/event-stream" };
    // A rebinding page: its own name in Host (fetch cannot set Host, so the request goes through a raw socket).
    const rebound = await rawPost("/api/mcp", { ...headers, Host: "attacker.example:80" }, JSON.stringify(initialize));
    expect(rebound.status).toBe(403);
    expect(rebound.body).toContain("Invalid Host header");
    const foreignOrigin = await fetch(`${baseUrl()}/api/mcp`, { method: "POST", headers: { ...headers, Origin: "http://attacker.example" }, body: JSON.stringify(initialize) });
    expect(foreignOrigin.status).toBe(403);
    // A prototype key anywhere in a message is refused before any tool sees it, writing nothing.
    const runsBefore = await prisma.jobRun.count();
    const sneaky = `{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"trigger-job","arguments":{"projectId":"${demo.project.slug}","type":"revenuecat_sync","params":{"__proto__":{"pageSize":1}}}}}`;
    const proto = await fetch(`${baseUrl()}/api/mcp`, { method: "POST", headers, body: sneaky });
    expect(proto.status).toBe(400);
    expect(await proto.json()).toMatchObject({ id: 7, error: { code: -32602, message: expect.stringContaining('"__proto__" is not an allowed key') } });
    expect(await prisma.jobRun.count()).toBe(runsBefore);
    const get = await fetch(`${baseUrl()}/api/mcp`, { headers: { Authorization: `Bearer ${writeKey}` } });
    expect([get.status, get.headers.get("allow")]).toEqual([405, "POST"]);
  });
});

async function rawPost(path: string, headers: Record<string, string>, body: string): Promise<{ status: number; body: string }> {
  const { request } = await import("node:http");
  const target = new URL(baseUrl());
  return new Promise((resolve, reject) => {
    const outgoing = request({ host: target.hostname, port: target.port, path, method: "POST", headers: { ...headers, "Content-Length": Buffer.byteLength(body) } }, (response) => {
      let text = "";
      response.on("data", (chunk: Buffer) => (text += chunk.toString()));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body: text }));
    });
    outgoing.on("error", reject);
    outgoing.end(body);
  });
}

const definedEnv = () => Object.fromEntries(Object.entries(process.env).filter((entry): entry is [string, string] => entry[1] !== undefined));

describe("taskdeck mcp over stdio", () => {
  const overStdio = async (key: string) => {
    const client = new Client({ name: "e2e-stdio", version: "1.0.0" });
    await client.connect(
      new StdioClientTransport({
        command: process.execPath,
        args: ["scripts/taskdeck.mjs", "mcp"],
        env: { ...definedEnv(), TASKDECK_URL: baseUrl(), TASKDECK_API_KEY: key, DATABASE_URL: inject("databaseUrl") },
        stderr: "pipe",
      }),
    );
    clients.push(client);
    return client;
  };

  it("serves the same tools, and a trigger with wait runs to its end with progress", async () => {
    const client = await overStdio(writeKey);
    const stdioTools = (await client.listTools()).tools;
    const httpTools = (await (await overHttp(writeKey)).listTools()).tools;
    expect(stdioTools).toEqual(httpTools);
    const progress: number[] = [];
    const result = await call(client, "trigger-job", { projectId: demo.project.slug, type: "revenuecat_sync", params: { pageSize: 20 }, wait: true }, {
      onprogress: (update) => progress.push(update.progress),
    });
    expect(result.structuredContent).toMatchObject({ run: { status: "completed" }, waited: { ended: true } });
    expect(progress.length).toBeGreaterThan(1);
    const readOnly = await overStdio(readOnlyKey);
    const refused = await call(readOnly, "skip-lane", { projectId: demo.project.slug });
    expect(refused.structuredContent.error).toMatchObject({ code: "forbidden" });
  });

  it("exits with the unauthorized code and a clear message when the key is refused", async () => {
    const { spawn } = await import("node:child_process");
    const revoked = (await createKey((await demoTeam()).id, ["jobs:read"], { revoked: true })).key;
    const child = spawn(process.execPath, ["scripts/taskdeck.mjs", "mcp"], {
      env: { ...process.env, TASKDECK_URL: baseUrl(), TASKDECK_API_KEY: revoked },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    expect(code).toBe(5);
    expect(stderr).toContain("Check TASKDECK_API_KEY");
  });
});
