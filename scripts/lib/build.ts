// Building the web app: `next build` under the build lock (scripts/lib/build-lock.ts), recorded in
// .next (scripts/lib/build-record.ts). `ensureBuild` builds only when the recorded build is not of
// the current inputs; `buildNow` (npm run build) always builds.
import { spawn } from "node:child_process";
import path from "node:path";
import { childEnv } from "@/lib/env";
import { acquireBuildLock } from "./build-lock";
import { buildInputsHash, forgetBuild, isBuildFresh, recordBuild } from "./build-record";

export type BuildOptions = {
  /** The checkout to build (default: the current directory). */
  root?: string;
  /** Node's arguments for the build (default: `next build`); tests put a stand-in here. */
  command?: string[];
};
export type BuildResult = { built: boolean; seconds: number };

const nextBuild = ["node_modules/next/dist/bin/next", "build"];
// Not in .next itself: `next build` clears .next at its start, except cache/ (and a few others).
export const buildLockPath = (root: string) => path.join(root, ".next/cache/taskdeck-build.lock");

async function build(log: (line: string) => void, root: string, command: string[]): Promise<BuildResult> {
  // Hashed before building: an input changed during the build makes the next start build again.
  const inputsHash = buildInputsHash(root);
  forgetBuild(root);
  log("building the web app (next build)…");
  const started = Date.now();
  const child = spawn(process.execPath, command, { cwd: root, stdio: "inherit", env: childEnv() });
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (exitCode) => resolve(exitCode));
  });
  if (code !== 0) throw new Error("next build failed");
  recordBuild(root, inputsHash);
  return { built: true, seconds: (Date.now() - started) / 1000 };
}

async function withBuildLock<T>(log: (line: string) => void, root: string, action: () => Promise<T>): Promise<T> {
  const lock = await acquireBuildLock(buildLockPath(root), (pid) => log(`Waiting for another build (pid ${pid}) to finish…`));
  try {
    return await action();
  } finally {
    lock.release();
  }
}

/** Builds unless .next holds a build of the current inputs; after waiting for another process's build, uses it. */
export function ensureBuild(log: (line: string) => void, { root = ".", command = nextBuild }: BuildOptions = {}): Promise<BuildResult> {
  return withBuildLock(log, root, async () => (isBuildFresh(root) ? { built: false, seconds: 0 } : build(log, root, command)));
}

/** Builds now (npm run build), and records it so the next start does not build again. */
export function buildNow(log: (line: string) => void, { root = ".", command = nextBuild }: BuildOptions = {}): Promise<BuildResult> {
  return withBuildLock(log, root, () => build(log, root, command));
}
