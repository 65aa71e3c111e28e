// The dashboard section of `npm run bench` (issue 18): the dashboard's and API's reads on a project
// with a large history beside the same reads on an ordinary one, through the production web
// server at `connections` concurrent keep-alive connections, the two projects' measurements
// alternating in rounds so load elsewhere on the machine falls on both. API-key auth, except the
// Failures page (a page, so a session). The fill is scripts/lib/fill-history.ts (npm run db:fill).
import { getPool } from "@/lib/db/pool";
import { prisma } from "@/lib/db/prisma";
import { hashPassword } from "@/lib/auth/password";
import { createApiKey } from "@/lib/auth/api-keys";
import { failureGroups } from "@/lib/jobs/failures";
import { LANE_QUEUE } from "@/lib/jobs/define-catalog";
import { pausingRun } from "@/lib/jobs/lanes";
import { insertPausingRun } from "@/lib/jobs/lifecycle/history";
import { getSenderBoss, stopSenderBoss } from "@/lib/jobs/queue";
import { fillHistory, type FilledProject } from "./fill-history";
import { startWeb } from "./bench-web";
import { load, percentile, type LoadRequest } from "./http-load";

export interface DashboardOptions {
  databaseUrl: string;
  runs: number;
  projects: number;
  perProject: number;
  connections: number;
  /** Seconds of each measurement; each route is measured `rounds` times per project. */
  seconds: number;
  rounds: number;
}

export interface RouteStats {
  p50: number;
  p99: number;
  perSecond: number;
  /** Mean bytes of an answer's body. */
  bytes: number;
}

export interface DashboardResult {
  options: DashboardOptions;
  fillSeconds: number;
  large: FilledProject;
  small: FilledProject;
  failureGroups: number;
  routes: Array<{ route: string; large: RouteStats; small: RouteStats }>;
  /** One call at a time, in process (no HTTP): median milliseconds. */
  alone: Array<{ measure: string; large: number; small: number }>;
}

const PASSWORD = "bench-dashboard-password";

/** A paused lane: a failed lane job and its failed run, as a lane job failing leaves them. */
async function pauseLane(projectId: string): Promise<void> {
  const jobId = await (await getSenderBoss()).send(LANE_QUEUE, {}, { singletonKey: projectId });
  await getPool().query(`UPDATE pgboss.job SET state = 'failed' WHERE id = $1`, [jobId]);
  await insertPausingRun(getPool(), projectId, jobId!, "App Store Connect 401: the key was revoked");
}

