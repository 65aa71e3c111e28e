// `taskdeck overview`'s text: the sparkline's heights and what the summary says.
import { describe, expect, it } from "vitest";
import { overviewText, sparkline } from "@/cli/remote/overview";
import type { ProjectOverview } from "@/lib/jobs/overview";

const hour = (at: string, completed: number, failed = 0) => ({ at, completed, failed, cancelled: 0, active: 0 });

describe("the overview in a terminal", () => {
  it("draws each hour against the busiest one, and an empty hour as a dot", () => {
    expect(sparkline([0, 1, 4, 8])).toBe("·▁▄█");
    expect(sparkline([0, 0])).toBe("··");
    expect(sparkline([])).toBe("");
  });

  it("says the totals, the failure rate, what waits, the lane, the workers and each type's p50/p95", () => {
    const overview: ProjectOverview = {
      window: "24h",
      generatedAt: "2026-11-20T12:30:00.000Z",
      hours: [hour("2026-11-20T11:00:00.000Z", 3, 1), hour("2026-11-20T12:00:00.000Z", 0)],
      totals: { completed: 3, failed: 1, cancelled: 0, active: 0 },
      running: 0,
      queued: 0,
      oldestQueued: null,
      durations: [{ type: "pull_all", label: "Pull All", ended: 4, failed: 1, p50Ms: 1500, p95Ms: null }],
      lane: { paused: true, pausedByRunId: "r1", error: { message: "no" }, queued: [] },
      liveWorkers: 0,
    };
    const text = overviewText(overview);
    expect(text).toContain("Last 24 hours: 3 completed, 1 failed (25% of ended runs), 0 cancelled, 0 active");
    expect(text).toContain("Lane: paused by run r1 (taskdeck lane show); 0 lane runs queued");
    expect(text).toContain("Workers: none live; runs wait until one starts");
    expect(text).toContain("Runs per hour since 2026-11-20T11:00:00.000Z: █·");
    expect(text).toMatch(/pull_all\s+4\s+1\s+1\.5 s\s+-/);
  });
});
