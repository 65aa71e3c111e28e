// Attachments (PRODUCT.md "Domain data"): files uploaded alongside error events, size-capped and
// checksummed, kept under ATTACHMENTS_DIR/<project id>/<attachment id>. An upload is written to a
// `.part` file, recorded, then renamed into place, so a crash leaves either a stray file or a row
// without its file, both of which attachment_cleanup sweeps. The event may arrive before or after
// its file: the row records the event's time once the event is known.
import { createHash, randomUUID } from "node:crypto";
import { mkdir, open, readdir, rename, rm, stat, unlink } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { graceCutoff } from "@/lib/accounts/grace";
import { getPool } from "@/lib/db/pool";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { plural } from "@/lib/plural";
import type { IngestActor } from "./ingest-keys";

const HOUR_MS = 3600_000;
const DAY_MS = 24 * HOUR_MS;
/** An upload still being written is not a stray file; a row this young may still be renamed into place. */
export const IN_FLIGHT_GRACE_MS = HOUR_MS;
/** How long an upload may wait for its event before it counts as never tied to one. */
export const UNTIED_GRACE_MS = DAY_MS;

export function attachmentsRoot(): string {
  return path.resolve(env.ATTACHMENTS_DIR);
}

export function attachmentPath(projectId: string, attachmentId: string): string {
  return path.join(attachmentsRoot(), projectId, attachmentId);
}

export interface AttachmentView {
  id: string;
  eventId: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  createdAt: string;
}

const uploadSchema = z.object({
  eventId: z.uuid({ error: "eventId must be the UUID of the error event the file belongs to" }),
});

// What a file name may keep: no paths, no control characters.
function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  const cleaned = [...base].filter((character) => character >= " " && character !== "\u007f").join("").trim().slice(0, 200);
  return cleaned === "" ? "attachment" : cleaned;
}

/** Stores an uploaded file for an event of the key's project. */
export async function storeAttachment(actor: IngestActor, input: { eventId: unknown; file: File }): Promise<AttachmentView> {
  const parsed = uploadSchema.safeParse({ eventId: input.eventId });
  if (!parsed.success) throw new AppError("bad_request", "Invalid attachment", { issues: [{ path: "eventId", message: parsed.error.issues[0]!.message }] });
  const { file } = input;
  if (file.size === 0) throw new AppError("bad_request", "The file is empty", { issues: [{ path: "file", message: "must not be empty" }] });
  if (file.size > env.ATTACHMENT_MAX_BYTES) throw new AppError("payload_too_large", `The file is over the ${env.ATTACHMENT_MAX_BYTES}-byte attachment limit`);

  const id = randomUUID();
  const finalPath = attachmentPath(actor.projectId, id);
  const partPath = `${finalPath}.part`;
  await mkdir(path.dirname(finalPath), { recursive: true });
  const bytes = Buffer.from(await file.arrayBuffer());
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const handle = await open(partPath, "wx");
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    const { rows } = await getPool().query<{ created_at: Date }>(
      `INSERT INTO attachments (id, project_id, event_id, event_occurred_at, file_name, content_type, size_bytes, sha256)
       SELECT $1, $2, $3, (SELECT occurred_at FROM events WHERE project_id = $2 AND id = $3 LIMIT 1), $4, $5, $6, $7
       RETURNING created_at`,
      [id, actor.projectId, parsed.data.eventId, safeFileName(file.name), (file.type || "application/octet-stream").slice(0, 200), bytes.length, sha256],
    );
    await rename(partPath, finalPath);
    return { id, eventId: parsed.data.eventId, fileName: safeFileName(file.name), contentType: file.type || "application/octet-stream", sizeBytes: bytes.length, sha256, createdAt: rows[0]!.created_at.toISOString() };
  } catch (error) {
    await unlink(partPath).catch(() => undefined);
    throw error;
  }
}

