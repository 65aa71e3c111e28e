// The demo traffic (scripts/lib/demo-events/) against real PostgreSQL: the same seed and clock give
// the same items; every item is valid and stored through the demo ingest key; each demo app gets
// rows in all three tables over at least three months, releases that follow each other, funnels
// that lose people step by step; errors come from a handful of recurring stacks, one only in the
// newest version and one fixed before it; the attachments belong to error events and are accepted.
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { overrideEnv } from "@/lib/env";
import { prisma } from "@/lib/db/prisma";
import { getPool } from "@/lib/db/pool";
import { storeAttachment } from "@/lib/events/attachments";
import { authenticateIngestKey, type IngestActor } from "@/lib/events/ingest-keys";
import { ingestBatch } from "@/lib/events/ingest";
import { ingestItemSchema, MAX_BATCH_ITEMS, type IngestResult } from "@/lib/events/schemas";
import { eventTables } from "@/lib/events/tables";
import { demo, seedDemo } from "@/prisma/seed";
import { findDemoProject, type DemoProject } from "@/scripts/lib/demo-events/demo-project";
import { DEMO_EVENT_DAYS, generateDemoTraffic, type DemoTraffic } from "@/scripts/lib/demo-events/generate";
import { releaseAll } from "../helpers/teardown";

const DAY = 86_400_000;
// A fixed clock (ingestBatch takes it too), so the traffic and every count below are the same on each run.
const now = new Date("2026-12-01T20:30:00Z");
let project: DemoProject;
let traffic: DemoTraffic;
let actor: IngestActor;
let results: IngestResult[];

const query = async <Row extends object>(sql: string, values: unknown[] = [project.projectId]) => (await getPool().query<Row>(sql, values)).rows;
const newestFirst = (versions: string[]) => [...versions].sort((a, b) => b.localeCompare(a, "en", { numeric: true }));

beforeAll(async () => {
  overrideEnv({ ATTACHMENTS_DIR: await mkdtemp(path.join(tmpdir(), "taskdeck-demo-events-")) });
  await seedDemo(prisma);
  project = (await findDemoProject())!;
  traffic = generateDemoTraffic({ apps: project.apps, now });
  actor = (await authenticateIngestKey(demo.ingestKey.key))!;
  results = [];
  for (let first = 0; first < traffic.items.length; first += MAX_BATCH_ITEMS) results.push(await ingestBatch(actor, traffic.items.slice(first, first + MAX_BATCH_ITEMS), now));
}, 120_000);
afterAll(() => releaseAll());

