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

// Keys that reach an object's prototype when code copies input into an object: JSON.parse keeps
// `__proto__` as an own key, but zod's record and object copies then drop it silently (or worse).
const prototypeKeys = new Set(["__proto__", "constructor", "prototype"]);

/** The path of the first `__proto__`, `constructor` or `prototype` key anywhere in a JSON value, or null. */
export function prototypeKeyPath(value: unknown, path: string[] = []): string | null {
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = prototypeKeyPath(item, [...path, String(index)]);
      if (found) return found;
    }
  } else if (value !== null && typeof value === "object") {
    for (const key of Object.keys(value)) {
      if (prototypeKeys.has(key)) return [...path, key].join(".");
      const found = prototypeKeyPath((value as Record<string, unknown>)[key], [...path, key]);
      if (found) return found;
    }
  }
  return null;
}

/**
 * `schema`, refusing prototype keys in the raw input first: a zod object or record copies its
 * input and would drop a `__proto__` key without a word, so the check must see the input itself.
 */
export function withoutPrototypeKeys<S extends z.ZodType>(schema: S) {
  return z.preprocess((value, context) => {
    const path = prototypeKeyPath(value);
    if (path) context.addIssue({ code: "custom", path: path.split("."), message: `"${path.split(".").at(-1)}" is not an allowed key` });
    return value;
  }, schema);
}
