// API keys (PRODUCT.md "Access"): created for a team, shown once, stored as a SHA-256 hash,
// accepted as `Authorization: Bearer <key>`, revocable. Shared by the settings page, the admin CLI
// and the API's authentication.
import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import { AppError, invalid } from "@/lib/errors";
import { prisma } from "@/lib/db/prisma";
import { getPool } from "@/lib/db/pool";
import { nameSchema } from "@/lib/validation";
import { defaultKeyPermissions, permissionsSchema, type Permission } from "@/lib/auth/permissions";

const KEY_PREFIX = "tdk_";
/** How many leading characters of a key are kept in clear, to tell keys apart in lists. */
const SHOWN_CHARACTERS = 12;
// Last-used is written at most this often per key, so authenticating costs no write per request.
const LAST_USED_RESOLUTION_SECONDS = 60;

export const createKeySchema = z
  .object({
    name: nameSchema("name"),
    permissions: permissionsSchema.default(defaultKeyPermissions),
    rateLimitPerMinute: z
      .number({ error: "rateLimitPerMinute must be a number" })
      .int("rateLimitPerMinute must be a whole number")
      .min(1, "rateLimitPerMinute must be at least 1")
      .max(100_000, "rateLimitPerMinute must be at most 100000")
      .nullable()
      .default(null),
  })
  .strict();

export type CreateKeyInput = z.input<typeof createKeySchema>;

/** What an authenticated key may do, and on whose behalf (its creator receives notify emails). */
export interface KeyActor {
  id: string;
  teamId: string;
  name: string;
  permissions: Permission[];
  createdById: string | null;
  rateLimitPerMinute: number | null;
}

export function hashKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

function newKey(): string {
  return `${KEY_PREFIX}${randomBytes(30).toString("base64url")}`;
}

/** Creates a key and returns it in clear: the only time anyone sees it. */
export async function createApiKey(teamId: string, createdById: string | null, input: CreateKeyInput) {
  const result = createKeySchema.safeParse(input);
  if (!result.success) throw invalid("bad_request", "Invalid API key", result.error);
  const parsed = result.data;
  const key = newKey();
  const record = await prisma.apiKey.create({
    data: { teamId, createdById, name: parsed.name, permissions: parsed.permissions, rateLimitPerMinute: parsed.rateLimitPerMinute, prefix: key.slice(0, SHOWN_CHARACTERS), hash: hashKey(key) },
    select: { id: true, name: true, prefix: true, permissions: true, createdAt: true },
  });
  return { key, record };
}

export async function listApiKeys(teamId: string) {
  return prisma.apiKey.findMany({
    where: { teamId },
    orderBy: [{ revokedAt: { sort: "desc", nulls: "first" } }, { createdAt: "desc" }],
    select: {
      id: true,
      name: true,
      prefix: true,
      permissions: true,
      rateLimitPerMinute: true,
      createdAt: true,
      lastUsedAt: true,
      revokedAt: true,
      createdBy: { select: { name: true, email: true } },
    },
  });
}

export type ApiKeySummary = Awaited<ReturnType<typeof listApiKeys>>[number];

/** Revokes a key of the team; revoking an already revoked key is harmless. Unknown keys are 404. */
export async function revokeApiKey(teamId: string, keyId: string): Promise<void> {
  if (!z.uuid().safeParse(keyId).success) throw new AppError("not_found", "API key not found");
  const key = await prisma.apiKey.findFirst({ where: { id: keyId, teamId }, select: { revokedAt: true } });
  if (!key) throw new AppError("not_found", "API key not found");
  if (!key.revokedAt) await prisma.apiKey.update({ where: { id: keyId }, data: { revokedAt: new Date() } });
}

interface KeyRow {
  id: string;
  team_id: string;
  name: string;
  permissions: string[];
  created_by_id: string | null;
  rate_limit_per_minute: number | null;
}

/**
 * The key behind a bearer token, or null for an unknown or revoked key. One statement: it reads the
 * key and, at most once a minute, records that it was used.
 */
export async function authenticateApiKey(token: string): Promise<KeyActor | null> {
  if (!token.startsWith(KEY_PREFIX) || token.length > 200) return null;
  const { rows } = await getPool().query<KeyRow>(
    `WITH key AS (
       SELECT id, team_id, name, permissions, created_by_id, rate_limit_per_minute, last_used_at
         FROM api_keys WHERE hash = $1 AND revoked_at IS NULL),
     touched AS (
       UPDATE api_keys SET last_used_at = now() FROM key
        WHERE api_keys.id = key.id AND (key.last_used_at IS NULL OR key.last_used_at < now() - make_interval(secs => $2)))
     SELECT id, team_id, name, permissions, created_by_id, rate_limit_per_minute FROM key`,
    [hashKey(token), LAST_USED_RESOLUTION_SECONDS],
  );
  const row = rows[0];
  if (!row) return null;
  return {
    id: row.id,
    teamId: row.team_id,
    name: row.name,
    permissions: permissionsSchema.catch([]).parse(row.permissions),
    createdById: row.created_by_id,
    rateLimitPerMinute: row.rate_limit_per_minute,
  };
}
