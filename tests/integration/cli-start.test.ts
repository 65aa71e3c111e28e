// What the CLI loads at start (cli/main.ts): help and the remote commands start without the admin
// stack (Prisma, pg-boss, the admin database code) or the MCP SDK, which the commands that need
// them import when they run. Observed in real CLI processes through a module-loading hook.
import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { closedPort } from "../helpers/fixtures";

const recorder = "tests/helpers/record-modules.mjs";
const adminStack = [/node_modules\/@prisma\//, /node_modules\/pg-boss\//, /node_modules\/pg\//, /\/lib\/db\//, /\/lib\/generated\//, /\/cli\/admin\/database\.ts/];
const mcpSdk = /node_modules\/@modelcontextprotocol\//;

async function loadedBy(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; modules: string[] }> {
  const child = spawn(process.execPath, ["--import", `./${recorder}`, "scripts/taskdeck.mjs", ...args], { env: { ...process.env, ...env }, stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once("close", resolve));
  const line = stderr.split("\n").find((text) => text.startsWith("modules loaded: "));
  if (!line) throw new Error(`no module list from taskdeck ${args.join(" ")}; stderr: ${stderr}`);
  return { code, modules: JSON.parse(line.slice("modules loaded: ".length)) as string[] };
}

const matching = (modules: string[], patterns: RegExp[]) => modules.filter((url) => patterns.some((pattern) => pattern.test(url)));

describe("the CLI's start", () => {
  it.each([[["--help"]], [["jobs", "--help"]], [["admin", "--help"]], [["admin", "system-jobs", "--help"]], [["mcp", "--help"]]])("loads neither the admin stack nor the MCP SDK for %j", async (args) => {
    const { code, modules } = await loadedBy(args);
    expect(code).toBe(0);
    expect(modules.some((url) => url.endsWith("/cli/main.ts"))).toBe(true);
    expect(matching(modules, [...adminStack, mcpSdk])).toEqual([]);
  });

  it("runs a remote command without loading the admin stack", async () => {
    const { code, modules } = await loadedBy(["jobs", "runs", "--project", "demo-app", "--url", `http://127.0.0.1:${await closedPort()}`], { TASKDECK_API_KEY: "td_not_a_real_key" });
    // The server is not there: the command ran as far as its request.
    expect(code).not.toBe(0);
    expect(modules.some((url) => url.endsWith("/cli/remote/client.ts"))).toBe(true);
    expect(matching(modules, [...adminStack, mcpSdk])).toEqual([]);
  });

  it("loads the admin stack when an admin command runs", async () => {
    // The same hook sees what a command imports when it runs, so the checks above would see a leak.
    const { code, modules } = await loadedBy(["admin", "teams", "list", "--json"]);
    expect(code).toBe(0);
    expect(matching(modules, [/node_modules\/@prisma\/client\//])).not.toEqual([]);
    expect(matching(modules, [/\/cli\/admin\/database\.ts/])).not.toEqual([]);
    expect(matching(modules, [mcpSdk])).toEqual([]);
  });
});
