// The event store's pure parts: UTC months and partition names, and what an ingest item may be.
import { describe, expect, it } from "vitest";
import { ingestItemSchema } from "@/lib/events/schemas";
import { addMonths, monthStart, monthsOf, partitionName } from "@/lib/events/tables";

describe("months and partition names", () => {
  it("are UTC months, whatever the instant's local time", () => {
    expect(monthStart(new Date("2026-12-31T23:59:59.999Z")).toISOString()).toBe("2026-12-01T00:00:00.000Z");
    expect(monthStart(new Date("2027-01-01T00:30:00+02:00")).toISOString()).toBe("2026-12-01T00:00:00.000Z");
    expect(addMonths(new Date("2026-12-15T00:00:00Z"), 1).toISOString()).toBe("2027-01-01T00:00:00.000Z");
    expect(addMonths(new Date("2026-01-15T00:00:00Z"), -1).toISOString()).toBe("2025-12-01T00:00:00.000Z");
    expect(partitionName("metric_events", new Date("2027-03-01T00:00:00Z"))).toBe("metric_events_2027_03");
  });

  it("lists each month an instant falls in once, in order", () => {
    const months = monthsOf([new Date("2026-12-02T00:00:00Z"), new Date("2026-11-30T23:00:00Z"), new Date("2026-12-31T00:00:00Z")]);
    expect(months.map((month) => month.toISOString().slice(0, 7))).toEqual(["2026-11", "2026-12"]);
  });
});

describe("an ingest item", () => {
  const base = { timestamp: "2026-12-01T10:00:00Z" };

  it("takes each kind with its defaults", () => {
    expect(ingestItemSchema.parse({ kind: "event", name: "launch", ...base })).toMatchObject({ level: "info", environment: "production", properties: {} });
    expect(ingestItemSchema.parse({ kind: "metric", metric: "upload", ...base })).toMatchObject({ phase: "record" });
    expect(ingestItemSchema.parse({ kind: "funnel", funnel: "onboarding", step: "welcome", ...base, timestamp: "2026-12-01T10:00:00+01:00" }).timestamp.toISOString()).toBe("2026-12-01T09:00:00.000Z");
  });

  it("refuses what cannot be stored, naming the field", () => {
    const reject = (item: Record<string, unknown>) => {
      const result = ingestItemSchema.safeParse(item);
      expect(result.success).toBe(false);
      return result.error!.issues[0]!;
    };
    expect(reject({ kind: "event", name: "x", timestamp: "2026-12-01" }).path).toEqual(["timestamp"]);
    expect(reject({ kind: "event", name: "x".repeat(201), ...base }).path).toEqual(["name"]);
    expect(reject({ kind: "event", name: "x", ...base, properties: { big: "x".repeat(9000) } }).path).toEqual(["properties"]);
    expect(reject({ kind: "event", name: "x", ...base, properties: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, i])) }).path).toEqual(["properties"]);
    expect(reject({ kind: "metric", metric: "m", ...base, value: Number.POSITIVE_INFINITY }).path).toEqual(["value"]);
    expect(reject({ kind: "metric", metric: "m", ...base, durationMs: -1 }).path).toEqual(["durationMs"]);
    expect(reject({ kind: "event", name: "x", ...base, id: "not-a-uuid" }).path).toEqual(["id"]);
    expect(reject({ kind: "click", ...base }).message).toMatch(/kind must be event, metric or funnel/);
  });

  it("drops NUL characters from text, which PostgreSQL cannot store", () => {
    expect(ingestItemSchema.parse({ kind: "event", name: "a\u0000b", message: "m\u0000", ...base })).toMatchObject({ name: "ab", message: "m" });
  });
});
