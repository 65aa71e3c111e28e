// The recorded build: after a successful `next build`, what it was built from (a hash of the build
// inputs) is written beside it in .next, so a later start uses that build while the inputs are the
// same and builds again once one changed. `next build` clears .next first, so a failed or
// interrupted build leaves no record behind.
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

/** What `next build` reads: the app's code, its assets and config, and the exact dependencies. */
export const buildInputs = ["app", "components", "lib", "public", "proxy.ts", "next.config.ts", "postcss.config.mjs", "tsconfig.json", "package-lock.json"];
export type BuildRecord = { inputsHash: string; builtAt: string };

const recordPath = (root: string) => path.join(root, ".next/taskdeck-build.json");

function* files(root: string, entry: string): Generator<string> {
  const full = path.join(root, entry);
  if (!existsSync(full)) return;
  if (statSync(full).isDirectory()) {
    for (const child of readdirSync(full).sort()) yield* files(root, path.join(entry, child));
  } else {
    yield entry;
  }
}

/** A hash of every build input's path and content, the same wherever the checkout lives. */
export function buildInputsHash(root = "."): string {
  const hash = createHash("sha256");
  for (const input of buildInputs) {
    for (const file of files(root, input)) hash.update(file).update("\0").update(readFileSync(path.join(root, file))).update("\0");
  }
  return hash.digest("hex");
}

export function readBuildRecord(root = "."): BuildRecord | null {
  try {
    const record = JSON.parse(readFileSync(recordPath(root), "utf8")) as Partial<BuildRecord>;
    return typeof record.inputsHash === "string" ? (record as BuildRecord) : null;
  } catch {
    return null;
  }
}

export function recordBuild(root: string, inputsHash: string): void {
  const record: BuildRecord = { inputsHash, builtAt: new Date().toISOString() };
  writeFileSync(recordPath(root), `${JSON.stringify(record, null, 2)}\n`);
}

/** Before a build: a build that fails before `next build` clears .next must not look fresh. */
export function forgetBuild(root: string): void {
  rmSync(recordPath(root), { force: true });
}

/** Whether .next holds a finished build of exactly these inputs. */
export function isBuildFresh(root = ".", inputsHash = buildInputsHash(root)): boolean {
  return existsSync(path.join(root, ".next/BUILD_ID")) && readBuildRecord(root)?.inputsHash === inputsHash;
}
