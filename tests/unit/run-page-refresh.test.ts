// A run page polls fast while the run or a run linked to it is active (issue 17: the page of a
// failed run kept showing its retry as Running).
import { describe, expect, it } from "vitest";
import { ACTIVE_REFRESH_MS, IDLE_REFRESH_MS, runPageRefreshMs } from "@/components/runs/refresh";
import type { DashboardRun } from "@/lib/dashboard/run";
import type { RunStatus } from "@/lib/jobs/schemas";

const brief = (status: RunStatus) => ({ id: crypto.randomUUID(), status, createdAt: "2026-11-24T10:00:00.000Z" });
const page = (status: RunStatus, links: Partial<DashboardRun["links"]> = {}) =>
  ({ run: { status } as DashboardRun["run"], links: { retryOf: null, retries: [], ...links }, activity: [] }) satisfies DashboardRun;

describe("a run page's refresh", () => {
  it("is fast while the run is active", () => {
    expect([runPageRefreshMs(page("pending")), runPageRefreshMs(page("running"))]).toEqual([ACTIVE_REFRESH_MS, ACTIVE_REFRESH_MS]);
  });

  it("is fast on a finished run while its retry, or the run it retries, is active", () => {
    expect(runPageRefreshMs(page("failed", { retries: [brief("failed"), brief("running")] }))).toBe(ACTIVE_REFRESH_MS);
    expect(runPageRefreshMs(page("cancelled", { retries: [brief("pending")] }))).toBe(ACTIVE_REFRESH_MS);
    expect(runPageRefreshMs(page("completed", { retryOf: brief("running") }))).toBe(ACTIVE_REFRESH_MS);
  });

  it("slows down once everything on the page has ended", () => {
    expect(runPageRefreshMs(page("failed", { retries: [brief("failed")], retryOf: brief("cancelled") }))).toBe(IDLE_REFRESH_MS);
    expect(runPageRefreshMs(undefined)).toBe(IDLE_REFRESH_MS);
  });
});
