// The ingest fast path (lib/events/fast-check.ts) against zod, on a generated corpus of valid and
// invalid items: every field's edge values one at a time, then thousands of random combinations,
// each also after a JSON round trip (what the route hands over). The fast path must never accept
// what zod rejects, must parse what it accepts exactly as zod does, and may leave a valid item to
// zod only for the few inputs marked so below.
import { describe, expect, it } from "vitest";
import { regexes } from "zod/v4/core";
import { checkItem } from "@/lib/events/check-item";
import { errorKeys, fastCheckItem, keysOf } from "@/lib/events/fast-check";
import { eventItemSchema, funnelItemSchema, ingestItemSchema, metricItemSchema, textLimits } from "@/lib/events/schemas";

const NOW = Date.UTC(2026, 11, 1, 10);
const ABSENT = Symbol("absent");
/** A value the fast path may leave to zod even though zod accepts it. */
class ZodDecides {
  constructor(readonly value: unknown) {}
}
type Candidate = unknown;
interface Values {
  valid: Candidate[];
  invalid: Candidate[];
}

const wrongTypes: Candidate[] = [null, true, 0, -1.5, Number.NaN, Number.POSITIVE_INFINITY, [], ["a"], {}, new Date(NOW), BigInt(5)];

function textValues(max: number): Values {
  return {
    valid: ["a", " padded ", "x".repeat(max - 1), "x".repeat(max), "a\u0000b", "\u0000", `${"x".repeat(max - 1)}\u0000`, "é".repeat(max), "😀".repeat(Math.floor(max / 2)), "\ud800", new ZodDecides("😀".repeat(max))],
    invalid: ["x".repeat(max + 1), `${"x".repeat(max)}\u0000`, `${"😀".repeat(max)}a`, ...wrongTypes],
  };
}
// A label is text that is not empty once NULs are gone.
function labelValues(max: number): Values {
  const { valid, invalid } = textValues(max);
  return { valid: valid.filter((value) => value !== "\u0000"), invalid: [...invalid, "", "\u0000", "\u0000\u0000"] };
}
const optional = ({ valid, invalid }: Values): Values => ({ valid: [ABSENT, undefined, ...valid], invalid });
const uuids: Values = {
  valid: [ABSENT, undefined, "0b9a3f5e-3c1d-4f7a-9e2b-5d8c7a6b4e21", "0B9A3F5E-3C1D-4F7A-9E2B-5D8C7A6B4E21", "00000000-0000-0000-0000-000000000000", "ffffffff-ffff-ffff-ffff-ffffffffffff", "0b9a3f5e-3c1d-8f7a-ae2b-5d8c7a6b4e21"],
  invalid: ["0b9a3f5e-3c1d-0f7a-9e2b-5d8c7a6b4e21", "0b9a3f5e-3c1d-4f7a-7e2b-5d8c7a6b4e21", "0b9a3f5e3c1d4f7a9e2b5d8c7a6b4e21", "{0b9a3f5e-3c1d-4f7a-9e2b-5d8c7a6b4e21}", " 0b9a3f5e-3c1d-4f7a-9e2b-5d8c7a6b4e21", "not-a-uuid", "", ...wrongTypes],
};
const enumValues = (values: readonly string[]): Values => ({ valid: [ABSENT, undefined, ...values], invalid: [...values.map((value) => value.toUpperCase()), "", " info", ...wrongTypes] });
const iso = (ms: number) => new Date(ms).toISOString();
const timestamps: Values = {
  valid: [
    iso(NOW), "2026-12-01T10:00:00Z", "2026-12-01T10:00:00.1Z", "2026-12-01T10:00:00.123456Z", "2026-12-01T10:00:00.1239Z", "2026-12-01T10:00:00+05:30", "2026-12-01T10:00:00-23:59",
    "2024-02-29T00:00:00Z", "2000-02-29T12:00:00Z", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999+00:00", "1970-01-01T00:00:00Z",
    // Valid shapes that ingest refuses later: too far ahead, older than any retention.
    iso(NOW + 25 * 3600_000), iso(NOW - 4000 * 86_400_000), "2099-01-01T00:00:00Z",
  ],
  invalid: [
    ABSENT, undefined, "2023-02-29T00:00:00Z", "2100-02-29T00:00:00Z", "2026-12-01T10:00Z", "2026-12-01T10:00:00", "2026-12-01 10:00:00Z", "2026-12-01T10:00:00z", "2026-12-01T24:00:00Z",
    "2026-12-01T10:00:60Z", "2026-12-01T10:00:00+24:00", "2026-12-01T10:00:00+0530", "2026-13-01T00:00:00Z", "2026-12-01", "yesterday", "", ` ${iso(NOW)}`, `${iso(NOW)}\n`, NOW, ...wrongTypes,
  ],
};
const objectWithKeys = (count: number, key = (index: number) => `k${index}`) => Object.fromEntries(Array.from({ length: count }, (_, index) => [key(index), index]));
const ofJsonLength = (length: number) => ({ pad: "x".repeat(length - '{"pad":""}'.length) });
class Screen {
  name = "Home";
}
const properties: Values = {
  valid: [
    ABSENT, undefined, {}, { screen: "Home", build: 1042 }, { nested: { deep: [1, "x", null, true, { a: 1.5 }] } }, objectWithKeys(50), { ["k".repeat(100)]: 1 }, { "": "" }, { "1": 1, b: 2 },
    { constructor: "x" }, { constructor: { prototype: 1 } }, { toString: 1, hasOwnProperty: 2 }, { emoji: "😀", accents: "é" }, ofJsonLength(8192), { at: new Date(NOW) }, { gone: undefined },
    new ZodDecides(JSON.parse('{"__proto__": {"x": 1}, "b": 1}')), new ZodDecides(Object.assign(Object.create(null), { a: 1 })), new ZodDecides({ ["😀".repeat(50)]: 1 }),
  ],
  invalid: [
    null, [], ["a"], "screen", 1, true, objectWithKeys(51), { ["k".repeat(101)]: 1 }, ofJsonLength(8193), { a: "\u0000" }, { "a\u0000": 1 }, { path: "C:\\u0000dir" }, { deep: { a: ["\u0000"] } },
    new Date(NOW), new Map([["a", 1]]), new Screen(), { [Symbol("s")]: 1 }, { constructor: function Fake() {} },
  ],
};
const errors: Values = {
  valid: [ABSENT, undefined, { type: "TypeError" }, { type: "E", stack: "at main()" }, { type: "E", fingerprint: "checkout-500" }, { type: "E", stack: "x".repeat(50_000) }, { type: "\u0000E" }, { type: "E", stack: undefined }, { type: "E", stack: "\u0000" }, new ZodDecides({ type: "😀".repeat(200) })],
  invalid: [null, {}, { type: "" }, { type: "\u0000" }, { type: "E", extra: 1 }, { type: "E", fingerprint: "" }, { type: "E", stack: "x".repeat(50_001) }, { type: 1 }, { stack: "at x" }, [], "E"],
};
const numbers: Values = { valid: [ABSENT, undefined, 0, -0, 1.5, -1e308, 1e308, Number.MIN_VALUE, 2 ** 60], invalid: [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, "5", null, true, [], BigInt(5)] };
const wholeNumbers = (max: number): Values => ({ valid: [ABSENT, undefined, 0, -0, 1, max], invalid: [-1, 0.5, max + 1, 2 ** 53, Number.NaN, Number.POSITIVE_INFINITY, "1", null, BigInt(1)] });

