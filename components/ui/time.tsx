"use client";
// A moment as people want it: relative ("3 min ago") or local date and time, in the viewer's time
// zone, with the exact UTC time on hover. The server renders UTC (it cannot know the viewer's
// zone); the browser switches to local time after hydration. Relative times move on their own
// (one shared clock): every second while they count seconds, then every RELATIVE_TICK_MS.
import { useNow } from "./use-now";

const units: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ["year", 365 * 24 * 3600],
  ["month", 30 * 24 * 3600],
  ["day", 24 * 3600],
  ["hour", 3600],
  ["minute", 60],
  ["second", 1],
];

/** How often a relative time past its first minute is read again: "2 minutes ago" is at most this late. */
export const RELATIVE_TICK_MS = 15_000;

export function relativeTime(date: Date, now: Date = new Date()): string {
  const seconds = (date.getTime() - now.getTime()) / 1000;
  if (Math.abs(seconds) < 5) return "just now";
  const format = new Intl.RelativeTimeFormat(undefined, { numeric: "auto" });
  for (const [unit, size] of units) {
    if (Math.abs(seconds) >= size || unit === "second") return format.format(Math.round(seconds / size), unit);
  }
  return date.toISOString();
}

export const utcText = (date: Date) => `${date.toISOString().replace("T", " ").slice(0, 19)} UTC`;

export function Time({ value, mode = "relative" }: { value: string; mode?: "relative" | "datetime" }) {
  const date = new Date(value);
  const relative = mode === "relative";
  // The slow clock always (it also says when a time leaves its first minute), the fast one while
  // the time counts seconds; a margin over a minute covers the slow clock's rounding.
  const slow = useNow(relative, RELATIVE_TICK_MS);
  const young = slow !== null && Math.abs(slow - date.getTime()) < 60_000 + RELATIVE_TICK_MS;
  const fast = useNow(relative && young, 1000);
  const now = young ? fast : slow;
  const isClient = slow !== null;
  const text = !isClient
    ? utcText(date)
    : mode === "relative"
      ? relativeTime(date, new Date(now!))
      : date.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "medium" });
  return (
    <time dateTime={value} title={isClient ? `${date.toLocaleString()} (your time)\n${utcText(date)}` : utcText(date)}>
      {text}
    </time>
  );
}