describe("the demo traffic", () => {
  it("is the same for the same seed and clock, and another for another seed", () => {
    expect(project.hasEvents).toBe(false);
    const again = generateDemoTraffic({ apps: project.apps, now });
    expect(JSON.stringify(again)).toBe(JSON.stringify(traffic));
    const other = generateDemoTraffic({ apps: project.apps, now, seed: 12 });
    expect(other.items[0]!.id).not.toBe(traffic.items[0]!.id);
    expect(other.items.length).not.toBe(traffic.items.length);
  });

  it("is a few tens of thousands of valid items with unique ids, oldest first, inside the retention window", () => {
    expect(traffic.items.length).toBeGreaterThan(20_000);
    expect(traffic.items.length).toBeLessThan(60_000);
    expect(traffic.items.filter((item) => !ingestItemSchema.safeParse(item).success)).toEqual([]);
    expect(new Set(traffic.items.map((item) => item.id)).size).toBe(traffic.items.length);
    const times = traffic.items.map((item) => Date.parse(item.timestamp));
    expect(times.every((time, index) => index === 0 || time >= times[index - 1]!)).toBe(true);
    expect(times[0]!).toBeGreaterThanOrEqual(now.getTime() - (DEMO_EVENT_DAYS * DAY + 3600_000));
    expect(times.at(-1)!).toBeLessThanOrEqual(now.getTime());
  });

  it("is all stored through the demo ingest key, and a resent batch is all duplicates", async () => {
    expect(actor).toMatchObject({ projectId: project.projectId, appId: null });
    expect(results.flatMap((result) => result.rejected)).toEqual([]);
    expect(results.reduce((sum, result) => sum + result.stored, 0)).toBe(traffic.items.length);
    const stored = await query<{ count: string }>(eventTables.map((table) => `SELECT count(*) FROM ${table} WHERE project_id = $1`).join(" UNION ALL "));
    expect(stored.reduce((sum, row) => sum + Number(row.count), 0)).toBe(traffic.items.length);
    expect(await ingestBatch(actor, traffic.items.slice(0, 100), now)).toEqual({ stored: 0, duplicates: 100, rejected: [] });
    expect((await findDemoProject())!.hasEvents).toBe(true);
  });

  it("gives each demo app rows in all three tables across at least three months", async () => {
    expect(project.apps.map((app) => app.platform).sort()).toEqual(["android", "apple"]);
    for (const table of eventTables) {
      const months = await query<{ app_id: string; months: number }>(
        `SELECT app_id, count(DISTINCT date_trunc('month', occurred_at AT TIME ZONE 'UTC'))::int AS months FROM ${table} WHERE project_id = $1 GROUP BY app_id`,
      );
      expect(months.map((row) => row.app_id).sort()).toEqual(project.apps.map((app) => app.id).sort());
      for (const row of months) expect(row.months, `${table} of app ${row.app_id}`).toBeGreaterThanOrEqual(3);
    }
  });

  it("has sessions of returning users on releases that follow each other, and funnels that lose people", async () => {
    const sessions = await query<{ app_id: string; sessions: number; users: number }>(
      `SELECT app_id, count(DISTINCT session_id)::int AS sessions, count(DISTINCT app_user_id)::int AS users FROM events WHERE project_id = $1 GROUP BY app_id`,
    );
    for (const row of sessions) expect(row.sessions).toBeGreaterThan(2 * row.users);
    const releases = await query<{ app_id: string; app_version: string; first: Date }>(
      `SELECT app_id, app_version, min(occurred_at) AS first FROM events WHERE project_id = $1 AND environment = 'production' GROUP BY 1, 2 ORDER BY 1, 3`,
    );
    for (const app of project.apps) expect(releases.filter((row) => row.app_id === app.id).map((row) => row.app_version)).toEqual(["1.0.0", "1.1.0", "1.2.0"]);

    const steps = await query<{ funnel: string; step_index: number; people: number }>(
      `SELECT funnel, step_index, count(*)::int AS people FROM funnel_events WHERE project_id = $1 GROUP BY 1, 2 ORDER BY 1, 2`,
    );
    for (const funnel of ["onboarding", "purchase"]) {
      const counts = steps.filter((row) => row.funnel === funnel).map((row) => row.people);
      expect(counts).toHaveLength(4);
      expect(counts.every((count, index) => index === 0 || count < counts[index - 1]!)).toBe(true);
    }
    const phases = await query<{ metric: string; phases: string[] }>(`SELECT metric, array_agg(DISTINCT phase ORDER BY phase) AS phases FROM metric_events WHERE project_id = $1 GROUP BY 1`);
    expect(Object.fromEntries(phases.map((row) => [row.metric, row.phases]))).toEqual({
      "app-launch": ["complete", "fail", "start"],
      "image-cache-size": ["record"],
      "photo-upload": ["cancel", "complete", "fail", "start"],
    });
  });

  it("has errors from a handful of recurring stacks, one only in the newest version and one fixed before it", async () => {
    const stacks = await query<{ error_stack: string; count: number }>(`SELECT error_stack, count(*)::int AS count FROM events WHERE project_id = $1 AND level = 'error' GROUP BY 1`);
    expect(stacks.length).toBeGreaterThanOrEqual(5);
    expect(stacks.length).toBeLessThanOrEqual(6);
    for (const stack of stacks) expect(stack.count, stack.error_stack.split("\n")[0]).toBeGreaterThanOrEqual(5);
    expect(traffic.items.filter((item) => item.kind === "event" && item.error).every((item) => item.id !== undefined)).toBe(true);

    const types = await query<{ app_id: string; error_type: string; versions: string[] }>(
      `SELECT app_id, error_type, array_agg(DISTINCT app_version) AS versions FROM events WHERE project_id = $1 AND level = 'error' GROUP BY 1, 2`,
    );
    const versions = await query<{ app_id: string; versions: string[] }>(`SELECT app_id, array_agg(DISTINCT app_version) AS versions FROM events WHERE project_id = $1 GROUP BY 1`);
    const newest = new Map(versions.map((row) => [row.app_id, newestFirst(row.versions)[0]!]));
    const onlyNewest = types.filter((row) => row.versions.length === 1 && row.versions[0] === newest.get(row.app_id));
    const fixed = types.filter((row) => !row.versions.includes(newest.get(row.app_id)!));
    expect(onlyNewest.map((row) => row.error_type)).toContain("Swift.DecodingError");
    expect(fixed.length).toBeGreaterThanOrEqual(1);
  });

  it("has a few attachments, each for an error event, that the ingest store accepts", async () => {
    const errorIds = new Set(traffic.items.filter((item) => item.kind === "event" && item.level === "error").map((item) => item.id));
    expect(traffic.attachments.length).toBeGreaterThanOrEqual(3);
    expect(traffic.attachments.length).toBeLessThanOrEqual(40);
    for (const attachment of traffic.attachments) {
      expect(errorIds.has(attachment.eventId)).toBe(true);
      await storeAttachment(actor, { eventId: attachment.eventId, file: new File([attachment.content], attachment.fileName, { type: attachment.contentType }) });
    }
    const linked = await query<{ count: number }>(`SELECT count(*)::int AS count FROM attachments WHERE project_id = $1 AND event_occurred_at IS NOT NULL`);
    expect(linked[0]!.count).toBe(traffic.attachments.length);
  });
});