async function sessionCookie(baseUrl: string, email: string): Promise<string> {
  const csrf = await fetch(`${baseUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = csrf.headers.getSetCookie().map((cookie) => cookie.split(";")[0]).join("; ");
  const response = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: jar },
    body: new URLSearchParams({ csrfToken, email, password: PASSWORD, json: "true" }),
  });
  const session = response.headers.getSetCookie().map((cookie) => cookie.split(";")[0]!).find((cookie) => cookie.startsWith("next-auth.session-token="));
  if (!session) throw new Error(`the bench's sign-in failed (${response.status})`);
  return session;
}

async function median(work: () => Promise<unknown>, times = 20): Promise<number> {
  await work();
  const took: number[] = [];
  for (let index = 0; index < times; index += 1) {
    const begin = performance.now();
    await work();
    took.push(performance.now() - begin);
  }
  return percentile(took, 50);
}

export async function benchDashboard(options: DashboardOptions): Promise<DashboardResult> {
  console.log(`dashboard: filling ${options.runs.toLocaleString("en-US")} runs and ${options.projects} × ${options.perProject.toLocaleString("en-US")}…`);
  const fillBegin = performance.now();
  const filled = await fillHistory({ runs: options.runs, projects: Math.max(1, options.projects), perProject: options.perProject, log: console.log });
  const fillSeconds = (performance.now() - fillBegin) / 1000;
  const projects = { large: filled.large, small: filled.small[0]! };

  const user = await prisma.user.create({ data: { email: "bench-dashboard@taskdeck.local", name: "Bench", passwordHash: await hashPassword(PASSWORD) } });
  await prisma.membership.create({ data: { teamId: filled.teamId, userId: user.id, role: "admin" } });
  const { key } = await createApiKey(filled.teamId, user.id, { name: "Bench dashboard", rateLimitPerMinute: 100_000 });
  for (const project of Object.values(projects)) await pauseLane(project.id);
  await stopSenderBoss();
  await getPool().query("ANALYZE job_runs, failure_groups");

  const alone: DashboardResult["alone"] = [
    { measure: "Paused lane's pausing run (pausingRun)", large: await median(() => pausingRun(getPool(), projects.large.id)), small: await median(() => pausingRun(getPool(), projects.small.id)) },
    { measure: "Failures data, 30 days, first page (failureGroups)", large: await median(() => failureGroups(projects.large.id, "30d")), small: await median(() => failureGroups(projects.small.id, "30d")) },
  ];
  const groups = (await failureGroups(projects.large.id, "30d")).groupCount;

  const web = await startWeb(options.databaseUrl, { API_RATE_LIMIT_PER_MINUTE: "100000" });
  try {
    const cookie = await sessionCookie(web.baseUrl, user.email);
    const bearer = { Authorization: `Bearer ${key}` };
    const requestsOf = async (project: FilledProject): Promise<Record<string, LoadRequest>> => {
      const list = `${web.baseUrl}/api/v1/projects/${project.id}/runs`;
      const first = await fetch(list, { headers: bearer });
      const etag = first.headers.get("etag");
      const newest = ((await first.json()) as { runs: Array<{ id: string }> }).runs[0]?.id;
      if (!etag || !newest) throw new Error(`the runs list of ${project.slug} answered ${first.status} without an ETag or runs`);
      return {
        "Runs list (GET /api/v1/projects/:id/runs)": { url: list, headers: bearer, status: 200 },
        // The same route with the dashboard's session instead of a key (issue 18: session auth as cheap as key auth).
        "Runs list, session (the dashboard's cookie)": { url: list, headers: { Cookie: cookie }, status: 200 },
        "Runs list, 304 (If-None-Match)": { url: list, headers: { ...bearer, "If-None-Match": etag }, status: 304 },
        "Run detail (GET /api/v1/runs/:id)": { url: `${web.baseUrl}/api/v1/runs/${newest}`, headers: bearer, status: 200 },
        "Job types (GET /api/dashboard/projects/:id/job-types)": { url: `${web.baseUrl}/api/dashboard/projects/${project.id}/job-types`, headers: bearer, status: 200 },
        "Paused lane (GET /api/v1/projects/:id/lane)": { url: `${web.baseUrl}/api/v1/projects/${project.id}/lane`, headers: bearer, status: 200 },
        "Failures page, 30 days (session)": { url: `${web.baseUrl}/projects/${project.slug}/failures`, headers: { Cookie: cookie }, status: 200 },
      };
    };
    const requests = { large: await requestsOf(projects.large), small: await requestsOf(projects.small) };

    const routes: DashboardResult["routes"] = [];
    for (const route of Object.keys(requests.large)) {
      // Warm-up: the route's code, caches and connections, on both projects.
      for (const side of ["large", "small"] as const) await load(requests[side][route]!, options.connections, 1);
      const measured = { large: [] as Awaited<ReturnType<typeof load>>[], small: [] as Awaited<ReturnType<typeof load>>[] };
      for (let round = 0; round < options.rounds; round += 1) {
        // Alternate which project goes first, so neither always follows the other.
        const order = round % 2 === 0 ? (["large", "small"] as const) : (["small", "large"] as const);
        for (const side of order) measured[side].push(await load(requests[side][route]!, options.connections, options.seconds));
      }
      const stats = (results: Awaited<ReturnType<typeof load>>[]): RouteStats => {
        const latencies = results.flatMap((result) => result.latenciesMs);
        const seconds = results.reduce((sum, result) => sum + result.seconds, 0);
        return { p50: percentile(latencies, 50), p99: percentile(latencies, 99), perSecond: latencies.length / seconds, bytes: results.reduce((sum, result) => sum + result.bytes, 0) / latencies.length };
      };
      const row = { route, large: stats(measured.large), small: stats(measured.small) };
      console.log(`  ${route}: ${Math.round(row.large.perSecond)} vs ${Math.round(row.small.perSecond)} req/s, p50 ${row.large.p50.toFixed(1)} vs ${row.small.p50.toFixed(1)} ms`);
      routes.push(row);
    }
    return { options, fillSeconds, large: projects.large, small: projects.small, failureGroups: groups, routes, alone };
  } finally {
    await web.stop();
  }
}

const ms = (value: number) => `${value < 10 ? value.toFixed(1) : Math.round(value)} ms`;
const kb = (bytes: number) => (bytes < 1024 ? `${Math.round(bytes)} B` : `${(bytes / 1024).toFixed(1)} KB`);

// Session auth against key auth on the same route and project, measured in the same run.
function sessionLine(result: DashboardResult): string[] {
  const key = result.routes.find((row) => row.route.startsWith("Runs list (GET"));
  const session = result.routes.find((row) => row.route.startsWith("Runs list, session"));
  if (!key || !session) return [];
  return [`Session against key on the runs list: ${(session.large.perSecond / key.large.perSecond).toFixed(2)}× the req/s on the large project, ${(session.small.perSecond / key.small.perSecond).toFixed(2)}× on the small one.`, ""];
}

export function dashboardTable(result: DashboardResult): string {
  const { large, small } = result;
  const n = (value: number) => value.toLocaleString("en-US");
  const lines = [
    `| Route (${result.options.connections} connections, ${result.options.rounds} × ${result.options.seconds} s per project, alternating) | ${n(large.runs)} runs: p50 / p99 | req/s | ${n(small.runs)} runs: p50 / p99 | req/s | Ratio (p50) | Answer |`,
    "| --- | --- | --- | --- | --- | --- | --- |",
    ...result.routes.map(
      (row) =>
        `| ${row.route} | ${ms(row.large.p50)} / ${ms(row.large.p99)} | ${Math.round(row.large.perSecond)} | ${ms(row.small.p50)} / ${ms(row.small.p99)} | ${Math.round(row.small.perSecond)} | ${(row.large.p50 / row.small.p50).toFixed(2)}× | ${kb(row.large.bytes)} |`,
    ),
    "",
    ...sessionLine(result),
    `| Alone, in process (median of 20) | ${n(large.runs)} runs | ${n(small.runs)} runs | Target |`,
    "| --- | --- | --- | --- |",
    ...result.alone.map((row) => `| ${row.measure} | ${ms(row.large)} | ${ms(row.small)} | < 20 ms: ${row.large < 20 ? "met" : "missed"} |`),
  ];
  return lines.join("\n");
}

export function dashboardMarkdown(result: DashboardResult, machine: string, note: string): string {
  return [
    "## Dashboard",
    "",
    `Produced by \`npm run bench -- --only dashboard --write\`: a project with ${result.large.runs.toLocaleString("en-US")} finished runs beside one of ${result.small.runs.toLocaleString("en-US")} (and ${result.options.projects - 1} more like it), filled by scripts/lib/fill-history.ts (\`npm run db:fill\`) in ${result.fillSeconds.toFixed(1)} s; ${result.failureGroups} failure groups in the large project's 30 days. Each route through the production web server with an API key (the Failures page with a session), both projects' lanes paused.`,
    "",
    `Run on ${new Date().toISOString().slice(0, 10)}. Machine: ${machine}.`,
    note,
    "",
    dashboardTable(result),
    "",
    "### Reading the numbers",
    "",
    "- The load is closed-loop: each connection sends its next request when the last answer is read, so at 50 connections p50 ≈ 50 ÷ req/s. Where both projects answer at the same rate, the web process (one Node thread, beside PostgreSQL and the load generator on the same cores) is the limit, not the history.",
    "- The Ratio column is the large project's p50 over the small one's: about 1× means the route's cost does not grow with history.",
    "- The 304 answers from the runs' version alone (decision 019); the Failures page is a whole server-rendered page (layout, navigation and 25 groups), read from the failure_groups rollup (decision 021).",
    "- The in-process rows time one call at a time through the pool, without HTTP or auth: what the database work costs.",
    "- Failures data grows with the window's groups × days, not with the runs: the 1M-run project's 300 groups fail nearly every day of the 30 (about 9,500 bucket rows summed), the 10,000-run project's ~1,800 failures leave most buckets empty.",
    "- Before issue 18 (the issue's own measurement on this machine, autocannon, 50 connections, 20 s): the runs list, its 304, run detail and job types answered about 22 requests/s with a p50 of 2.2 s on the 1M-run project (count(*) in the runs' version); the paused lane's poll had a p50 of 3–4 s; the Failures page sorted every failed run of its window on disk (194 ms) and served all 246 groups in 535 KB, 6 pages/s. The job-type cards also walked the project's history for each type that had never run there (409 ms a request at 200,000 runs) until `job_runs (project_id, type, created_at DESC)`.",
    "",
  ].join("\n");
}