/** Marks an attachment of the key's project deleted; attachment_cleanup removes it after the grace period. */
export async function softDeleteAttachment(actor: IngestActor, attachmentId: string): Promise<void> {
  const { rowCount } = z.uuid().safeParse(attachmentId).success
    ? await getPool().query(`UPDATE attachments SET deleted_at = coalesce(deleted_at, now()) WHERE id = $1 AND project_id = $2`, [attachmentId, actor.projectId])
    : { rowCount: 0 };
  if (!rowCount) throw new AppError("not_found", "Attachment not found");
}

interface AttachmentRow {
  id: string;
  project_id: string;
}

/** Removes each attachment's file, then its row: a crash in between leaves a row without a file, swept later. */
async function removeAttachments(rows: AttachmentRow[]): Promise<number> {
  for (const row of rows) await rm(attachmentPath(row.project_id, row.id), { force: true });
  if (rows.length === 0) return 0;
  const { rowCount } = await getPool().query(`DELETE FROM attachments WHERE id = ANY($1::uuid[])`, [rows.map((row) => row.id)]);
  return rowCount ?? 0;
}

/** Deletes a project's attachment files and their directory (its rows go with the project). */
export async function removeProjectAttachmentFiles(projectId: string): Promise<void> {
  if (!z.uuid().safeParse(projectId).success) return;
  await rm(path.join(attachmentsRoot(), projectId), { recursive: true, force: true });
}

export interface SweepResult {
  linked: number;
  softDeletedRemoved: number;
  retentionPrunedRemoved: number;
  untiedRemoved: number;
  rowsWithoutFilesRemoved: number;
  filesWithoutRowsRemoved: number;
  cancelled: boolean;
}

export interface SweepOptions {
  now: Date;
  batchSize?: number;
  isCancelled?: () => boolean;
  onProgress?: (message: string, removed: number) => void;
}