const common = {
  id: uuids,
  appId: uuids,
  timestamp: timestamps,
  environment: enumValues(["production", "development"]),
  appVersion: optional(textValues(textLimits.appVersion)),
  sessionId: optional(textValues(textLimits.sessionId)),
  userId: optional(textValues(textLimits.userId)),
  properties,
};
const fieldsOf = {
  event: { ...common, name: labelValues(textLimits.name), level: enumValues(["debug", "info", "warn", "error"]), message: optional(textValues(textLimits.message)), error: errors },
  metric: { ...common, metric: labelValues(textLimits.metric), phase: enumValues(["start", "complete", "fail", "cancel", "record"]), value: numbers, durationMs: wholeNumbers(2_147_483_647) },
  funnel: { ...common, funnel: labelValues(textLimits.funnel), step: labelValues(textLimits.step), stepIndex: wholeNumbers(1000) },
} as const;
type Kind = keyof typeof fieldsOf;
const kinds = Object.keys(fieldsOf) as Kind[];

/** mulberry32: the same corpus every run. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

interface Sample {
  raw: unknown;
  zodDecides: boolean;
}

function place(item: Record<string, unknown>, key: string, candidate: Candidate): boolean {
  const value = candidate instanceof ZodDecides ? candidate.value : candidate;
  if (value === ABSENT) delete item[key];
  else item[key] = value;
  return candidate instanceof ZodDecides;
}

function sample(kind: Kind, random: () => number, changes: Array<[string, Candidate]>): Sample {
  const pick = <T>(values: readonly T[]) => values[Math.floor(random() * values.length)]!;
  const item: Record<string, unknown> = { kind };
  let zodDecides = false;
  // The base: a valid value for every field, none of those left to zod (the changes may bring them).
  for (const [key, values] of Object.entries(fieldsOf[kind])) place(item, key, pick(values.valid.filter((value) => !(value instanceof ZodDecides))));
  for (const [key, candidate] of changes) zodDecides = place(item, key, candidate) || zodDecides;
  return { raw: item, zodDecides };
}

// Whole items that are not what a kind's fields make: other shapes, unknown keys, inherited fields.
function oddItems(random: () => number): Sample[] {
  const valid = () => sample("event", random, []).raw as Record<string, unknown>;
  const withProto = valid();
  Object.defineProperty(withProto, "__proto__", { value: 1, enumerable: true });
  return [
    "not an object", 1, null, undefined, [], [valid()], new Date(NOW), new Map(), Object.create(null),
    { ...valid(), surprise: true }, withProto, JSON.parse(`{"kind":"event","name":"x","timestamp":"${iso(NOW)}","__proto__":{}}`),
    { ...valid(), kind: "pageview" }, { ...valid(), kind: "Event" }, { ...valid(), kind: null }, { ...valid(), kind: undefined }, { ...valid(), level: "error", error: undefined },
    Object.assign(Object.create({ name: "inherited", timestamp: iso(NOW) }), { kind: "event" }),
    Object.assign(Object.create({ surprise: 1 }), valid()),
    { ...sample("metric", random, []).raw as object, name: "from another kind" },
  ].map((raw) => ({ raw, zodDecides: false }));
}

function corpus(): Sample[] {
  const random = seeded(11);
  const samples: Sample[] = [];
  // Every field's every edge value, one at a time.
  for (const kind of kinds) {
    for (const [key, values] of Object.entries(fieldsOf[kind])) {
      for (const candidate of [...values.valid, ...values.invalid]) samples.push(sample(kind, random, [[key, candidate]]));
    }
  }
  // Random combinations: a valid item with up to three fields changed, to anything.
  for (let index = 0; index < 6000; index += 1) {
    const kind = kinds[Math.floor(random() * kinds.length)]!;
    const fields = Object.entries(fieldsOf[kind]);
    const changes = Array.from({ length: Math.floor(random() * 4) }, (): [string, Candidate] => {
      const [key, values] = fields[Math.floor(random() * fields.length)]!;
      const candidates = [...values.valid, ...values.invalid];
      return [key, candidates[Math.floor(random() * candidates.length)]];
    });
    samples.push(sample(kind, random, changes));
  }
  samples.push(...oddItems(random));
  // The same items as the route hands them over: after JSON.
  const roundTripped = samples.flatMap(({ raw, zodDecides }) => {
    try {
      const json = JSON.stringify(raw);
      return json === undefined ? [] : [{ raw: JSON.parse(json) as unknown, zodDecides }];
    } catch {
      return []; // BigInt: not JSON
    }
  });
  return [...samples, ...roundTripped];
}

function zodReason(raw: unknown): string {
  const issue = ingestItemSchema.safeParse(raw).error!.issues[0]!;
  return `${issue.path.length > 0 ? `${issue.path.map(String).join(".")}: ` : ""}${issue.message}`;
}

// Each test walks the whole corpus (thousands of zod parses): time enough on a busy machine.
describe("the ingest fast path", { timeout: 60_000 }, () => {
  const samples = corpus();

  it("tests UUIDs and timestamps with the patterns the schema's zod types hold", () => {
    const patternOf = (schema: unknown) => (schema as { _zod: { def: { pattern: RegExp } } })._zod.def.pattern.source;
    const shape = eventItemSchema.shape as unknown as Record<"id" | "timestamp", { _zod: { def: { innerType: unknown; in: unknown } } }>;
    expect(patternOf(shape.timestamp._zod.def.in)).toBe(regexes.datetime({ offset: true, local: false, precision: null }).source);
    expect(patternOf(shape.id._zod.def.innerType)).toBe(regexes.uuid().source);
  });

  it("knows exactly the fields the schemas have", () => {
    const schemas = { event: eventItemSchema, metric: metricItemSchema, funnel: funnelItemSchema };
    for (const kind of kinds) expect([...keysOf[kind]].sort()).toEqual(Object.keys(schemas[kind].shape).sort());
    const errorSchema = eventItemSchema.shape.error.unwrap();
    expect([...errorKeys].sort()).toEqual(Object.keys(errorSchema.shape).sort());
  });

  it("never accepts what zod rejects, and parses what it accepts exactly as zod does", () => {
    let accepted = 0;
    let valid = 0;
    for (const { raw } of samples) {
      const fast = fastCheckItem(raw);
      const parsed = ingestItemSchema.safeParse(raw);
      if (parsed.success) valid += 1;
      if (!fast) continue;
      accepted += 1;
      if (!parsed.success) throw new Error(`the fast path accepted what zod rejects (${zodReason(raw)}): ${String(JSON.stringify(raw)).slice(0, 300)}`);
      expect(fast.item).toStrictEqual(parsed.data);
      expect(fast.propertiesJson).toBe(JSON.stringify(parsed.data.properties));
    }
    // Not vacuous: both verdicts are well represented, and nearly every valid item skips zod.
    expect(valid).toBeGreaterThan(samples.length / 5);
    expect(samples.length - valid).toBeGreaterThan(samples.length / 5);
    expect(accepted).toBeGreaterThan(valid * 0.9);
  });

  it("reaches the same verdict as zod, except on the inputs it leaves to zod", () => {
    const leftToZod = samples.filter(({ raw }) => !fastCheckItem(raw) && ingestItemSchema.safeParse(raw).success);
    expect(leftToZod.filter((entry) => !entry.zodDecides).map(({ raw }) => String(JSON.stringify(raw)).slice(0, 200))).toEqual([]);
    expect(leftToZod.length).toBeGreaterThan(0);
  });

  it("gives every item the verdict, parsed value and reason zod gives it", () => {
    for (const { raw } of samples) {
      const parsed = ingestItemSchema.safeParse(raw);
      const checked = checkItem(raw);
      if (parsed.success) {
        expect(checked).toStrictEqual({ item: parsed.data, propertiesJson: JSON.stringify(parsed.data.properties) });
      } else {
        expect(checked).toEqual({ reason: zodReason(raw) });
      }
    }
  });
});
