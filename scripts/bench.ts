// npm run bench — its sections, in the same run on the same throwaway database:
//   engine: Taskdeck's job engine against a bare pg-boss send → work loop (scripts/lib/bench-engine.ts);
//   events: ingest through the HTTP API against the bare insert ceilings, retention by partition drop
//           against batched DELETE, partition_creation and db_pruning (scripts/lib/bench-events.ts).
//   issues: issue_scan against a bare GROUP BY (scripts/lib/bench-issues.ts);
//   ratings: app_store_ratings_sync for 50 apps across 175 storefronts against the bare requests
//            (scripts/lib/bench-ratings.ts);
//   dashboard: the dashboard's and API's reads on a 1,000,000-run project beside a 10,000-run one,
//              at 50 connections (scripts/lib/bench-dashboard.ts).
// Flags: --only engine|events|issues|ratings|dashboard (all), --write (also write docs/benchmarks.md; a section not run is
// kept as the file has it). Engine: --pickup-runs N (500), --throughput-runs N (5000). Events:
// --events N (5,000,000 per retention month), --prune-events N (1,000,000), --ingest-batches N (100
// per repetition), --ingest-reps N (3), --ingest-concurrency N (4), --delete-batch N (5000),
// --months-ahead N (12). Dashboard: --fill-runs N (1000000), --fill-projects N (20), --fill-per-project N
// (10000), --dashboard-connections N (50), --dashboard-seconds N (5), --dashboard-rounds N (2), --note
// TEXT (the line under the machine in docs/benchmarks.md, e.g. who else was using it).
import "@/lib/runtime/require-node";
import { cpus, totalmem } from "node:os";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { createThrowawayDatabase } from "./lib/throwaway-database";
import { overrideEnv } from "@/lib/env";

const { values: flags } = parseArgs({
  options: {
    only: { type: "string" },
    "pickup-runs": { type: "string", default: "500" },
    "throughput-runs": { type: "string", default: "5000" },
    events: { type: "string", default: "5000000" },
    "prune-events": { type: "string", default: "1000000" },
    "ingest-batches": { type: "string", default: "100" },
    "ingest-reps": { type: "string", default: "3" },
    "ingest-concurrency": { type: "string", default: "4" },
    "delete-batch": { type: "string", default: "5000" },
    "months-ahead": { type: "string", default: "12" },
    "issue-events": { type: "string", default: "1000000" },
    "ratings-apps": { type: "string", default: "50" },
    "ratings-reps": { type: "string", default: "3" },
    "ratings-delay-ms": { type: "string", default: "120" },
    "fill-runs": { type: "string", default: "1000000" },
    "fill-projects": { type: "string", default: "20" },
    "fill-per-project": { type: "string", default: "10000" },
    "dashboard-connections": { type: "string", default: "50" },
    "dashboard-seconds": { type: "string", default: "5" },
    "dashboard-rounds": { type: "string", default: "2" },
    note: { type: "string", default: "These machines are shared and noisy; compare the ratios, not the absolute numbers." },
    write: { type: "boolean", default: false },
  },
});
const sections = ["engine", "events", "issues", "ratings", "dashboard"];
if (flags.only !== undefined && !sections.includes(flags.only)) {
  console.error(`--only takes ${sections.join(", ")}`);
  process.exit(2);
}
const runEngine = flags.only === undefined || flags.only === "engine";
const runEvents = flags.only === undefined || flags.only === "events";
// issue_scan over --issue-events new error events (1,000,000), beside a bare GROUP BY (scripts/lib/bench-issues.ts).
const runIssues = flags.only === undefined || flags.only === "issues";
const runRatings = flags.only === undefined || flags.only === "ratings";
const runDashboard = flags.only === undefined || flags.only === "dashboard";
const number = (name: keyof typeof flags) => {
  const value = Number(flags[name]);
  if (!Number.isInteger(value) || value < 1) {
    console.error(`--${name} must be a whole number above 0`);
    process.exit(2);
  }
  return value;
};
const engineOptions = { pickupRuns: number("pickup-runs"), throughputRuns: number("throughput-runs") };
const eventsOptions = {
  events: number("events"),
  pruneEvents: number("prune-events"),
  ingestBatches: number("ingest-batches"),
  ingestRepetitions: number("ingest-reps"),
  concurrency: number("ingest-concurrency"),
  deleteBatch: number("delete-batch"),
  monthsAhead: number("months-ahead"),
};

const database = await createThrowawayDatabase("bench");
// The env module reads these on first use, which comes after this point.
overrideEnv({ DATABASE_URL: database.url, LOG_LEVEL: "warn" });

const { disconnectPrisma } = await import("@/lib/db/prisma");
const { closePool, getPool } = await import("@/lib/db/pool");

