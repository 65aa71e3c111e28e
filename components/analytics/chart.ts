// The geometry of a forecast chart: day numbers, linear scales, "nice" value ticks, month ticks and
// SVG path data for the actual line, the forecast line and its interval bands. Pure: the server
// component draws what this returns, and the unit tests read it.
import type { DailyValue, ForecastPoint } from "@/lib/analytics-views/types";

export const DAY_MS = 86_400_000;
export const isoDay = (date: Date) => date.toISOString().slice(0, 10);
export const addDays = (date: Date, days: number) => new Date(date.getTime() + days * DAY_MS);
/** "2026-03-01" → days since 1970-01-01 (UTC). */
export const dayNumber = (iso: string) => Math.floor(Date.parse(`${iso.slice(0, 10)}T00:00:00Z`) / DAY_MS);
export const dayOfNumber = (day: number) => isoDay(new Date(day * DAY_MS));

export type Scale = (value: number) => number;

/** Maps [d0, d1] onto [r0, r1]; a domain of one value maps to r0. */
export function linearScale([d0, d1]: readonly [number, number], [r0, r1]: readonly [number, number]): Scale {
  const span = d1 - d0;
  return (value) => (span === 0 ? r0 : r0 + ((value - d0) / span) * (r1 - r0));
}

/** 1, 2 or 5 times a power of ten: the step that cuts `span` into about `count` parts. */
export function niceStep(span: number, count: number): number {
  const raw = span / Math.max(1, count);
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const normal = raw / magnitude;
  return (normal <= 1 ? 1 : normal <= 2 ? 2 : normal <= 5 ? 5 : 10) * magnitude;
}

/** Round values from at or below `min` to at or above `max`, about `count` steps apart. */
export function valueTicks(min: number, max: number, count = 4): number[] {
  const top = max > min ? max : min + 1;
  const step = niceStep(top - min, count);
  const start = Math.floor(min / step) * step;
  const steps = Math.ceil((top - start) / step - 1e-9);
  return Array.from({ length: steps + 1 }, (_, index) => Number((start + index * step).toPrecision(12)));
}

/** Days to label between two day numbers: the first of each month, thinned to at most `max`; evenly spaced days when fewer than two months start. */
export function dateTicks(from: number, to: number, max = 5): number[] {
  const starts: number[] = [];
  const first = new Date(from * DAY_MS);
  for (let month = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + (first.getUTCDate() === 1 ? 0 : 1), 1)); ; month.setUTCMonth(month.getUTCMonth() + 1)) {
    const day = Math.round(month.getTime() / DAY_MS);
    if (day > to) break;
    starts.push(day);
  }
  if (starts.length >= 2) {
    const every = Math.ceil(starts.length / max);
    return starts.filter((_, index) => index % every === 0);
  }
  const parts = Math.max(1, Math.min(max - 1, to - from));
  return [...new Set(Array.from({ length: parts + 1 }, (_, index) => Math.round(from + ((to - from) * index) / parts)))];
}

/** How many days after the last drawn day today may be and still be drawn. */
export const TODAY_REACH = 14;

const coordinate = (value: number) => String(Math.round(value * 10) / 10);

/** "M x,y L x,y …" through the points; empty for none. */
export function linePath(points: ReadonlyArray<readonly [number, number]>): string {
  return points.map(([x, y], index) => `${index === 0 ? "M" : "L"}${coordinate(x)},${coordinate(y)}`).join(" ");
}

/** A closed area along `upper` and back along `lower` (the same xs); empty for none. */
export function bandPath(upper: ReadonlyArray<readonly [number, number]>, lower: ReadonlyArray<readonly [number, number]>): string {
  if (upper.length === 0) return "";
  const back = [...lower].reverse().map(([x, y]) => `L${coordinate(x)},${coordinate(y)}`);
  return `${linePath(upper)} ${back.join(" ")} Z`;
}

export interface ChartSize {
  width: number;
  height: number;
  /** Room around the plot: labels sit in the bottom padding, value labels inside the plot. */
  padding: { top: number; right: number; bottom: number; left: number };
}

export interface ChartGeometry {
  plot: { left: number; right: number; top: number; bottom: number };
  actualPath: string;
  forecastPath: string;
  band80Path: string;
  band95Path: string;
  xTicks: Array<{ x: number; date: string }>;
  yTicks: Array<{ y: number; value: number }>;
  /** Where today falls, when it is inside the chart's days. */
  todayX: number | null;
}

export function chartGeometry(actuals: DailyValue[], points: ForecastPoint[], today: string, size: ChartSize): ChartGeometry | null {
  const days = [...actuals.map((actual) => dayNumber(actual.date)), ...points.map((point) => dayNumber(point.date))];
  if (days.length === 0) return null;
  const todayDay = dayNumber(today);
  const from = Math.min(...days);
  // Today stays in view when the data stops shortly before it (reports lag a few days), so the gap shows.
  const last = Math.max(...days);
  const to = Math.max(last, from + 1, todayDay - last <= TODAY_REACH ? todayDay : last);
  const values = [...actuals.map((actual) => actual.value), ...points.flatMap((point) => [point.lo95, point.hi95, point.mean])];
  const yTickValues = valueTicks(Math.min(0, ...values), Math.max(...values), 4);
  const plot = { left: size.padding.left, right: size.width - size.padding.right, top: size.padding.top, bottom: size.height - size.padding.bottom };
  const x = linearScale([from, to], [plot.left, plot.right]);
  const y = linearScale([yTickValues[0]!, yTickValues.at(-1)!], [plot.bottom, plot.top]);
  const at = (date: string, value: number) => [x(dayNumber(date)), y(value)] as const;
  return {
    plot,
    actualPath: linePath(actuals.map((actual) => at(actual.date, actual.value))),
    forecastPath: linePath(points.map((point) => at(point.date, point.mean))),
    band80Path: bandPath(points.map((point) => at(point.date, point.hi80)), points.map((point) => at(point.date, point.lo80))),
    band95Path: bandPath(points.map((point) => at(point.date, point.hi95)), points.map((point) => at(point.date, point.lo95))),
    xTicks: dateTicks(from, to).map((day) => ({ x: x(day), date: dayOfNumber(day) })),
    yTicks: yTickValues.map((value) => ({ y: y(value), value })),
    todayX: todayDay >= from && todayDay <= to ? x(todayDay) : null,
  };
}
