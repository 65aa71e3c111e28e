// Ingest against real PostgreSQL: ingest keys authenticate only while live, a batch's valid items
// are stored and each bad one is listed with its reason (writing nothing for it), resent ids are
// duplicates, and a month without a partition gets one on demand.
import { afterAll, describe, expect, it } from "vitest";
import { disconnectPrisma, prisma } from "@/lib/db/prisma";
import { closePool, getPool } from "@/lib/db/pool";
import { authenticateIngestKey, createIngestKey, deleteIngestKey, restoreIngestKey, revokeIngestKey } from "@/lib/events/ingest-keys";
import { ingestBatch } from "@/lib/events/ingest";
import { dropPartition, listPartitions } from "@/lib/events/partitions";
import { createApp } from "@/lib/apps/apps";
import { createProject, createUser } from "../helpers/fixtures";

afterAll(async () => {
  await disconnectPrisma();
  await closePool();
});

const count = async (table: string, projectId: string) => Number((await getPool().query(`SELECT count(*) FROM ${table} WHERE project_id = $1`, [projectId])).rows[0].count);

async function projectWithKey() {
  const { team, project } = await createProject();
  const admin = await createUser("admin", team.id);
  const { key } = await createIngestKey(project.id, admin.id, { name: "iOS app" });
  const actor = (await authenticateIngestKey(key))!;
  return { team, project, key, actor };
}

describe("ingest keys", () => {
  it("are stored hashed and stop working when revoked, deleted, or their project is deleted", async () => {
    const { project, key, actor } = await projectWithKey();
    expect(key).toMatch(/^tdi_[A-Za-z0-9_-]{40}$/);
    expect(actor).toMatchObject({ projectId: project.id, appId: null });
    const { rows } = await getPool().query(`SELECT * FROM ingest_keys WHERE id = $1`, [actor.keyId]);
    expect(JSON.stringify(rows[0])).not.toContain(key.slice(12));
    for (const wrong of [`${key}x`, key.slice(0, -1), "tdi_", "tdk_abc"]) expect(await authenticateIngestKey(wrong)).toBeNull();

    await deleteIngestKey(project.id, actor.keyId);
    expect(await authenticateIngestKey(key)).toBeNull();
    await restoreIngestKey(project.id, actor.keyId);
    expect(await authenticateIngestKey(key)).not.toBeNull();
    await prisma.project.update({ where: { id: project.id }, data: { deletedAt: new Date() } });
    expect(await authenticateIngestKey(key)).toBeNull();
    await prisma.project.update({ where: { id: project.id }, data: { deletedAt: null } });
    await revokeIngestKey(project.id, actor.keyId);
    expect(await authenticateIngestKey(key)).toBeNull();
  });
});