/** attachment_cleanup's work: each kind of orphan, in batches. */
export async function sweepAttachments(options: SweepOptions): Promise<SweepResult> {
  const { now, batchSize = 500, isCancelled = () => false, onProgress } = options;
  const pool = getPool();
  const result: SweepResult = { linked: 0, softDeletedRemoved: 0, retentionPrunedRemoved: 0, untiedRemoved: 0, rowsWithoutFilesRemoved: 0, filesWithoutRowsRemoved: 0, cancelled: false };
  const removedSoFar = () => result.softDeletedRemoved + result.retentionPrunedRemoved + result.untiedRemoved + result.rowsWithoutFilesRemoved + result.filesWithoutRowsRemoved;

  // Uploads whose event has arrived since learn its time.
  const linked = await pool.query(
    `UPDATE attachments a SET event_occurred_at = e.occurred_at FROM events e
      WHERE a.event_occurred_at IS NULL AND a.deleted_at IS NULL AND e.project_id = a.project_id AND e.id = a.event_id`,
  );
  result.linked = linked.rowCount ?? 0;

  // Each pass selects a batch ($1: its size, $2: the instant it measures age against).
  const passes: Array<{ key: "softDeletedRemoved" | "retentionPrunedRemoved" | "untiedRemoved"; label: string; sql: string; before?: Date }> = [
    {
      key: "softDeletedRemoved",
      label: "deleted attachments past their 7-day grace",
      sql: `SELECT id, project_id FROM attachments WHERE deleted_at < $2 ORDER BY id LIMIT $1`,
      before: graceCutoff(now),
    },
    {
      // The event was there and is gone: retention or db_pruning removed it.
      key: "retentionPrunedRemoved",
      label: "attachments whose events were pruned",
      sql: `SELECT a.id, a.project_id FROM attachments a
             WHERE a.event_occurred_at IS NOT NULL
               AND NOT EXISTS (SELECT 1 FROM events e WHERE e.project_id = a.project_id AND e.id = a.event_id AND e.occurred_at = a.event_occurred_at)
             ORDER BY a.id LIMIT $1`,
    },
    {
      key: "untiedRemoved",
      label: "uploads never tied to an event",
      sql: `SELECT a.id, a.project_id FROM attachments a
             WHERE a.event_occurred_at IS NULL AND a.created_at < $2
               AND NOT EXISTS (SELECT 1 FROM events e WHERE e.project_id = a.project_id AND e.id = a.event_id)
             ORDER BY a.id LIMIT $1`,
      before: new Date(now.getTime() - UNTIED_GRACE_MS),
    },
  ];
  for (const pass of passes) {
    for (;;) {
      if (isCancelled()) return { ...result, cancelled: true };
      const { rows } = await pool.query<AttachmentRow>(pass.sql, pass.before ? [batchSize, pass.before] : [batchSize]);
      const removed = await removeAttachments(rows);
      result[pass.key] += removed;
      if (removed > 0) onProgress?.(`Removed ${result[pass.key]} ${pass.label}`, removedSoFar());
      if (rows.length < batchSize) break;
    }
  }

  // Rows whose file is gone (a lost disk, a crash before the rename), past the in-flight grace.
  const inFlightBefore = new Date(now.getTime() - IN_FLIGHT_GRACE_MS);
  let after = "00000000-0000-0000-0000-000000000000";
  for (;;) {
    if (isCancelled()) return { ...result, cancelled: true };
    const { rows } = await pool.query<AttachmentRow>(`SELECT id, project_id FROM attachments WHERE id > $1 AND created_at < $2 ORDER BY id LIMIT $3`, [after, inFlightBefore, batchSize]);
    const missing: AttachmentRow[] = [];
    for (const row of rows) if (!(await exists(attachmentPath(row.project_id, row.id)))) missing.push(row);
    result.rowsWithoutFilesRemoved += await removeAttachments(missing);
    if (missing.length > 0) onProgress?.(`Removed ${plural(result.rowsWithoutFilesRemoved, "record")} without files`, removedSoFar());
    if (rows.length < batchSize) break;
    after = rows[rows.length - 1]!.id;
  }

  // Files no row names (an upload that crashed before its row, a row deleted by hand).
  result.filesWithoutRowsRemoved = await removeStrayFiles(inFlightBefore, isCancelled);
  if (result.filesWithoutRowsRemoved > 0) onProgress?.(`Removed ${plural(result.filesWithoutRowsRemoved, "file")} without records`, removedSoFar());
  return { ...result, cancelled: isCancelled() };
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

// Only names Taskdeck writes (<uuid>/<uuid> and <uuid>/<uuid>.part) are touched: anything else in
// the directory is someone else's.
async function removeStrayFiles(olderThan: Date, isCancelled: () => boolean): Promise<number> {
  const root = attachmentsRoot();
  const projects = await readdir(root).catch(() => [] as string[]);
  let removed = 0;
  for (const projectId of projects) {
    if (!UUID.test(projectId) || isCancelled()) continue;
    const names = await readdir(path.join(root, projectId)).catch(() => [] as string[]);
    const candidates = names.filter((name) => UUID.test(name.replace(/\.part$/, "")));
    for (let start = 0; start < candidates.length; start += 500) {
      const chunk = candidates.slice(start, start + 500);
      const { rows } = await getPool().query<{ id: string }>(`SELECT id::text FROM attachments WHERE project_id = $1 AND id = ANY($2::uuid[])`, [
        projectId,
        chunk.map((name) => name.replace(/\.part$/, "")),
      ]);
      const known = new Set(rows.map((row) => row.id));
      for (const name of chunk) {
        const file = path.join(root, projectId, name);
        // A .part file is an upload in progress or one that crashed; a final file needs its row.
        const stray = name.endsWith(".part") || !known.has(name);
        if (!stray) continue;
        const info = await stat(file).catch(() => null);
        if (!info || info.mtime.getTime() >= olderThan.getTime()) continue;
        await unlink(file).catch(() => undefined);
        removed += 1;
      }
    }
  }
  return removed;
}
