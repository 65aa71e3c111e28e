// The common case of an ingest item checked in plain JavaScript, a third of zod's CPU time for a
// batch of 1,000 (decision 014). It accepts only items the schemas in schemas.ts accept, with the
// same parsed value; anything else (or anything it cannot be sure of) answers null and goes
// through zod, so rejection reasons stay zod's. tests/unit/fast-check.test.ts compares the two
// on a generated corpus. Pure code.
import { regexes, util } from "zod/v4/core";
import {
  eventEnvironments,
  eventLevels,
  MAX_DURATION_MS,
  MAX_PROPERTIES_BYTES,
  MAX_PROPERTIES_KEYS,
  MAX_PROPERTY_NAME_LENGTH,
  MAX_STEP_INDEX,
  metricPhases,
  textLimits,
  type IngestItem,
} from "./schemas";

/** An item as the schema parses it, with its properties already serialised for the insert. */
export interface CheckedItem {
  item: IngestItem;
  propertiesJson: string;
}

// The very patterns z.uuid() and z.iso.datetime({ offset: true }) test.
const uuidPattern = regexes.uuid();
const timestampPattern = regexes.datetime({ offset: true, local: false, precision: null });

// Listed here rather than read from the schemas: a field added there but not checked here must
// send its items to zod, not through unchecked (the unit test compares the lists).
const commonKeys = ["kind", "id", "appId", "timestamp", "environment", "appVersion", "sessionId", "userId", "properties"];
export const keysOf = {
  event: new Set([...commonKeys, "name", "level", "message", "error"]),
  metric: new Set([...commonKeys, "metric", "phase", "value", "durationMs"]),
  funnel: new Set([...commonKeys, "funnel", "step", "stepIndex"]),
};
export const errorKeys = new Set(["type", "stack", "fingerprint"]);
const environments = new Set<unknown>(eventEnvironments);
const levels = new Set<unknown>(eventLevels);
const phases = new Set<unknown>(metricPhases);

type Fields = Record<string, unknown>;
// What a field check answers when the fast path cannot accept the value.
const NO = Symbol("no");

const isFields = (value: unknown): value is Fields => typeof value === "object" && value !== null && !Array.isArray(value);

/** zod's strictObject: every key (for…in, as zod walks them) must be one of the shape's. */
function onlyKnownKeys(fields: Fields, known: Set<string>): boolean {
  for (const key in fields) if (!known.has(key)) return false;
  return true;
}

// text(): a string of at most `max` UTF-16 units (zod counts code points, so a longer string is
// zod's to judge), NUL characters removed.
function text(value: unknown, max: number): string | typeof NO {
  if (typeof value !== "string" || value.length > max) return NO;
  return value.includes("\u0000") ? value.replaceAll("\u0000", "") : value;
}

// label(): text() that is not empty once NULs are removed.
function label(value: unknown, max: number): string | typeof NO {
  const checked = text(value, max);
  return checked === "" ? NO : checked;
}

function wholeNumber(value: unknown, max: number): number | typeof NO {
  return Number.isSafeInteger(value) && (value as number) >= 0 && (value as number) <= max ? (value as number) : NO;
}

/**
 * .optional(): an absent key stays absent and a present undefined stays undefined, as zod
 * parses them; anything else must pass `check`. Answers false when it does not.
 */
function optional(fields: Fields, key: string, out: Fields, check: (value: unknown) => unknown): boolean {
  if (!(key in fields)) return true;
  const value = fields[key];
  if (value === undefined) {
    out[key] = undefined;
    return true;
  }
  const checked = check(value);
  if (checked === NO) return false;
  out[key] = checked;
  return true;
}

// An enum with a default: undefined takes the default.
function choice(value: unknown, allowed: Set<unknown>, fallback: string): unknown {
  if (value === undefined) return fallback;
  return allowed.has(value) ? value : NO;
}

/**
 * The properties' JSON when zod would accept them unchanged. Only objects whose prototype is
 * Object.prototype, without an own __proto__ key or symbol keys: for those zod's copy (own
 * enumerable string keys) serialises exactly as the object does.
 */
