// npm run db:fill — history at scale in DATABASE_URL, to plan and measure against (issue 18): a
// project with 1,000,000 finished runs and 20 projects of 10,000 (scripts/lib/fill-history.ts).
// Flags: --runs N (1000000, the large project), --projects N (20), --per-project N (10000).
import "@/lib/runtime/require-node";
import { parseArgs } from "node:util";
import { closePool } from "@/lib/db/pool";
import { fillHistory } from "./lib/fill-history";

const { values: flags } = parseArgs({
  options: {
    runs: { type: "string", default: "1000000" },
    projects: { type: "string", default: "20" },
    "per-project": { type: "string", default: "10000" },
  },
});
const count = (name: keyof typeof flags, least: number) => {
  const value = Number(flags[name]);
  if (!Number.isInteger(value) || value < least) {
    console.error(`--${name} must be a whole number of at least ${least}`);
    process.exit(2);
  }
  return value;
};
const options = { runs: count("runs", 1), projects: count("projects", 0), perProject: count("per-project", 1) };

const started = performance.now();
try {
  const filled = await fillHistory({ ...options, log: console.log });
  const total = filled.large.runs + filled.small.reduce((sum, project) => sum + project.runs, 0);
  console.log(`Filled ${total.toLocaleString("en-US")} runs in ${((performance.now() - started) / 1000).toFixed(1)} s: ${filled.large.slug} and ${filled.small.length} fill-small-NN projects (team "fill").`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await closePool();
}
