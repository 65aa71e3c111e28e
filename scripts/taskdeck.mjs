#!/usr/bin/env node
// `taskdeck`, the package's bin (`npx taskdeck` inside the repository). Plain JavaScript so it
// starts on any Node: it checks the version, then loads the TypeScript CLI through tsx with the
// repository's tsconfig, from whatever directory it is run in.
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const [major = 0, minor = 0] = process.versions.node.split(".").map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  console.error(`taskdeck needs Node.js 22.12 or newer; this is ${process.versions.node}. Run it as \`npx taskdeck\` inside the repository (npm puts its Node 22 first on PATH).`);
  process.exit(4);
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const { register } = await import("tsx/esm/api");
register({ tsconfig: path.join(root, "tsconfig.json") });
const { main } = await import(pathToFileURL(path.join(root, "cli/main.ts")).href);
await main(process.argv);
