// API keys and rate limits against real PostgreSQL: keys are stored as hashes only, revoked keys
// stop working, last-used is written at most once a minute, and the per-key limit holds.
import { afterAll, describe, expect, it } from "vitest";
import { prisma, disconnectPrisma } from "@/lib/db/prisma";
import { closePool, getPool } from "@/lib/db/pool";
import { checkRateLimit } from "@/lib/api/rate-limit";
import { authenticateApiKey, createApiKey, listApiKeys, revokeApiKey } from "@/lib/auth/api-keys";
import { createProject, createUser } from "../helpers/fixtures";

afterAll(async () => {
  await disconnectPrisma();
  await closePool();
});

const rowVersion = async (id: string) => (await getPool().query<{ xmin: string }>(`SELECT xmin::text FROM api_keys WHERE id = $1`, [id])).rows[0]?.xmin;

describe("API keys", () => {
  it("are stored as a hash and a prefix, never in clear", async () => {
    const { team } = await createProject();
    const admin = await createUser("admin", team.id);
    const { key, record } = await createApiKey(team.id, admin.id, { name: "CI" });
    expect(key).toMatch(/^tdk_[A-Za-z0-9_-]{40}$/);
    expect(record).toMatchObject({ name: "CI", prefix: key.slice(0, 12), permissions: ["jobs:read", "jobs:write"] });
    const { rows } = await getPool().query(`SELECT * FROM api_keys WHERE id = $1`, [record.id]);
    expect(JSON.stringify(rows[0])).not.toContain(key.slice(12));
    expect((await listApiKeys(team.id)).map((listed) => listed.name)).toEqual(["CI"]);
  });

  it("authenticate while active, and not once revoked, mistyped or malformed", async () => {
    const { team } = await createProject();
    const admin = await createUser("admin", team.id);
    const { key, record } = await createApiKey(team.id, admin.id, { name: "agent", permissions: ["jobs:read"], rateLimitPerMinute: 120 });
    expect(await authenticateApiKey(key)).toEqual({ id: record.id, teamId: team.id, name: "agent", permissions: ["jobs:read"], createdById: admin.id, rateLimitPerMinute: 120 });
    for (const wrong of [`${key}x`, key.slice(0, -1), "tdk_", "not-a-key", `tdk_${"x".repeat(300)}`]) expect(await authenticateApiKey(wrong)).toBeNull();
    await revokeApiKey(team.id, record.id);
    expect(await authenticateApiKey(key)).toBeNull();
  });

  it("refuse bad names and permissions, writing nothing", async () => {
    const { team } = await createProject();
    for (const input of [{ name: "" }, { name: "x".repeat(101) }, { name: "ok", permissions: [] }, { name: "ok", permissions: ["jobs:admin"] }, { name: "ok", rateLimitPerMinute: 0 }]) {
      await expect(createApiKey(team.id, null, input as never)).rejects.toThrow();
    }
    expect(await prisma.apiKey.count({ where: { teamId: team.id } })).toBe(0);
  });

  it("cannot be revoked through another team", async () => {
    const mine = await createProject();
    const theirs = await createProject();
    const { key, record } = await createApiKey(theirs.team.id, null, { name: "theirs" });
    await expect(revokeApiKey(mine.team.id, record.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(revokeApiKey(mine.team.id, "not-an-id")).rejects.toMatchObject({ code: "not_found" });
    expect(await authenticateApiKey(key)).not.toBeNull();
  });

  it("record their last use at most once a minute, not on every request", async () => {
    const { team } = await createProject();
    const { key, record } = await createApiKey(team.id, null, { name: "busy" });
    await authenticateApiKey(key);
    const first = await prisma.apiKey.findUniqueOrThrow({ where: { id: record.id } });
    expect(first.lastUsedAt).toBeInstanceOf(Date);
    const version = await rowVersion(record.id);
    for (let request = 0; request < 20; request += 1) await authenticateApiKey(key);
    // The row was not written again: same tuple version, same timestamp.
    expect(await rowVersion(record.id)).toBe(version);
    expect((await prisma.apiKey.findUniqueOrThrow({ where: { id: record.id } })).lastUsedAt).toEqual(first.lastUsedAt);

    await prisma.apiKey.update({ where: { id: record.id }, data: { lastUsedAt: new Date(Date.now() - 2 * 60_000) } });
    await authenticateApiKey(key);
    const later = await prisma.apiKey.findUniqueOrThrow({ where: { id: record.id } });
    expect(later.lastUsedAt!.getTime()).toBeGreaterThan(Date.now() - 10_000);
  });
});

describe("rate limits", () => {
  it("allow a key its minute's budget, then refuse with a wait in seconds; other keys are unaffected", async () => {
    const { team } = await createProject();
    const { record: busy } = await createApiKey(team.id, null, { name: "busy" });
    const { record: quiet } = await createApiKey(team.id, null, { name: "quiet" });
    const verdicts = [];
    for (let request = 0; request < 6; request += 1) verdicts.push(await checkRateLimit(busy.id, 5));
    expect(verdicts.map((verdict) => verdict.allowed)).toEqual([true, true, true, true, true, false]);
    // At 5 a minute, one more request is allowed every 12 seconds.
    expect(verdicts[5]!.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(verdicts[5]!.retryAfterSeconds).toBeLessThanOrEqual(12);
    expect((await checkRateLimit(quiet.id, 5)).allowed).toBe(true);
  });

  it("keep their state in an unlogged PostgreSQL table, where every web process sees it", async () => {
    const { team } = await createProject();
    const { record } = await createApiKey(team.id, null, { name: "shared" });
    expect((await checkRateLimit(record.id, 1)).allowed).toBe(true);
    const { rows } = await getPool().query<{ persistence: string; ahead: number }>(
      `SELECT (SELECT relpersistence FROM pg_class WHERE relname = 'api_rate_limits')::text AS persistence,
              extract(epoch FROM tat - now())::float AS ahead
         FROM api_rate_limits WHERE api_key_id = $1`,
      [record.id],
    );
    expect(rows[0]?.persistence).toBe("u");
    // One request at 1 a minute moves the key's next slot a minute ahead.
    expect(rows[0]?.ahead).toBeGreaterThan(55);
    // A fresh pool, as another web process would have, sees the same budget spent.
    await closePool();
    expect((await checkRateLimit(record.id, 1)).allowed).toBe(false);
  });
});
