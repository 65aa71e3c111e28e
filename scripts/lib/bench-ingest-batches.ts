// The events an app sends, for the bench: batches of 1,000 mixed items (mostly plain events, about
// 5% error events with a stack and no fingerprint of their own, some metrics and funnel steps), each with a fresh client-chosen id
// and a timestamp in the last ten minutes. A seeded generator gives every variant of a repetition
// the same mix; only the ids differ, so no variant meets another's rows as duplicates.
import { randomUUID } from "node:crypto";
import type { IngestItemInput } from "@/lib/events/schemas";

const eventNames = ["screen_view", "button_tap", "app_open", "purchase_started", "login", "search", "settings_changed", "share"];
const screens = ["Home", "Settings", "Paywall", "Search", "Profile", "Onboarding"];
const metrics = ["photo-upload", "app-launch", "sync", "image-decode"];
const funnelSteps = ["welcome", "permissions", "account", "paywall", "done"];
// About 1.6 KB, like a React Native or Swift stack of twenty frames.
export const errorStack = Array.from(
  { length: 20 },
  (_, index) => `    at ${["fetchJson", "loadFeed", "FeedScreen.render", "commitRoot", "flushWork"][index % 5]} (app/src/feature-${index}/module.ts:${100 + index * 7}:${12 + index})`,
).join("\n");

/** mulberry32: small, fast, and the same sequence for the same seed. */
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

function item(random: () => number, now: number): IngestItemInput {
  const pick = <T>(values: readonly T[]) => values[Math.floor(random() * values.length)]!;
  const common = {
    id: randomUUID(),
    timestamp: new Date(now - Math.floor(random() * 600_000)).toISOString(),
    appVersion: `2.${Math.floor(random() * 5)}.0`,
    sessionId: `session-${Math.floor(random() * 5000)}`,
    userId: `user-${Math.floor(random() * 50_000)}`,
    properties: { screen: pick(screens), platform: random() < 0.7 ? "ios" : "android", locale: "en-US", build: 1000 + Math.floor(random() * 300) },
  };
  const roll = random();
  if (roll < 0.05) {
    return {
      kind: "event",
      ...common,
      name: "request_failed",
      level: "error",
      message: "Request failed with status 500",
      // No client fingerprint: the server computes the from the type, message and stack.
      error: { type: "NetworkError", stack: errorStack },
    };
  }
  if (roll < 0.8) {
    const level = random() < 0.1 ? "debug" : random() < 0.05 ? "warn" : "info";
    return { kind: "event", ...common, name: pick(eventNames), level, ...(random() < 0.3 ? { message: `Opened ${pick(screens)}` } : {}) };
  }
  if (roll < 0.92) {
    return { kind: "metric", ...common, metric: pick(metrics), phase: pick(["start", "complete", "record"] as const), value: Math.round(random() * 1000) / 10, durationMs: Math.floor(random() * 5000) };
  }
  const stepIndex = Math.floor(random() * funnelSteps.length);
  return { kind: "funnel", ...common, funnel: "onboarding", step: funnelSteps[stepIndex]!, stepIndex };
}

/** `count` batches of `size` items; the same `seed` gives the same mix (fresh ids every call). */
export function makeBatches(count: number, size: number, seed: number, now = Date.now()): IngestItemInput[][] {
  const random = seeded(seed);
  return Array.from({ length: count }, () => Array.from({ length: size }, () => item(random, now)));
}
