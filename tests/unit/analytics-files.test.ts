// Segment files read by header name (any column order, gzipped or not) and one instance's rows
// summed per (date, territory, kept dimensions), values compared case-insensitively.
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { addRows, dailyRows, type DailyRow } from "@/lib/analytics/aggregate";
import { analyticsReports, reportSpecNamed } from "@/lib/analytics/reports";
import { parseSegment } from "@/lib/appstore/analytics-files";

const sessions = analyticsReports.find((report) => report.key === "sessions")!;

describe("analytics segment files", () => {
  it("map columns by header name whatever their order, gzipped or plain", () => {
    const one = "Date\tTerritory\tSessions\tTotal Session Duration (seconds)\n2026-11-01\tUS\t3\t90\n";
    const other = "\uFEFFTOTAL SESSION DURATION\tsessions\tterritory\tdate\r\n60\t2\tus\t2026-11-01\r\n";
    expect(parseSegment(gzipSync(one))).toEqual([{ date: "2026-11-01", territory: "US", sessions: "3", "total session duration": "90" }]);
    expect(parseSegment(Buffer.from(other))).toEqual([{ "total session duration": "60", sessions: "2", territory: "us", date: "2026-11-01" }]);
  });

  it("sum the rows of one key within an instance, case-insensitively, and skip rows without a date", () => {
    const rows = parseSegment(
      gzipSync(
        [
          "Date\tTerritory\tSource Type\tPage Type\tDevice\tApp Version\tSessions\tTotal Session Duration\tUnique Devices",
          "2026-11-01\tUS\tApp Store search\tProduct page\tiPhone\t2.2.0\t3\t90\t1",
          "2026-11-01\tus\tapp store search\tproduct page\tIPHONE\t2.3.0\t4\t100\t2",
          "2026-11-01\tGB\tApp Store search\tProduct page\tiPhone\t2.3.0\t5\t1.5\t1",
          "Total\t\t\t\t\t\t12\t191.5\t4",
        ].join("\n"),
      ),
    );
    const totals = new Map<string, DailyRow>();
    expect(addRows(sessions, rows, totals)).toBe(1);
    expect(dailyRows(totals)).toEqual([
      {
        date: "2026-11-01",
        territory: "US",
        dimensionKey: "app store search|product page|iphone",
        dimensions: { source_type: "App Store search", page_type: "Product page", device: "iPhone" },
        measures: { sessions: 7, total_session_duration: 190, unique_devices: 3 },
      },
      {
        date: "2026-11-01",
        territory: "GB",
        dimensionKey: "app store search|product page|iphone",
        dimensions: { source_type: "App Store search", page_type: "Product page", device: "iPhone" },
        measures: { sessions: 5, total_session_duration: 1.5, unique_devices: 1 },
      },
    ]);
  });

  it("know Downloads by both of its names", () => {
    expect(reportSpecNamed("App Downloads Standard")?.key).toBe("downloads");
    expect(reportSpecNamed("App Store Downloads Standard")?.key).toBe("downloads");
    expect(reportSpecNamed("App Downloads Detailed")).toBeUndefined();
  });
});
