// The ingest API over real HTTP (PRODUCT.md "REST API v1", ingest): only a live project ingest key
// gets in, a batch answers 202 with per-item reasons, bad envelopes and oversized bodies write
// nothing, attachments go up as multipart with their cap, browsers may send from any origin, and
// each key has its own rate limit.
import { randomBytes, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashKey } from "@/lib/auth/api-keys";
import { attachmentSchema, ingestResultSchema } from "@/lib/events/schemas";
import { baseUrl } from "./helpers";
import { createKey, createTeamWithProject, prisma } from "./fixtures";

let project: { id: string; teamId: string };
let key: string;

async function ingestKey(projectId: string, options: { revoked?: boolean } = {}) {
  const clear = `tdi_${randomBytes(30).toString("base64url")}`;
  await prisma.ingestKey.create({ data: { projectId, name: "e2e", prefix: clear.slice(0, 12), hash: hashKey(clear), revokedAt: options.revoked ? new Date() : null } });
  return clear;
}

beforeAll(async () => {
  ({ project } = await createTeamWithProject("ingest"));
  key = await ingestKey(project.id);
});
afterAll(() => prisma.$disconnect());

function post(path: string, body: BodyInit, headers: Record<string, string> = {}, token: string | null = key) {
  return fetch(`${baseUrl()}${path}`, { method: "POST", headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...headers }, body });
}
const json = (body: unknown) => JSON.stringify(body);
const eventCount = () => prisma.event.count({ where: { projectId: project.id } });

describe("POST /api/v1/ingest/events", () => {
  it("stores a batch's valid events and lists the rejected ones", async () => {
    const before = await eventCount();
    const response = await post("/api/v1/ingest/events", json({ events: [{ kind: "event", name: "launch", timestamp: new Date().toISOString() }, { kind: "event", name: "" }] }), { "Content-Type": "application/json" });
    expect(response.status).toBe(202);
    // The documented shape (lib/api/openapi.ts), exactly.
    const body = ingestResultSchema.strict().parse(await response.json());
    expect(body.stored).toBe(1);
    expect(body.rejected).toEqual([{ index: 1, reason: expect.stringMatching(/timestamp|name/) }]);
    expect(await eventCount()).toBe(before + 1);
  });

  it("answers 401 without a live ingest key, whatever else is sent", async () => {
    const revoked = await ingestKey(project.id, { revoked: true });
    const { key: teamKey } = await createKey(project.teamId, ["jobs:read", "jobs:write"]);
    const batch = json({ events: [{ kind: "event", name: "x", timestamp: new Date().toISOString() }] });
    for (const token of [null, revoked, teamKey, "tdi_unknown", `${key}x`]) {
      const response = await post("/api/v1/ingest/events", batch, { "Content-Type": "application/json" }, token);
      expect(response.status).toBe(401);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe("unauthorized");
    }
  });

  it("refuses bad JSON, a bad envelope and oversized bodies, writing nothing", async () => {
    const before = await eventCount();
    const cases: Array<[BodyInit, number]> = [
      ["{not json", 400],
      [json({ events: "all of them" }), 400],
      [json({ events: [] }), 400],
      [json({ events: Array.from({ length: 1001 }, () => ({ kind: "event", name: "x", timestamp: new Date().toISOString() })) }), 400],
      [json({ events: [{ kind: "event", name: "x", timestamp: new Date().toISOString() }], extra: 1 }), 400],
      ["x".repeat(6 * 1024 * 1024), 413],
    ];
    for (const [body, status] of cases) expect((await post("/api/v1/ingest/events", body, { "Content-Type": "application/json" })).status).toBe(status);
    expect(await eventCount()).toBe(before);
  });

  it("answers a browser's preflight from any origin", async () => {
    const response = await fetch(`${baseUrl()}/api/v1/ingest/events`, { method: "OPTIONS", headers: { Origin: "https://app.example.com", "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "authorization, content-type" } });
    expect(response.status).toBe(204);
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    expect(response.headers.get("access-control-allow-headers")).toMatch(/Authorization/i);
  });
});

describe("POST /api/v1/ingest/attachments", () => {
  it("stores a file for an event, and refuses one over the cap or without an event id", async () => {
    const eventId = randomUUID();
    const form = new FormData();
    form.set("eventId", eventId);
    form.set("file", new Blob(["crash log"], { type: "text/plain" }), "crash.log");
    const stored = await post("/api/v1/ingest/attachments", form);
    expect(stored.status).toBe(201);
    const attachment = attachmentSchema.strict().parse(((await stored.json()) as { attachment: unknown }).attachment);
    expect(attachment).toMatchObject({ sizeBytes: 9, fileName: "crash.log" });
    expect(await prisma.attachment.findUnique({ where: { id: attachment.id } })).toMatchObject({ projectId: project.id, eventId, sha256: attachment.sha256 });

    const before = await prisma.attachment.count({ where: { projectId: project.id } });
    const big = new FormData();
    big.set("eventId", eventId);
    big.set("file", new Blob(["x".repeat(65 * 1024)]), "big.bin");
    expect((await post("/api/v1/ingest/attachments", big)).status).toBe(413);
    const noEvent = new FormData();
    noEvent.set("file", new Blob(["x"]), "a.txt");
    const refused = await post("/api/v1/ingest/attachments", noEvent);
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: { issues: Array<{ path: string }> } }).error.issues[0]!.path).toBe("eventId");
    expect((await post("/api/v1/ingest/attachments", json({ eventId }), { "Content-Type": "application/json" })).status).toBe(400);
    expect(await prisma.attachment.count({ where: { projectId: project.id } })).toBe(before);

    const removed = await fetch(`${baseUrl()}/api/v1/ingest/attachments/${attachment.id}`, { method: "DELETE", headers: { Authorization: `Bearer ${key}` } });
    expect(removed.status).toBe(204);
    expect((await prisma.attachment.findUniqueOrThrow({ where: { id: attachment.id } })).deletedAt).not.toBeNull();
  });
});

describe("the ingest rate limit", () => {
  it("holds per key: one key's burst gets 429 with Retry-After while another key still gets in", async () => {
    const { project: other } = await createTeamWithProject("ingest-limit");
    const busy = await ingestKey(other.id);
    const calm = await ingestKey(other.id);
    // The stack allows 300 requests a minute per key; an empty envelope is refused after the limit is counted.
    const statuses: number[] = [];
    const started = Date.now();
    // Waves until one is refused: on a busy machine the steady rate refills the budget meanwhile.
    for (let wave = 0; wave < 100; wave += 1) {
      const answers = await Promise.all(Array.from({ length: 20 }, () => post("/api/v1/ingest/events", "{}", { "Content-Type": "application/json" }, busy)));
      statuses.push(...answers.map((answer) => answer.status));
      const limited = answers.find((answer) => answer.status === 429);
      if (limited) {
        expect(Number(limited.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
        break;
      }
    }
    expect(statuses).toContain(429);
    // The minute's budget as a burst, plus what the steady rate (5 a second) refilled meanwhile.
    const refilled = Math.ceil(((Date.now() - started) / 1000) * 5);
    expect(statuses.filter((status) => status === 400).length).toBeLessThanOrEqual(300 + refilled);
    expect((await post("/api/v1/ingest/events", "{}", { "Content-Type": "application/json" }, calm)).status).toBe(400);
  });
});
