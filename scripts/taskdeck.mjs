#!/usr/bin/env node
// `taskdeck`, the package's bin (`npx taskdeck` inside the repository). Plain JavaScript so it
// starts on any Node: it checks the version, then loads the TypeScript CLI through tsx with the
// repository's tsconfig, from whatever directory it is run in.
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

// One line, whatever the cause: the repository's own Node 22 (the `node` devDependency, which
// `npx taskdeck` puts first on PATH) is either there to use or not installed yet.
const [major = 0, minor = 0] = process.versions.node.split(".").map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  const bundled = existsSync(path.join(root, "node_modules", ".bin", "node"));
  const fix = bundled
    ? "run it as `npx taskdeck` inside the repository, which uses the Node 22 in node_modules/.bin"
    : "run `npm install` in the repository (without --ignore-scripts): it brings Node 22, which `npx taskdeck` uses";
  console.error(`Taskdeck's CLI needs Node.js 22.12 or newer; you have ${process.version}: ${fix}.`);
  process.exit(4);
}

const { register } = await import("tsx/esm/api");
register({ tsconfig: path.join(root, "tsconfig.json") });
const { main } = await import(pathToFileURL(path.join(root, "cli/main.ts")).href);
await main(process.argv);