// Whatever a section leaves behind when it fails, the database server goes with the run.
let engine: Awaited<ReturnType<typeof import("./lib/bench-engine").benchEngine>> | null = null;
let events: Awaited<ReturnType<typeof import("./lib/bench-events").benchEvents>> | null = null;
let issues: Awaited<ReturnType<typeof import("./lib/bench-issues").benchIssues>> | null = null;
let ratings: Awaited<ReturnType<typeof import("./lib/bench-ratings").benchRatings>> | null = null;
let dashboard: Awaited<ReturnType<typeof import("./lib/bench-dashboard").benchDashboard>> | null = null;
let serverVersion = "unknown";
try {
  if (runEngine) {
    const { benchEngine } = await import("./lib/bench-engine");
    engine = await benchEngine({ databaseUrl: database.url, ...engineOptions });
  }
  if (runEvents) {
    const { benchEvents } = await import("./lib/bench-events");
    events = await benchEvents({ databaseUrl: database.url, ...eventsOptions });
  }
  if (runIssues) {
    const { benchIssues } = await import("./lib/bench-issues");
    issues = await benchIssues({ events: number("issue-events") });
  }
  if (runRatings) {
    const { benchRatings } = await import("./lib/bench-ratings");
    const apps = number("ratings-apps");
    ratings = await benchRatings({ apps, projects: Math.max(1, Math.ceil(apps / 5)), repetitions: number("ratings-reps"), delayMs: number("ratings-delay-ms") });
  }
  if (runDashboard) {
    const { benchDashboard } = await import("./lib/bench-dashboard");
    dashboard = await benchDashboard({
      databaseUrl: database.url,
      runs: number("fill-runs"),
      projects: number("fill-projects"),
      perProject: number("fill-per-project"),
      connections: number("dashboard-connections"),
      seconds: number("dashboard-seconds"),
      rounds: number("dashboard-rounds"),
    });
  }
  const { rows } = await getPool().query<{ server_version: string }>("SHOW server_version");
  serverVersion = rows[0]?.server_version ?? serverVersion;
} finally {
  await disconnectPrisma().catch(() => undefined);
  await closePool().catch(() => undefined);
  await database.dispose();
}

const machine = `${cpus().length} × ${cpus()[0]?.model.trim() ?? "unknown CPU"}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.versions.node}, PostgreSQL ${serverVersion}`;
const report = events ? await import("./lib/bench-events-report") : null;
if (engine) console.log(`\n${engine.table}`);
if (events && report) console.log(`\n${report.eventsTable(events)}`);
if (issues) {
  console.log(`\nissue_scan: ${issues.events} new error events into ${issues.issues} issues in ${issues.scanSeconds.toFixed(1)} s = ${Math.round(issues.scanEventsPerSecond)} events/s`);
  console.log(`  bare GROUP BY of the same rows: ${Math.round(issues.ceilingEventsPerSecond)} events/s (ratio ${(issues.scanEventsPerSecond / issues.ceilingEventsPerSecond).toFixed(2)}×); a scan with nothing new: ${issues.emptyScanMs.toFixed(1)} ms`);
}
const ratingsReport = ratings ? await import("./lib/bench-ratings") : null;
if (ratings && ratingsReport) console.log(`\n${ratingsReport.ratingsMarkdown(ratings, machine)}`);
const dashboardReport = dashboard ? await import("./lib/bench-dashboard") : null;
if (dashboard && dashboardReport) console.log(`\n${dashboardReport.dashboardTable(dashboard)}`);
console.log(`\nMachine: ${machine}`);

if (flags.write) {
  // The file holds the engine's part, then the events part from its `## Events` heading, then the
  // store part from `## Store`, then the dashboard part from `## Dashboard`; a section not run
  // keeps what the file has.
  const current = existsSync("docs/benchmarks.md") ? readFileSync("docs/benchmarks.md", "utf8") : "";
  const part = (heading: string, next: string | null) => {
    const start = heading === "" ? 0 : current.indexOf(`\n${heading}\n`);
    if (start === -1) return "";
    const end = next === null ? -1 : current.indexOf(`\n${next}\n`, start + 1);
    return current.slice(heading === "" ? 0 : start + 1, end === -1 ? undefined : end);
  };
  const keptEngine = current.includes("\n## Events\n") ? part("", "## Events") : part("", "## Store");
  const engineText = engine ? engine.markdown(machine) : keptEngine;
  const eventsText = events && report ? report.eventsMarkdown(events, machine) : part("## Events", "## Store");
  const storeText = ratings && ratingsReport ? ratingsReport.ratingsMarkdown(ratings, machine) : part("## Store", "## Dashboard");
  const dashboardText = dashboard && dashboardReport ? dashboardReport.dashboardMarkdown(dashboard, machine, flags.note) : part("## Dashboard", null);
  writeFileSync("docs/benchmarks.md", [engineText, eventsText, storeText, dashboardText].filter((text) => text !== "").join("\n"));
  console.log("wrote docs/benchmarks.md");
}
process.exit(0);