function propertiesJson(value: unknown): string | typeof NO {
  if (value === undefined) return "{}";
  if (!util.isPlainObject(value) || Object.getPrototypeOf(value) !== Object.prototype) return NO;
  let keys = 0;
  for (const key in value) {
    if (key.length > MAX_PROPERTY_NAME_LENGTH || key === "__proto__") return NO;
    keys += 1;
  }
  if (keys > MAX_PROPERTIES_KEYS || Object.getOwnPropertySymbols(value).length > 0) return NO;
  const json = JSON.stringify(value);
  return json.length > MAX_PROPERTIES_BYTES || json.includes("\\u0000") ? NO : json;
}

// The optional fields' checks, made once rather than per item.
const uuid = (value: unknown) => (typeof value === "string" && uuidPattern.test(value) ? value : NO);
const finite = (value: unknown) => (typeof value === "number" && Number.isFinite(value) ? value : NO);
const appVersion = (value: unknown) => text(value, textLimits.appVersion);
const sessionId = (value: unknown) => text(value, textLimits.sessionId);
const userId = (value: unknown) => text(value, textLimits.userId);
const message = (value: unknown) => text(value, textLimits.message);
const stack = (value: unknown) => text(value, textLimits.errorStack);
const fingerprint = (value: unknown) => label(value, textLimits.errorFingerprint);
const durationMs = (value: unknown) => wholeNumber(value, MAX_DURATION_MS);
const stepIndex = (value: unknown) => wholeNumber(value, MAX_STEP_INDEX);

function checkError(value: unknown): Fields | typeof NO {
  if (!isFields(value) || !onlyKnownKeys(value, errorKeys)) return NO;
  const type = label(value.type, textLimits.errorType);
  if (type === NO) return NO;
  const out: Fields = { type };
  if (!optional(value, "stack", out, stack)) return NO;
  if (!optional(value, "fingerprint", out, fingerprint)) return NO;
  return out;
}

/** The item parsed as ingestItemSchema would parse it, or null for zod to decide. */
export function fastCheckItem(raw: unknown): CheckedItem | null {
  if (!isFields(raw)) return null;
  const kind = raw.kind;
  if (kind !== "event" && kind !== "metric" && kind !== "funnel") return null;
  if (!onlyKnownKeys(raw, keysOf[kind])) return null;
  const timestamp = raw.timestamp;
  if (typeof timestamp !== "string" || !timestampPattern.test(timestamp)) return null;
  const environment = choice(raw.environment, environments, "production");
  const properties = propertiesJson(raw.properties);
  if (environment === NO || properties === NO) return null;

  // The schema's key order: kind, the common fields, then the kind's own.
  const out: Fields = { kind };
  if (!optional(raw, "id", out, uuid) || !optional(raw, "appId", out, uuid)) return null;
  out.timestamp = new Date(timestamp);
  out.environment = environment;
  if (!optional(raw, "appVersion", out, appVersion) || !optional(raw, "sessionId", out, sessionId) || !optional(raw, "userId", out, userId)) return null;
  out.properties = raw.properties === undefined ? {} : raw.properties;
  if (!kindFields(kind, raw, out)) return null;
  return { item: out as unknown as IngestItem, propertiesJson: properties };
}

function kindFields(kind: IngestItem["kind"], raw: Fields, out: Fields): boolean {
  if (kind === "event") {
    const name = label(raw.name, textLimits.name);
    const level = choice(raw.level, levels, "info");
    if (name === NO || level === NO) return false;
    out.name = name;
    out.level = level;
    return optional(raw, "message", out, message) && optional(raw, "error", out, checkError);
  }
  if (kind === "metric") {
    const metric = label(raw.metric, textLimits.metric);
    const phase = choice(raw.phase, phases, "record");
    if (metric === NO || phase === NO) return false;
    out.metric = metric;
    out.phase = phase;
    return optional(raw, "value", out, finite) && optional(raw, "durationMs", out, durationMs);
  }
  const funnel = label(raw.funnel, textLimits.funnel);
  const step = label(raw.step, textLimits.step);
  if (funnel === NO || step === NO) return false;
  out.funnel = funnel;
  out.step = step;
  return optional(raw, "stepIndex", out, stepIndex);
}
