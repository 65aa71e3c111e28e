// Worker log lines: one line each, key=value fields, never secrets (handlers log ids and counts).
import { env } from "@/lib/env";

const levels = { debug: 10, info: 20, warn: 30, error: 40 } as const;
type Level = keyof typeof levels;

// Strings are quoted and objects written as JSON (a result's nested counts read as such, not as
// "[object Object]"); numbers, booleans and null as they are.
export function formatFields(fields: Record<string, unknown> | undefined): string {
  if (!fields) return "";
  return Object.entries(fields)
    .map(([key, value]) => ` ${key}=${typeof value === "string" || (typeof value === "object" && value !== null) ? JSON.stringify(value) : String(value)}`)
    .join("");
}

export function log(level: Level, message: string, fields?: Record<string, unknown>): void {
  if (levels[level] < levels[env.LOG_LEVEL]) return;
  const line = `${new Date().toISOString()} ${level.toUpperCase()} ${message}${formatFields(fields)}`;
  (level === "error" || level === "warn" ? console.error : console.log)(line);
}
