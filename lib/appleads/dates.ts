// Calendar dates as Apple Ads reports take them (`YYYY-MM-DD`), computed in UTC so a window never
// shifts with the server's time zone.
const DAY_MS = 86_400_000;

export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function parseIsoDate(value: string): Date {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) throw new Error(`Not a YYYY-MM-DD date: ${value}`);
  return new Date(`${value}T00:00:00Z`);
}

export function addDays(value: string, days: number): string {
  return isoDate(new Date(parseIsoDate(value).getTime() + days * DAY_MS));
}

/** The same day `months` months later (earlier when negative), clamped to the month's last day. */
export function addMonths(value: string, months: number): string {
  const date = parseIsoDate(value);
  const target = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(date.getUTCDate(), lastDay));
  return isoDate(target);
}

/** Days from `start` to `end`, both included: the same day is 1. */
export function daysIncluded(start: string, end: string): number {
  return Math.round((parseIsoDate(end).getTime() - parseIsoDate(start).getTime()) / DAY_MS) + 1;
}
