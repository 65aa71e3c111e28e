// issue_scan's work: error events since the watermark, clustered into issues by the fingerprint
// ingest computed. Exactly once: each batch is one transaction that locks the watermark row, counts
// the batch and moves the watermark past it, so a second scan waits for the first and reads the new
// watermark, and a scan that dies mid-batch counts nothing of it. Events younger than SETTLE_MS are
// left for the next scan: an ingest transaction still open (received_at is its start) must have
// committed before the watermark passes its events, and ingest transactions are capped far below.
import type pg from "pg";
import { getPool } from "@/lib/db/pool";

/** How long an error event waits before a scan counts it (ingest transactions time out well within it). */
export const SETTLE_MS = 60_000;

export interface ScanBatchResult {
  events: number;
  newIssues: number;
  regressedIssues: number;
}

export interface ScanOptions {
  now: Date;
  batchSize?: number;
  isCancelled?: () => boolean;
  onProgress?: (processed: number) => void;
}

export interface ScanResult {
  events: number;
  batches: number;
  newIssues: number;
  regressedIssues: number;
  /** The watermark after the scan: the last event counted. */
  watermark: { receivedAt: string; eventId: string } | null;
  cancelled: boolean;
}

/** Counts one batch; returns null when there was nothing to count. */
export async function scanBatch(client: pg.PoolClient, settledBefore: Date, batchSize: number): Promise<ScanBatchResult | null> {
  await client.query("BEGIN");
  try {
    const { rows: marks } = await client.query<{ received_at: Date; project_id: string; event_id: string }>(`SELECT received_at, project_id, event_id FROM issue_scan_state WHERE id = 1 FOR UPDATE`);
    const mark = marks[0]!;
    // Only what the counting needs; the latest event's text is read back per issue below.
    await client.query(
      `CREATE TEMP TABLE scan_batch ON COMMIT DROP AS
         SELECT e.id, e.project_id, e.received_at, e.occurred_at, e.fingerprint, e.environment, e.app_version, e.app_user_id
           FROM events e
          WHERE e.level = 'error' AND (e.received_at, e.project_id, e.id) > ($1, $2::uuid, $3::uuid) AND e.received_at < $4
          ORDER BY e.received_at, e.project_id, e.id
          LIMIT $5`,
      [mark.received_at, mark.project_id, mark.event_id, settledBefore, batchSize],
    );
    const { rows: lasts } = await client.query<{ received_at: Date; project_id: string; id: string }>(
      `SELECT received_at, project_id, id FROM scan_batch ORDER BY received_at DESC, project_id DESC, id DESC LIMIT 1`,
    );
    const last = lasts[0];
    if (!last) {
      await client.query("COMMIT");
      return null;
    }
    const { rows: counted } = await client.query<{ events: string; new_issues: string; regressed: string; user_issues: string[]; user_counts: number[] }>(
      `WITH live AS (
         -- Events of a soft-deleted project are on their way out: counted past, but no issue.
         SELECT * FROM scan_batch WHERE fingerprint IS NOT NULL AND project_id IN (SELECT id FROM projects WHERE deleted_at IS NULL)),
       counts AS (
         SELECT project_id, fingerprint, count(*)::int AS n, min(occurred_at) AS first_seen, max(occurred_at) AS last_seen,
                bool_or(environment = 'production') AS production,
                array_agg(DISTINCT app_version) FILTER (WHERE app_version IS NOT NULL) AS versions
           FROM live GROUP BY project_id, fingerprint),
       latest AS (
         SELECT DISTINCT ON (project_id, fingerprint) project_id, fingerprint, id, occurred_at FROM live ORDER BY project_id, fingerprint, occurred_at DESC),
       groups AS (
         SELECT c.*, coalesce(e.error_type, e.name) AS error_type, e.message, e.error_stack AS stack
           FROM counts c JOIN latest l USING (project_id, fingerprint)
           JOIN events e ON e.project_id = l.project_id AND e.id = l.id AND e.occurred_at = l.occurred_at),
       upserted AS (
         INSERT INTO issues AS i (id, project_id, fingerprint, title, error_type, message, stack, event_count, first_seen_at, last_seen_at,
                                  app_versions, in_production, announce_pending)
         SELECT gen_random_uuid(), project_id, fingerprint, left(error_type || coalesce(': ' || message, ''), 200), error_type, left(message, 2000), left(stack, 20000), n,
                first_seen, last_seen, coalesce(versions, '{}'), production, production
           FROM groups
         ON CONFLICT (project_id, fingerprint) DO UPDATE SET
           event_count = i.event_count + excluded.event_count,
           first_seen_at = least(i.first_seen_at, excluded.first_seen_at),
           last_seen_at = greatest(i.last_seen_at, excluded.last_seen_at),
           app_versions = (SELECT coalesce(array_agg(DISTINCT version ORDER BY version), '{}') FROM unnest(i.app_versions || excluded.app_versions) AS version),
           message = CASE WHEN excluded.last_seen_at >= i.last_seen_at THEN excluded.message ELSE i.message END,
           stack = CASE WHEN excluded.last_seen_at >= i.last_seen_at THEN excluded.stack ELSE i.stack END,
           in_production = i.in_production OR excluded.in_production,
           -- A resolved issue that recurs in production is regressed; elsewhere it stays resolved.
           status = CASE WHEN i.status = 'resolved' AND excluded.in_production THEN 'regressed'::"IssueStatus" ELSE i.status END,
           status_changed_at = CASE WHEN i.status = 'resolved' AND excluded.in_production THEN now() ELSE i.status_changed_at END,
           resolved_at = CASE WHEN i.status = 'resolved' AND excluded.in_production THEN NULL ELSE i.resolved_at END,
           -- Announced: a regression, or a new issue reaching production for the first time.
           announce_pending = i.announce_pending
             OR (i.status = 'resolved' AND excluded.in_production)
             OR (i.status = 'new' AND NOT i.in_production AND excluded.in_production),
           updated_at = now()
         -- status_changed_at is now() (stored to the millisecond) only for an issue that regressed in this transaction.
         RETURNING i.id, i.project_id, i.fingerprint, (xmax = 0) AS inserted, (i.status = 'regressed' AND i.status_changed_at = now()::timestamptz(3)) AS regressed_now),
       -- Each app user counts once per issue: the pairs not seen before are added here, and counted below.
       added AS (
         INSERT INTO issue_users (issue_id, app_user_id)
         SELECT DISTINCT u.id, b.app_user_id FROM live b JOIN upserted u ON u.project_id = b.project_id AND u.fingerprint = b.fingerprint
          WHERE b.app_user_id IS NOT NULL
         ON CONFLICT DO NOTHING RETURNING issue_id)
       SELECT (SELECT count(*) FROM scan_batch) AS events,
              (SELECT count(*) FROM upserted WHERE inserted) AS new_issues,
              (SELECT count(*) FROM upserted WHERE NOT inserted AND regressed_now) AS regressed,
              (SELECT coalesce(array_agg(issue_id ORDER BY issue_id), '{}') FROM (SELECT issue_id FROM added GROUP BY issue_id) AS c) AS user_issues,
              (SELECT coalesce(array_agg(n ORDER BY issue_id), '{}') FROM (SELECT issue_id, count(*)::int AS n FROM added GROUP BY issue_id) AS c) AS user_counts`,
    );
    // The new users counted into their issues (a row cannot be updated twice in one statement).
    await client.query(
      `UPDATE issues SET users_affected = issues.users_affected + counts.n
         FROM unnest($1::uuid[], $2::int[]) AS counts(issue_id, n) WHERE issues.id = counts.issue_id`,
      [counted[0]!.user_issues, counted[0]!.user_counts],
    );
    await client.query(`UPDATE issue_scan_state SET received_at = $1, project_id = $2, event_id = $3, updated_at = now() WHERE id = 1`, [last.received_at, last.project_id, last.id]);
    await client.query("COMMIT");
    const row = counted[0]!;
    return { events: Number(row.events), newIssues: Number(row.new_issues), regressedIssues: Number(row.regressed) };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  }
}

