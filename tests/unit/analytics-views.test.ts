import { describe, expect, it } from "vitest";
import { translationStatusLabel } from "@/components/analytics/translation-badge";
import { bandPath, chartGeometry, dateTicks, dayNumber, dayOfNumber, linePath, linearScale, niceStep, valueTicks, type ChartSize } from "@/components/analytics/chart";
import { localeName, mapeText, shortDay, tickText, totalText } from "@/components/analytics/format";

describe("the forecast chart's scales and ticks", () => {
  it("maps a domain onto a range, either way up", () => {
    const y = linearScale([0, 100], [200, 0]);
    expect([y(0), y(50), y(100), y(125)]).toEqual([200, 100, 0, -50]);
    expect(linearScale([5, 5], [10, 20])(5)).toBe(10);
  });

  it("counts days in UTC", () => {
    expect(dayNumber("1970-01-02")).toBe(1);
    expect(dayOfNumber(dayNumber("2026-03-01"))).toBe("2026-03-01");
    expect(dayNumber("2026-03-01T23:59:00Z")).toBe(dayNumber("2026-03-01"));
  });

  it("steps values by 1, 2 or 5 times a power of ten, covering the data", () => {
    expect(niceStep(100, 4)).toBe(50);
    expect(niceStep(7, 4)).toBe(2);
    expect(niceStep(0.3, 3)).toBe(0.1);
    expect(valueTicks(0, 1234, 4)).toEqual([0, 500, 1000, 1500]);
    expect(valueTicks(0, 0.3, 3)).toEqual([0, 0.1, 0.2, 0.3]);
    expect(valueTicks(-30, 95, 4)).toEqual([-50, 0, 50, 100]);
    // Nothing but zeros still gets an axis.
    expect(valueTicks(0, 0)).toEqual([0, 0.5, 1]);
  });

  it("labels the first of each month, thinned, or evenly spaced days within one month", () => {
    const from = dayNumber("2026-01-15");
    const to = dayNumber("2026-05-20");
    expect(dateTicks(from, to).map(dayOfNumber)).toEqual(["2026-02-01", "2026-03-01", "2026-04-01", "2026-05-01"]);
    expect(dateTicks(dayNumber("2025-01-01"), dayNumber("2026-06-30"), 5).length).toBeLessThanOrEqual(5);
    expect(dateTicks(dayNumber("2026-03-03"), dayNumber("2026-03-11"), 5).map(dayOfNumber)).toEqual(["2026-03-03", "2026-03-05", "2026-03-07", "2026-03-09", "2026-03-11"]);
  });
});

describe("the forecast chart's paths", () => {
  it("draws a line through points, to a tenth", () => {
    expect(linePath([])).toBe("");
    expect(linePath([[0, 10], [5.55, 20.04], [10, 0]])).toBe("M0,10 L5.6,20 L10,0");
  });

  it("closes a band along the upper edge and back along the lower one", () => {
    expect(bandPath([], [])).toBe("");
    expect(bandPath([[0, 1], [10, 2]], [[0, 5], [10, 6]])).toBe("M0,1 L10,2 L10,6 L0,5 Z");
  });

  const size: ChartSize = { width: 100, height: 60, padding: { top: 10, right: 0, bottom: 10, left: 0 } };
  const actuals = [
    { date: "2026-03-01", value: 10 },
    { date: "2026-03-02", value: 40 },
  ];
  const points = [
    { date: "2026-03-03", mean: 30, lo80: 20, hi80: 40, lo95: 10, hi95: 50 },
    { date: "2026-03-05", mean: 35, lo80: 25, hi80: 45, lo95: 15, hi95: 60 },
  ];

  it("puts actuals and forecast on one time axis, with today between them", () => {
    const chart = chartGeometry(actuals, points, "2026-03-03", size)!;
    // Days 1 to 5 of March across 0…100; values 0…60 across 50…10.
    expect(chart.actualPath).toBe("M0,43.3 L25,23.3");
    expect(chart.forecastPath).toBe("M50,30 L100,26.7");
    expect(chart.band95Path).toBe("M50,16.7 L100,10 L100,40 L50,43.3 Z");
    expect(chart.band80Path).toBe("M50,23.3 L100,20 L100,33.3 L50,36.7 Z");
    expect(chart.todayX).toBe(50);
    expect(chart.yTicks.map((tick) => tick.value)).toEqual([0, 20, 40, 60]);
    expect(chart.yTicks[0]!.y).toBe(50);
    expect(chart.xTicks[0]).toEqual({ x: 0, date: "2026-03-01" });
  });

  it("leaves today off when it is outside the chart, and draws nothing without days", () => {
    expect(chartGeometry(actuals, points, "2026-04-01", size)!.todayX).toBeNull();
    // A few days after the data, today widens the chart to show the gap.
    const lagging = chartGeometry(actuals, [], "2026-03-05", size)!;
    expect(lagging.todayX).toBe(100);
    expect(lagging.actualPath).toBe("M0,40 L25,10");
    expect(chartGeometry([], [], "2026-03-03", size)).toBeNull();
    const actualOnly = chartGeometry(actuals, [], "2026-03-02", size)!;
    expect(actualOnly.forecastPath).toBe("");
    expect(actualOnly.band80Path).toBe("");
  });
});

describe("the Analytics page's words", () => {
  it("writes axis labels compactly, totals in full", () => {
    expect(tickText("downloads", 12_300)).toBe("12.3K");
    expect(tickText("sessions", 0)).toBe("0");
    expect(tickText("proceeds", 1500)).toBe("$1.5K");
    expect(tickText("proceeds", 500)).toBe("$500");
    expect(totalText("downloads", 12_345.6)).toBe("12,346");
    expect(totalText("proceeds", 980.4)).toBe("$980");
  });

  it("writes the backtest error as a percentage to a tenth", () => {
    expect(mapeText(0.062)).toBe("6.2 %");
    expect(mapeText(0.0)).toBe("0.0 %");
    expect(mapeText(1.2345)).toBe("123.5 %");
  });

  it("names days in UTC and locales in English", () => {
    expect(shortDay("2026-03-01")).toBe("Mar 1");
    expect(localeName("de-DE")).toBe("German (Germany)");
    expect(localeName("ja")).toBe("Japanese");
  });

  it("labels a translation's state", () => {
    expect(translationStatusLabel({ status: "pushed", dryRun: false })).toBe("Pushed");
    expect(translationStatusLabel({ status: "proposed", dryRun: true })).toBe("Proposal (dry run)");
    expect(translationStatusLabel({ status: "proposed", dryRun: false })).toBe("Proposal");
    expect(translationStatusLabel({ status: "failed", dryRun: false })).toBe("Failed");
  });
});
