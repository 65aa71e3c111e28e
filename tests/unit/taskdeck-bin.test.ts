// `npx taskdeck` on a machine whose own Node is older than 22 (issue 17): npm runs on that Node
// and once installed the repository into its npx cache, warning about the package's engine (two
// five-line EBADENGINE warnings above the CLI's output). The CLI itself runs on the repository's
// Node 22, so nothing should be said; the bin run straight on an old Node says one line.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");
// npm scripts and npx put node_modules/.bin (with its Node 22) first; the machine's PATH is the rest.
const systemPath = (process.env.PATH ?? "").split(path.delimiter).filter((entry) => !entry.includes("node_modules"));
const systemBinary = (name: string) => {
  const found = systemPath.map((entry) => path.join(entry, name)).find((candidate) => existsSync(candidate));
  if (!found) throw new Error(`no ${name} on the machine's PATH (${systemPath.join(path.delimiter)})`);
  return found;
};
const npmCache = mkdtempSync(path.join(tmpdir(), "taskdeck-npx-cache-"));
afterAll(() => rmSync(npmCache, { recursive: true, force: true }));

function run(command: string, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  // A fresh npm cache: the first `npx taskdeck` on a machine, which is when npm installs the bin.
  const env = { ...process.env, PATH: systemPath.join(path.delimiter), npm_config_cache: npmCache, npm_config_update_notifier: "false" };
  const child = spawn(command, args, { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on("close", (code) => resolve({ code, stdout, stderr })));
}

async function systemNodeVersion(): Promise<[number, number]> {
  const { stdout } = await run(systemBinary("node"), ["--version"]);
  const [major = 0, minor = 0] = stdout.trim().slice(1).split(".").map(Number);
  return [major, minor];
}

describe("the taskdeck bin on the machine's own Node", () => {
  it("`npx taskdeck` prints the CLI's output and no npm engine warning", async () => {
    const { code, stdout, stderr } = await run(systemBinary("npx"), ["taskdeck", "--version"]);
    expect(stderr).not.toMatch(/EBADENGINE|Unsupported engine/);
    expect([code, stdout.trim()]).toEqual([0, "0.1.0"]);
  }, 60_000);

  it("run directly by a Node older than 22.12, says so in one line", async () => {
    const [major, minor] = await systemNodeVersion();
    const { code, stdout, stderr } = await run(systemBinary("node"), ["scripts/taskdeck.mjs", "--version"]);
    if (major > 22 || (major === 22 && minor >= 12)) {
      // A machine whose own Node is new enough runs the CLI straight away.
      expect([code, stdout.trim()]).toEqual([0, "0.1.0"]);
      return;
    }
    expect(code).toBe(4);
    expect(stderr.trimEnd().split("\n")).toEqual([expect.stringMatching(/^Taskdeck's CLI needs Node\.js 22\.12 or newer; you have v\d+\.\d+\.\d+: run it as `npx taskdeck`/)]);
  }, 30_000);
});
