// `npm run lint` step: fails when modules import each other in a circle, type-only imports
// included. ESLint's no-restricted-imports rules (eslint.config.mjs) keep the layers apart; this
// keeps each layer free of circles, which a per-file rule cannot see.
import { importCycles, projectRoot, sourceFiles } from "./lib/import-cycles";

const cycles = importCycles(sourceFiles(projectRoot));
if (cycles.length > 0) {
  console.error(`Import circles (break each by moving what both sides need into a module of its own):\n${cycles.map((cycle) => `  - ${cycle.join(" ↔ ")}`).join("\n")}`);
  process.exit(1);
}
console.log(`no import circles`);