/** Scans until no settled error event is left (or it is cancelled), batch by batch. */
export async function scanIssues(options: ScanOptions): Promise<ScanResult> {
  const { now, batchSize = 50_000, isCancelled = () => false, onProgress } = options;
  const settledBefore = new Date(now.getTime() - SETTLE_MS);
  const result: ScanResult = { events: 0, batches: 0, newIssues: 0, regressedIssues: 0, watermark: null, cancelled: false };
  const client = await getPool().connect();
  try {
    for (;;) {
      if (isCancelled()) {
        result.cancelled = true;
        break;
      }
      const batch = await scanBatch(client, settledBefore, batchSize);
      if (!batch) break;
      result.events += batch.events;
      result.batches += 1;
      result.newIssues += batch.newIssues;
      result.regressedIssues += batch.regressedIssues;
      onProgress?.(result.events);
      if (batch.events < batchSize) break;
    }
    const { rows } = await client.query<{ received_at: Date; event_id: string }>(`SELECT received_at, event_id FROM issue_scan_state WHERE id = 1`);
    const mark = rows[0];
    result.watermark = mark && mark.received_at.getTime() > 0 ? { receivedAt: mark.received_at.toISOString(), eventId: mark.event_id } : null;
    return result;
  } finally {
    client.release();
  }
}
