// The issues section of `npm run bench`: issue_scan over N new error events in one run (events/s),
// beside the ceiling of grouping the same rows by fingerprint in one bare query, and a second scan
// that finds nothing new (its fixed cost). Same database, same run.
import { performance } from "node:perf_hooks";
import { randomUUID } from "node:crypto";

export interface IssuesBenchOptions {
  events: number;
  /** Distinct issues the events fall into. */
  issues?: number;
}

export interface IssuesBenchResult {
  events: number;
  issues: number;
  scanSeconds: number;
  scanEventsPerSecond: number;
  ceilingSeconds: number;
  ceilingEventsPerSecond: number;
  emptyScanMs: number;
}

export async function benchIssues(options: IssuesBenchOptions): Promise<IssuesBenchResult> {
  const { events, issues = 500 } = options;
  const { getPool } = await import("@/lib/db/pool");
  const { prisma } = await import("@/lib/db/prisma");
  const { scanIssues, SETTLE_MS } = await import("@/lib/issues/scan");
  const suffix = randomUUID().slice(0, 8);
  const team = await prisma.team.create({ data: { name: `Bench issues ${suffix}`, slug: `bench-issues-${suffix}` } });
  const project = await prisma.project.create({ data: { teamId: team.id, name: `Bench issues ${suffix}`, slug: `bench-issues-${suffix}` } });
  // Error events as ingest stores them: a fingerprint each, users and versions spread over them,
  // received over the last ten minutes (settled for a scan a minute from now).
  await getPool().query(
    `INSERT INTO events (id, project_id, occurred_at, received_at, name, level, message, error_type, error_stack, fingerprint, environment, app_version, app_user_id)
     SELECT gen_random_uuid(), $1, now() - make_interval(secs => n % 600), now() - interval '10 minutes' + make_interval(secs => n * 600.0 / $2),
            'crash', 'error', 'Request ' || n || ' failed', 'Error' || (n % $3), 'at frame' || (n % $3) || ' (src/app.ts:1:1)', md5((n % $3)::text),
            CASE WHEN n % 10 = 0 THEN 'development' ELSE 'production' END::"EventEnvironment", '1.' || (n % 4) || '.0', 'user-' || (n % 20000)
       FROM generate_series(1, $2) AS n`,
    [project.id, events, issues],
  );
  await getPool().query("ANALYZE events");
  const now = () => new Date(Date.now() + SETTLE_MS);

  const ceilingStarted = performance.now();
  await getPool().query(
    `SELECT fingerprint, count(*), min(occurred_at), max(occurred_at), count(DISTINCT app_user_id), array_agg(DISTINCT app_version)
       FROM events WHERE level = 'error' AND project_id = $1 GROUP BY fingerprint`,
    [project.id],
  );
  const ceilingSeconds = (performance.now() - ceilingStarted) / 1000;

  const scanStarted = performance.now();
  const scan = await scanIssues({ now: now() });
  const scanSeconds = (performance.now() - scanStarted) / 1000;
  if (scan.events !== events) throw new Error(`the scan counted ${scan.events} of ${events} events`);

  const emptyStarted = performance.now();
  const empty = await scanIssues({ now: now() });
  const emptyScanMs = performance.now() - emptyStarted;
  if (empty.events !== 0) throw new Error("the second scan found events");

  return {
    events,
    issues: await prisma.issue.count({ where: { projectId: project.id } }),
    scanSeconds,
    scanEventsPerSecond: events / scanSeconds,
    ceilingSeconds,
    ceilingEventsPerSecond: events / ceilingSeconds,
    emptyScanMs,
  };
}
