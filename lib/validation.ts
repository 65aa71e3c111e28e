// Small schemas shared by every form, action and command that stores text people typed.
import { z } from "zod";

// PostgreSQL cannot store NUL in text, and no name needs control characters (code points below
// 32, and DEL).
const hasControlCharacters = (value: string) => [...value].some((character) => character.charCodeAt(0) < 32 || character.charCodeAt(0) === 127);

/** A one-line name: trimmed, not empty, at most `max` characters, no control characters. */
export function nameSchema(field: string, max = 100) {
  return z
    .string({ error: `${field} is required` })
    .trim()
    .min(1, `${field} is required`)
    .max(max, `${field} must be at most ${max} characters`)
    .refine((value) => !hasControlCharacters(value), `${field} must not contain control characters`);
}

/** Whether a JSON value holds a NUL character in any string or key, which PostgreSQL's jsonb refuses. */
export function containsNul(value: unknown): boolean {
  if (typeof value === "string") return value.includes("\u0000");
  if (Array.isArray(value)) return value.some(containsNul);
  if (value !== null && typeof value === "object") return Object.entries(value).some(([key, item]) => key.includes("\u0000") || containsNul(item));
  return false;
}
