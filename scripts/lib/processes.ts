// Child processes with prefixed output, stopped together.
import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";

const colors = { web: 36, worker: 35, sandbox: 33, start: 32 } as const;
export type ProcessName = keyof typeof colors;

export function prefix(name: ProcessName): string {
  const label = `[${name}]`.padEnd(9);
  return process.stdout.isTTY ? `\x1b[${colors[name]}m${label}\x1b[0m` : label;
}

export function logAs(name: ProcessName) {
  return (line: string) => console.log(`${prefix(name)} ${line}`);
}

export function startProcess(name: ProcessName, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(process.execPath, args, { env, stdio: ["ignore", "pipe", "pipe"] });
  for (const stream of [child.stdout, child.stderr]) {
    if (stream) createInterface({ input: stream }).on("line", logAs(name));
  }
  return child;
}

export function waitForExit(child: ChildProcess, timeoutMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      resolve();
    }, timeoutMs);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

export const workerArgs = ["--import", "tsx", "worker/index.ts"];
// Not `next start`: scripts/web-server.ts answers the requests Next cannot represent (TRACE) itself.
export const webArgs = (port: number) => ["--import", "tsx", "scripts/web-server.ts", "--port", String(port)];

// Resolves once `url` answers at all (any status), or rejects after `timeoutMs`.
export async function waitForHttp(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await fetch(url, { redirect: "manual", signal: AbortSignal.timeout(2000) });
      return;
    } catch {
      if (Date.now() > deadline) throw new Error(`${url} did not answer within ${timeoutMs / 1000}s`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}
