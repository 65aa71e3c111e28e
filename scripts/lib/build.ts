// "Build when needed": `next build` runs only when the inputs of the last build changed.
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { childEnv } from "@/lib/env";

const inputs = ["app", "components", "lib", "public", "proxy.ts", "next.config.ts", "postcss.config.mjs", "tsconfig.json", "package-lock.json"];
const stampFile = ".next/taskdeck-build-inputs.sha256";

function* files(entry: string): Generator<string> {
  if (!existsSync(entry)) return;
  if (statSync(entry).isDirectory()) {
    for (const child of readdirSync(entry).sort()) yield* files(path.join(entry, child));
  } else {
    yield entry;
  }
}

export function buildInputsHash(): string {
  const hash = createHash("sha256");
  for (const input of inputs) {
    for (const file of files(input)) hash.update(file).update("\0").update(readFileSync(file)).update("\0");
  }
  return hash.digest("hex");
}

export function ensureBuild(log: (line: string) => void): { built: boolean; seconds: number } {
  const hash = buildInputsHash();
  if (existsSync(".next/BUILD_ID") && existsSync(stampFile) && readFileSync(stampFile, "utf8") === hash) {
    return { built: false, seconds: 0 };
  }
  log("building the web app (next build)…");
  const started = Date.now();
  const result = spawnSync(process.execPath, ["node_modules/next/dist/bin/next", "build"], { stdio: "inherit", env: childEnv() });
  if (result.status !== 0) throw new Error("next build failed");
  writeFileSync(stampFile, hash);
  return { built: true, seconds: (Date.now() - started) / 1000 };
}
