// The browser and HTTP suite (`npm run test:e2e`). Its files run one at a time against a stack
// (e2e/setup/stack.ts), since they share the demo project; to finish sooner, the files are dealt
// into groups that run at once, each group a vitest process with a stack of its own (its own
// database, web and worker processes, sandboxes and ports; one production build for all).
// TASKDECK_E2E_GROUPS sets how many (default 2; 1 runs them all in one process). With arguments
// (files, vitest options) it is one plain vitest run, for working on a few files.
import { spawn, type ChildProcess } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { createInterface } from "node:readline";
import { ensureBuild } from "./lib/build";
import { dealFiles } from "./lib/e2e-groups";

const root = path.resolve(import.meta.dirname, "..");
// vitest's own bin (its package exports no path to it).
const vitest = path.join(root, "node_modules/vitest/vitest.mjs");
const children = new Set<ChildProcess>();

function runVitest(args: string[], label: string | null): Promise<number> {
  const child = spawn(process.execPath, [vitest, "run", "--config", "vitest.e2e.config.ts", ...args], {
    cwd: root,
    stdio: label ? ["ignore", "pipe", "pipe"] : "inherit",
  });
  children.add(child);
  if (label) {
    // Each line keeps its group's name, so two groups' output can be told apart.
    for (const [stream, out] of [[child.stdout, process.stdout], [child.stderr, process.stderr]] as const) {
      if (stream) createInterface({ input: stream }).on("line", (line) => out.write(`${label} ${line}\n`));
    }
  }
  return new Promise((resolve) => {
    child.on("close", (code, signal) => {
      children.delete(child);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const count = Number(process.env.TASKDECK_E2E_GROUPS ?? "2");
  if (!Number.isInteger(count) || count < 1 || count > 8) {
    console.error(`TASKDECK_E2E_GROUPS must be a whole number from 1 to 8, not "${process.env.TASKDECK_E2E_GROUPS}"`);
    return 2;
  }
  if (args.length > 0 || count === 1) return runVitest(args, null);

  // Built once before the groups start, so they don't queue on the build lock with split output.
  await ensureBuild((line) => console.log(line));
  const directory = path.join(root, "e2e");
  const files = readdirSync(directory)
    .filter((name) => name.endsWith(".test.ts"))
    .map((name) => ({ file: path.join(directory, name), weight: statSync(path.join(directory, name)).size }));
  const groups = dealFiles(files, count);
  groups.forEach((group, index) => console.log(`[e2e ${index + 1}/${groups.length}] ${group.map((file) => path.basename(file)).join(", ")}`));
  const codes = await Promise.all(groups.map((group, index) => runVitest(group, `[e2e ${index + 1}/${groups.length}]`)));
  const failed = codes.filter((code) => code !== 0).length;
  console.log(failed === 0 ? `e2e: all ${groups.length} groups passed` : `e2e: ${failed} of ${groups.length} groups failed`);
  return failed === 0 ? 0 : 1;
}

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    for (const child of children) child.kill(signal);
  });
}

process.exitCode = await main();
