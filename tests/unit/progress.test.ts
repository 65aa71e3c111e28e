import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ProgressCoalescer, normalizeProgress, percentOf, type Progress } from "@/lib/jobs/progress";

describe("percentOf", () => {
  it("derives a whole percent from processed and total", () => {
    expect(percentOf(45, 200)).toBe(22);
    expect(percentOf(200, 200)).toBe(100);
    expect(percentOf(0, 10)).toBe(0);
  });
  it("is null while the total is unknown or zero, and clamps overshoot", () => {
    expect(percentOf(5, null)).toBeNull();
    expect(percentOf(5, 0)).toBeNull();
    expect(percentOf(15, 10)).toBe(100);
  });
});

describe("normalizeProgress", () => {
  const start: Progress = { processed: 3, total: 10, message: "hello" };
  it("keeps fields the update leaves out", () => {
    expect(normalizeProgress(start, { message: "next" })).toEqual({ processed: 3, total: 10, message: "next" });
  });
  it("turns bad counts into whole non-negative numbers and caps long messages", () => {
    const next = normalizeProgress(start, { processed: -4, total: 7.9, message: "x".repeat(900) });
    expect(next.processed).toBe(0);
    expect(next.total).toBe(7);
    expect(next.message).toHaveLength(500);
    expect(normalizeProgress(start, { processed: Number.NaN }).processed).toBe(0);
  });
});

describe("ProgressCoalescer", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("writes a burst of reports as one write per interval, and flush saves the last state", async () => {
    const writes: Progress[] = [];
    const coalescer = new ProgressCoalescer({ processed: 0, total: null, message: null }, async (progress) => void writes.push(progress), 250, () => Date.now());
    for (let processed = 1; processed <= 100_000; processed += 1) coalescer.report({ processed, total: 100_000 });
    await vi.advanceTimersByTimeAsync(0);
    expect(writes).toHaveLength(1);

    coalescer.report({ processed: 100_000, message: "done" });
    await vi.advanceTimersByTimeAsync(100);
    expect(writes).toHaveLength(1);
    await coalescer.flush();
    expect(writes).toHaveLength(2);
    expect(writes.at(-1)).toEqual({ processed: 100_000, total: 100_000, message: "done" });
  });

  it("does not write when nothing changed since the last write", async () => {
    const write = vi.fn(async () => {});
    const coalescer = new ProgressCoalescer({ processed: 0, total: 5, message: null }, write, 250, () => Date.now());
    coalescer.report({ processed: 1 });
    await coalescer.flush();
    await coalescer.flush();
    expect(write).toHaveBeenCalledTimes(1);
  });
});
