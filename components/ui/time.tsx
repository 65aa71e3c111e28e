"use client";
// A moment as people want it: relative ("3 min ago") or local date and time, in the viewer's time
// zone, with the exact UTC time on hover. The server renders UTC (it cannot know the viewer's
// zone); the browser switches to local time after hydration.
import { useHydrated as useIsClient } from "./use-hydrated";

const units: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ["year", 365 * 24 * 3600],
  ["month", 30 * 24 * 3600],
  ["day", 24 * 3600],
  ["hour", 3600],
  ["minute", 60],
  ["second", 1],
];

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
  const isClient = useIsClient();
  const date = new Date(value);
  const text = !isClient
    ? utcText(date)
    : mode === "relative"
      ? relativeTime(date)
      : date.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "medium" });
  return (
    <time dateTime={value} title={isClient ? `${date.toLocaleString()} (your time)\n${utcText(date)}` : utcText(date)}>
      {text}
    </time>
  );
}
