import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { decodeCursor, encodeCursor } from "@/lib/jobs/runs";
import { catalog } from "@/lib/jobs/catalog";
import { triggerBodySchema } from "@/lib/jobs/schemas";

describe("run cursors", () => {
  it("round-trip the position of a run", () => {
    const position = { createdAt: new Date("2026-11-23T10:00:00.123Z"), id: "0b6f8b2e-6a9c-4c59-9b0e-1d2f3a4b5c6d" };
    expect(decodeCursor(encodeCursor(position))).toEqual(position);
  });
  it("reject tampered cursors with a 400", () => {
    for (const cursor of ["garbage", Buffer.from("2026-01-01|not-a-uuid").toString("base64url"), ""]) {
      expect(() => decodeCursor(cursor)).toThrow(AppError);
    }
  });
});

describe("the catalog", () => {
  it("gives revenuecat_sync a strict params schema with defaults", () => {
    const schema = catalog.definitions.revenuecat_sync.paramsSchema;
    expect(schema.parse({})).toEqual({ pageSize: 20 });
    expect(schema.safeParse({ pageSize: 0 }).success).toBe(false);
    expect(schema.safeParse({ other: 1 }).success).toBe(false);
  });
});

describe("triggerBodySchema", () => {
  it("accepts the documented body and rejects unknown fields", () => {
    expect(triggerBodySchema.parse({ type: "revenuecat_sync", params: {}, notify: true })).toEqual({ type: "revenuecat_sync", params: {}, notify: true });
    expect(triggerBodySchema.safeParse({ type: "x", extra: 1 }).success).toBe(false);
    expect(triggerBodySchema.safeParse({ type: "x", notify: "yes" }).success).toBe(false);
    expect(triggerBodySchema.safeParse({ params: {} }).success).toBe(false);
  });
});
