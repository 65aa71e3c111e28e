import { describe, expect, it } from "vitest";
import { nextOccurrence, scheduleInWords } from "@/lib/jobs/schedule-text";

describe("schedules in words", () => {
  it("say when a cron runs, in UTC", () => {
    expect(scheduleInWords("*/15 * * * *")).toBe("Every 15 minutes (UTC)");
    expect(scheduleInWords("15 3 * * *")).toBe("At 03:15 (UTC)");
    expect(scheduleInWords("0 3 * * 0")).toBe("At 03:00, only on Sunday (UTC)");
    expect(scheduleInWords(null)).toBe("Manual: runs when triggered");
  });

  it("find the next occurrence after a moment, in UTC", () => {
    expect(nextOccurrence("15 3 * * *", new Date("2026-11-24T04:00:00Z"))?.toISOString()).toBe("2026-11-25T03:15:00.000Z");
    expect(nextOccurrence("*/5 * * * *", new Date("2026-11-24T04:01:30Z"))?.toISOString()).toBe("2026-11-24T04:05:00.000Z");
    expect(nextOccurrence("not a cron")).toBeNull();
  });
});
