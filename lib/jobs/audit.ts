// The audit trail (issue 19 "Audit"): who triggered, cancelled, retried or skipped a run or a lane,
// or changed a schedule, when, and from which surface. Written after each action succeeds, one row
// per run a bulk action touches, so a bulk retry leaves the same trail as retrying run by run.
// Read on the run page (its activity) and in the team's audit log.
import { getPool } from "@/lib/db/pool";
import type { Attribution } from "./attribution";
import type { AuditAction, AuditSurface } from "./audit-actions";

export { auditActions, auditSurfaces, type AuditAction, type AuditSurface } from "./audit-actions";

/** Who acted: the person or key (a key's creator too, as on runs), and the surface. */
export interface AuditActor extends Attribution {
  surface: AuditSurface;
}

export interface AuditEventInput {
  projectId: string;
  runId?: string | null;
  action: AuditAction;
  by: AuditActor;
  details?: Record<string, unknown>;
}

/**
 * A retry's trail, on both runs: the failed one "retried" (as which run) and the new one
 * "triggered" as its retry. A lane's pausing run retried in place is one run, so one event.
 */
export function retryEvents(projectId: string, failedRunId: string, retry: { id: string; type: string }, by: AuditActor, extra: Record<string, unknown>): AuditEventInput[] {
  if (retry.id === failedRunId) return [{ projectId, runId: failedRunId, action: "run.retried", by, details: { type: retry.type, inPlace: true, ...extra } }];
  return [
    { projectId, runId: failedRunId, action: "run.retried", by, details: { type: retry.type, newRunId: retry.id, ...extra } },
    { projectId, runId: retry.id, action: "run.triggered", by, details: { type: retry.type, retryOf: failedRunId, ...extra } },
  ];
}

/**
 * Records events. The action has already happened: a trail that cannot be written is reported in
 * the log, never as the action's failure (which would invite a second, real, retry).
 */
export async function recordAudit(events: AuditEventInput | AuditEventInput[]): Promise<void> {
  const list = Array.isArray(events) ? events : [events];
  if (list.length === 0) return;
  const rows = list.map((event, index) => ({
    n: index,
    project_id: event.projectId,
    run_id: event.runId ?? null,
    action: event.action,
    surface: event.by.surface,
    user_id: event.by.userId,
    key_id: event.by.apiKeyId,
    details: event.details ?? null,
  }));
  try {
    // The label is taken now, so the trail still names the person or key once they are gone.
    await getPool().query(
      `INSERT INTO audit_events (team_id, project_id, run_id, action, surface, actor_user_id, actor_api_key_id, actor_label, details)
       SELECT project.team_id, project.id, event.run_id, event.action, event.surface, user_row.id, key_row.id,
              CASE WHEN key_row.id IS NOT NULL THEN 'API key "' || key_row.name || '"'
                   WHEN user_row.id IS NOT NULL THEN coalesce(nullif(user_row.name, ''), user_row.email)
                   WHEN event.surface = 'admin_cli' THEN 'Server owner (admin CLI)'
                   ELSE 'Someone no longer known' END,
              event.details
         FROM jsonb_to_recordset($1::jsonb) AS event(n int, project_id uuid, run_id uuid, action text, surface text, user_id uuid, key_id uuid, details jsonb)
         JOIN projects AS project ON project.id = event.project_id
         LEFT JOIN users AS user_row ON user_row.id = event.user_id
         LEFT JOIN api_keys AS key_row ON key_row.id = event.key_id
        -- Ids in the order given: a retry's "retried" comes before the new run's "triggered".
        ORDER BY event.n`,
      [JSON.stringify(rows)],
    );
  } catch (error) {
    console.error(`Could not record ${list.length} audit event(s) (${list[0]!.action}): ${error instanceof Error ? error.message : String(error)}`);
  }
}

export interface AuditEntry {
  id: string;
  at: string;
  action: AuditAction;
  surface: AuditSurface;
  actor: { label: string; userId: string | null; apiKeyId: string | null };
  project: { id: string; slug: string; name: string };
  runId: string | null;
  /** The run's type, while the run exists. */
  runType: string | null;
  details: Record<string, unknown> | null;
}

interface AuditRow {
  id: string;
  at: Date;
  action: AuditAction;
  surface: AuditSurface;
  actor_label: string;
  actor_user_id: string | null;
  actor_api_key_id: string | null;
  project_id: string;
  project_slug: string;
  project_name: string;
  run_id: string | null;
  run_type: string | null;
  details: Record<string, unknown> | null;
}

const SELECT_ENTRIES = `
  SELECT event.id::text AS id, event.at, event.action, event.surface, event.actor_label, event.actor_user_id, event.actor_api_key_id,
         project.id AS project_id, project.slug AS project_slug, project.name AS project_name, event.run_id, run.type AS run_type, event.details
    FROM audit_events AS event
    JOIN projects AS project ON project.id = event.project_id
    LEFT JOIN job_runs AS run ON run.id = event.run_id`;

const toEntry = (row: AuditRow): AuditEntry => ({
  id: row.id,
  at: row.at.toISOString(),
  action: row.action,
  surface: row.surface,
  actor: { label: row.actor_label, userId: row.actor_user_id, apiKeyId: row.actor_api_key_id },
  project: { id: row.project_id, slug: row.project_slug, name: row.project_name },
  runId: row.run_id,
  runType: row.run_type,
  details: row.details,
});

/** A run's activity, oldest first: what people did to it, and to the runs it was retried as. */
export async function runActivity(runId: string, limit = 200): Promise<AuditEntry[]> {
  const { rows } = await getPool().query<AuditRow>(`${SELECT_ENTRIES} WHERE event.run_id = $1 ORDER BY event.id LIMIT $2`, [runId, limit]);
  return rows.map(toEntry);
}

export interface AuditLogPage {
  entries: AuditEntry[];
  /** The next (older) page's cursor, or null at the end. */
  nextCursor: string | null;
}

/**
 * A team's audit log, newest first, keyset-paged by id (an index walk at any history): only of
 * the projects given, which are those the reader may read runs of.
 */
export async function teamAuditLog(
  teamId: string,
  options: { projectIds: string[]; action?: AuditAction | null; before?: string | null; limit?: number },
): Promise<AuditLogPage> {
  const limit = options.limit ?? 50;
  if (options.projectIds.length === 0) return { entries: [], nextCursor: null };
  const { rows } = await getPool().query<AuditRow>(
    `${SELECT_ENTRIES}
      WHERE event.team_id = $1 AND event.project_id = ANY($2::uuid[]) AND ($3::bigint IS NULL OR event.id < $3::bigint)
        AND ($5::text IS NULL OR event.action = $5)
      ORDER BY event.id DESC LIMIT $4`,
    [teamId, options.projectIds, options.before ?? null, limit + 1, options.action ?? null],
  );
  const entries = rows.slice(0, limit).map(toEntry);
  return { entries, nextCursor: rows.length > limit ? entries.at(-1)!.id : null };
}