describe("a batch", () => {
  it("stores its valid items and lists each rejected one with its index and reason", async () => {
    const { project, actor } = await projectWithKey();
    const now = new Date();
    const at = (msAgo: number) => new Date(now.getTime() - msAgo).toISOString();
    const result = await ingestBatch(
      actor,
      [
        { kind: "event", name: "screen_view", timestamp: at(1000), properties: { screen: "Home" } },
        { kind: "event", name: "crash", level: "error", timestamp: at(2000), error: { type: "TypeError", stack: "at main()" } },
        { kind: "metric", metric: "photo-upload", phase: "complete", durationMs: 830, timestamp: at(3000) },
        { kind: "funnel", funnel: "onboarding", step: "welcome", stepIndex: 0, timestamp: at(4000) },
        { kind: "event", timestamp: at(1000) },
        { kind: "event", name: "x", timestamp: new Date(now.getTime() + 25 * 3600_000).toISOString() },
        { kind: "event", name: "old", timestamp: at(91 * 86_400_000) },
        { kind: "pageview", name: "x", timestamp: at(1) },
        { kind: "event", name: "x", timestamp: "yesterday" },
        { kind: "event", name: "x", timestamp: at(1), appId: "6f1c2a57-7c2e-4a43-9c57-9b0f3e1e2d11" },
        { kind: "event", name: "x", timestamp: at(1), error: { type: "E" } },
        { kind: "event", name: "x", timestamp: at(1), surprise: true },
        "not an object",
      ],
      now,
    );
    expect(result.stored).toBe(4);
    expect(result.duplicates).toBe(0);
    expect(result.rejected.map((item) => item.index)).toEqual([4, 5, 6, 7, 8, 9, 10, 11, 12]);
    const reasons = Object.fromEntries(result.rejected.map((item) => [item.index, item.reason]));
    expect(reasons[4]).toMatch(/^name:/);
    expect(reasons[5]).toMatch(/future/);
    expect(reasons[6]).toMatch(/older than this project's 90-day retention/);
    expect(reasons[7]).toMatch(/kind must be event, metric or funnel/);
    expect(reasons[8]).toMatch(/^timestamp: timestamp must be an ISO 8601/);
    expect(reasons[9]).toMatch(/not an app of this project/);
    expect(reasons[10]).toMatch(/level/);
    expect(reasons[11]).toMatch(/surprise/);
    expect([await count("events", project.id), await count("metric_events", project.id), await count("funnel_events", project.id)]).toEqual([2, 1, 1]);
    const crash = (await getPool().query(`SELECT level, error_type, error_stack, environment FROM events WHERE project_id = $1 AND name = 'crash'`, [project.id])).rows[0];
    expect(crash).toEqual({ level: "error", error_type: "TypeError", error_stack: "at main()", environment: "production" });
  });

  it("stores every field exactly as sent, whatever characters the text holds", async () => {
    const { project, actor } = await projectWithKey();
    const app = await createApp(project.id, { name: "Demo iOS", platform: "apple", bundleId: "com.example.fields", appleAppStoreId: "" });
    const now = new Date();
    const at = new Date(now.getTime() - 1234).toISOString();
    // What an array literal must escape, or must not mistake for its own syntax.
    const tricky = `say "hi" \\ {a,b} NULL 'quoted' é 😀 \ud800 tab\tend`;
    const result = await ingestBatch(
      actor,
      [
        { kind: "event", id: "0b9a3f5e-3c1d-4f7a-9e2b-5d8c7a6b4e21", appId: app.id, name: tricky, level: "error", message: "NULL", timestamp: at, environment: "development", appVersion: "2.1.0", sessionId: "", userId: '"', properties: { quote: '"', slash: "\\", nested: { list: [1, null, "{}"] } }, error: { type: "Type\u0000Error", stack: tricky, fingerprint: "fp" } },
        { kind: "metric", appId: app.id, metric: "upload", phase: "complete", value: -0.125, durationMs: 2_147_483_647, timestamp: at },
        { kind: "metric", metric: "launch", value: 1e21, timestamp: at, properties: { n: 1 } },
        { kind: "funnel", funnel: "onboarding", step: "a,b", stepIndex: 1000, timestamp: at },
      ],
      now,
    );
    expect(result).toEqual({ stored: 4, duplicates: 0, rejected: [] });
    const event = (await getPool().query(`SELECT * FROM events WHERE project_id = $1`, [project.id])).rows[0];
    // A lone surrogate cannot be UTF-8: it arrives as U+FFFD, as it always did.
    expect(event).toMatchObject({ id: "0b9a3f5e-3c1d-4f7a-9e2b-5d8c7a6b4e21", app_id: app.id, name: tricky.replace("\ud800", "\ufffd"), level: "error", message: "NULL", environment: "development" });
    expect(event).toMatchObject({ app_version: "2.1.0", session_id: "", app_user_id: '"', error_type: "TypeError", fingerprint: expect.stringMatching(/^[0-9a-f]{32}$/) });
    expect(event.occurred_at.toISOString()).toBe(at);
    expect(event.error_stack).toBe(event.name);
    expect(event.properties).toEqual({ quote: '"', slash: "\\", nested: { list: [1, null, "{}"] } });
    const metrics = (await getPool().query(`SELECT app_id, metric, phase, value, duration_ms, properties FROM metric_events WHERE project_id = $1 ORDER BY metric`, [project.id])).rows;
    expect(metrics).toEqual([
      { app_id: null, metric: "launch", phase: "record", value: 1e21, duration_ms: null, properties: { n: 1 } },
      { app_id: app.id, metric: "upload", phase: "complete", value: -0.125, duration_ms: 2_147_483_647, properties: {} },
    ]);
    const funnel = (await getPool().query(`SELECT funnel, step, step_index FROM funnel_events WHERE project_id = $1`, [project.id])).rows;
    expect(funnel).toEqual([{ funnel: "onboarding", step: "a,b", step_index: 1000 }]);
  });

  it("counts a resent id as a duplicate instead of storing it twice", async () => {
    const { project, actor } = await projectWithKey();
    const item = { kind: "event", id: "0b9a3f5e-3c1d-4f7a-9e2b-5d8c7a6b4e21", name: "tap", timestamp: new Date().toISOString() };
    expect(await ingestBatch(actor, [item])).toEqual({ stored: 1, duplicates: 0, rejected: [] });
    expect(await ingestBatch(actor, [item, item])).toEqual({ stored: 0, duplicates: 2, rejected: [] });
    expect(await count("events", project.id)).toBe(1);
  });

  it("creates the partition of a month that has none", async () => {
    const { project, actor } = await projectWithKey();
    await prisma.project.update({ where: { id: project.id }, data: { eventsRetentionDays: 3650 } });
    const past = new Date(Date.UTC(2024, 1, 15));
    expect((await listPartitions()).map((partition) => partition.name)).not.toContain("events_2024_02");
    expect(await ingestBatch(actor, [{ kind: "event", name: "late", timestamp: past.toISOString() }])).toMatchObject({ stored: 1 });
    expect((await listPartitions()).map((partition) => partition.name)).toContain("events_2024_02");

    // Dropped since this process saw it (retention, db_pruning in another process): created again.
    await dropPartition({ table: "events", name: "events_2024_02" });
    expect(await ingestBatch(actor, [{ kind: "event", name: "later still", timestamp: past.toISOString() }])).toMatchObject({ stored: 1 });
    expect((await listPartitions()).map((partition) => partition.name)).toContain("events_2024_02");
  });
});
