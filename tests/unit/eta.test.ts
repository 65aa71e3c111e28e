import { describe, expect, it } from "vitest";
import { formatDuration, formatRemaining, remainingMs, runDurationMs, runWaitMs } from "@/lib/jobs/eta";

const started = "2026-11-24T10:00:00.000Z";
const at = (seconds: number) => Date.parse(started) + seconds * 1000;
const running = (processed: number, total: number | null) => ({ status: "running", startedAt: started, progress: { processed, total } });

describe("time left", () => {
  it("extrapolates the pace so far", () => {
    // 50 of 200 in 30 s: 150 more at the same pace take 90 s.
    expect(remainingMs(running(50, 200), at(30))).toBe(90_000);
    expect(formatRemaining(90_000)).toBe("about 2 min left");
    expect(formatRemaining(42_000)).toBe("about 42 s left");
    expect(formatRemaining(2_000)).toBe("almost done");
    expect(formatRemaining(2 * 3600_000 + 5 * 60_000)).toBe("about 2 h 5 min left");
  });

  it("says nothing without a total, without progress, or when the run is not running", () => {
    expect(remainingMs(running(50, null), at(30))).toBeNull();
    expect(remainingMs(running(0, 200), at(30))).toBeNull();
    expect(remainingMs(running(200, 200), at(30))).toBeNull();
    expect(remainingMs({ ...running(50, 200), status: "pending" }, at(30))).toBeNull();
    expect(formatRemaining(null)).toBeNull();
  });
});

describe("durations", () => {
  it("read naturally at every scale", () => {
    expect(formatDuration(350)).toBe("350 ms");
    expect(formatDuration(4_250)).toBe("4.3 s");
    expect(formatDuration(42_000)).toBe("42 s");
    expect(formatDuration(125_000)).toBe("2 min 5 s");
    expect(formatDuration(3_900_000)).toBe("1 h 5 min");
    expect(runDurationMs({ startedAt: started, finishedAt: "2026-11-24T10:00:12.000Z" }, 0)).toBe(12_000);
    expect(runDurationMs({ startedAt: null, finishedAt: null }, 0)).toBeNull();
  });
});

describe("waits", () => {
  it("are told when a run queued 10 s or more before it started, e.g. behind its lane", () => {
    expect(runWaitMs({ createdAt: started, startedAt: "2026-11-24T10:03:10.000Z" })).toBe(190_000);
    expect(runWaitMs({ createdAt: started, startedAt: "2026-11-24T10:00:01.500Z" })).toBeNull();
    expect(runWaitMs({ createdAt: started, startedAt: null })).toBeNull();
  });
});
