// Project ingest keys (PRODUCT.md "REST API v1", ingest): what an app sends its events with.
// Created in project settings, shown once, stored as a SHA-256 hash, revocable, and soft-deleted
// (restorable for 7 days) like projects and apps. Optionally bound to one app of the project.
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { hashKey } from "@/lib/auth/api-keys";
import { getPool } from "@/lib/db/pool";
import { prisma } from "@/lib/db/prisma";
import { AppError, invalid } from "@/lib/errors";
import { nameSchema } from "@/lib/validation";
import { graceCutoff } from "@/lib/accounts/grace";

export const INGEST_KEY_PREFIX = "tdi_";
const SHOWN_CHARACTERS = 12;
const LAST_USED_RESOLUTION_SECONDS = 60;

export const createIngestKeySchema = z.strictObject({
  name: nameSchema("name"),
  appId: z.uuid({ error: "appId must be one of the project's apps" }).nullable().default(null),
});

export type CreateIngestKeyInput = z.input<typeof createIngestKeySchema>;

export interface IngestKeyView {
  id: string;
  name: string;
  prefix: string;
  app: { id: string; name: string } | null;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  deletedAt: string | null;
  createdBy: string | null;
}

const select = {
  id: true,
  name: true,
  prefix: true,
  createdAt: true,
  lastUsedAt: true,
  revokedAt: true,
  deletedAt: true,
  app: { select: { id: true, name: true } },
  createdBy: { select: { name: true, email: true } },
} as const;

type Row = { id: string; name: string; prefix: string; createdAt: Date; lastUsedAt: Date | null; revokedAt: Date | null; deletedAt: Date | null; app: { id: string; name: string } | null; createdBy: { name: string | null; email: string } | null };

function view(row: Row): IngestKeyView {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    app: row.app,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
    deletedAt: row.deletedAt?.toISOString() ?? null,
    createdBy: row.createdBy ? (row.createdBy.name ?? row.createdBy.email) : null,
  };
}

/** Creates a key and returns it in clear: the only time anyone sees it. */
export async function createIngestKey(projectId: string, createdById: string | null, input: CreateIngestKeyInput): Promise<{ key: string; record: IngestKeyView }> {
  const parsed = createIngestKeySchema.safeParse(input);
  if (!parsed.success) throw invalid("bad_request", "Please correct the highlighted fields", parsed.error);
  const { name, appId } = parsed.data;
  if (appId && !(await prisma.app.findFirst({ where: { id: appId, projectId, deletedAt: null }, select: { id: true } }))) {
    throw new AppError("bad_request", "That app is not one of this project's apps", { issues: [{ path: "appId", message: "not one of this project's apps" }] });
  }
  const key = `${INGEST_KEY_PREFIX}${randomBytes(30).toString("base64url")}`;
  const record = await prisma.ingestKey.create({ data: { projectId, appId, name, createdById, prefix: key.slice(0, SHOWN_CHARACTERS), hash: hashKey(key) }, select });
  return { key, record: view(record) };
}

/** The project's keys: live ones first (newest first), then those deleted within the grace period. */
export async function listIngestKeys(projectId: string, now = new Date()): Promise<IngestKeyView[]> {
  const restorableSince = graceCutoff(now);
  const rows = await prisma.ingestKey.findMany({
    where: {
      projectId,
      AND: [{ OR: [{ deletedAt: null }, { deletedAt: { gte: restorableSince } }] }, { OR: [{ app: null }, { app: { deletedAt: null } }] }],
    },
    orderBy: [{ deletedAt: { sort: "desc", nulls: "first" } }, { revokedAt: { sort: "desc", nulls: "first" } }, { createdAt: "desc" }],
    select,
  });
  return rows.map(view);
}

async function keyOf(projectId: string, keyId: string) {
  const key = z.uuid().safeParse(keyId).success ? await prisma.ingestKey.findFirst({ where: { id: keyId, projectId }, select: { id: true, revokedAt: true, deletedAt: true } }) : null;
  if (!key) throw new AppError("not_found", "Ingest key not found");
  return key;
}

/** Stops the key working at once; revoking twice is harmless. */
export async function revokeIngestKey(projectId: string, keyId: string): Promise<void> {
  const key = await keyOf(projectId, keyId);
  if (!key.revokedAt) await prisma.ingestKey.updateMany({ where: { id: key.id, revokedAt: null }, data: { revokedAt: new Date() } });
}

/** Hides the key and stops it working; restorable for 7 days, then soft_delete_cleanup removes it. */
export async function deleteIngestKey(projectId: string, keyId: string): Promise<void> {
  const key = await keyOf(projectId, keyId);
  if (!key.deletedAt) await prisma.ingestKey.updateMany({ where: { id: key.id, deletedAt: null }, data: { deletedAt: new Date() } });
}

export async function restoreIngestKey(projectId: string, keyId: string, now = new Date()): Promise<void> {
  const key = await keyOf(projectId, keyId);
  if (!key.deletedAt) return;
  if (key.deletedAt.getTime() < graceCutoff(now).getTime()) throw new AppError("not_found", "This key's 7 days have passed; it can no longer be restored");
  await prisma.ingestKey.updateMany({ where: { id: key.id }, data: { deletedAt: null } });
}

/** Who is sending: an ingest key's project, and the app its events belong to when it is bound to one. */
export interface IngestActor {
  keyId: string;
  projectId: string;
  appId: string | null;
}

/**
 * The live key behind a bearer token, or null. A revoked or deleted key, or one of a deleted
 * project or app, is no key at all. One statement, which records use at most once a minute.
 */
export async function authenticateIngestKey(token: string): Promise<IngestActor | null> {
  if (!token.startsWith(INGEST_KEY_PREFIX) || token.length > 200) return null;
  const { rows } = await getPool().query<{ id: string; project_id: string; app_id: string | null }>(
    `WITH key AS (
       SELECT k.id, k.project_id, k.app_id, k.last_used_at FROM ingest_keys k
         JOIN projects p ON p.id = k.project_id AND p.deleted_at IS NULL
         LEFT JOIN apps a ON a.id = k.app_id
        WHERE k.hash = $1 AND k.revoked_at IS NULL AND k.deleted_at IS NULL AND (k.app_id IS NULL OR a.deleted_at IS NULL)),
     touched AS (
       UPDATE ingest_keys SET last_used_at = now() FROM key
        WHERE ingest_keys.id = key.id AND (key.last_used_at IS NULL OR key.last_used_at < now() - make_interval(secs => $2)))
     SELECT id, project_id, app_id FROM key`,
    [hashKey(token), LAST_USED_RESOLUTION_SECONDS],
  );
  const row = rows[0];
  return row ? { keyId: row.id, projectId: row.project_id, appId: row.app_id } : null;
}
