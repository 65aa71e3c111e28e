// One app session as the SDK would report it: app-launch timing, screens and taps, photo uploads,
// the onboarding and purchase funnels, and now and then one of the recurring errors.
import type { IngestItemInput } from "@/lib/events/schemas";
import { onboarding, purchase, tapTargets, transitions, type DemoPlatform, type FunnelStep, type Screen } from "./app-model";
import { errorsAt, type RecurringError } from "./errors";
import type { Prng } from "./prng";

export interface DemoAttachment {
  /** The error event's id. */
  eventId: string;
  fileName: string;
  contentType: string;
  content: string;
}

export interface SessionUser {
  id: string;
  os: string;
  device: string;
  locale: string;
  pro: boolean;
}

export interface SessionInput {
  random: Prng;
  appId: string;
  platform: DemoPlatform;
  user: SessionUser;
  version: string;
  environment: "production" | "development";
  startMs: number;
  /** Never go past this instant (the generator's now). */
  endMs: number;
  launchMedianMs: number;
  /** A first session goes through onboarding. */
  firstSession: boolean;
  /** The chance a recurring error carries an attachment. */
  attachmentRate: number;
}

export interface Session {
  items: IngestItemInput[];
  attachments: DemoAttachment[];
  /** Whether the person finished the account step (a first session that did not never comes back). */
  retained: boolean;
}

const SECOND = 1000;
const MAX_SCREENS = 8;

export function generateSession(input: SessionInput): Session {
  const { random, user, platform, version, environment } = input;
  const items: IngestItemInput[] = [];
  const attachments: DemoAttachment[] = [];
  const sessionId = random.uuid();
  let at = input.startMs;
  const common = (ms: number) => ({
    id: random.uuid(),
    appId: input.appId,
    timestamp: new Date(Math.min(ms, input.endMs)).toISOString(),
    environment,
    appVersion: version,
    sessionId,
    userId: user.id,
  });
  const event = (name: string, properties: Record<string, string | number | boolean>, level: "debug" | "info" | "warn" = "info", message?: string) =>
    items.push({ kind: "event", ...common(at), name, level, properties, ...(message ? { message } : {}) });
  const metric = (name: string, phase: "start" | "complete" | "fail" | "cancel" | "record", fields: { durationMs?: number; value?: number; properties?: Record<string, string | number | boolean> }) =>
    items.push({ kind: "metric", ...common(at), metric: name, phase, ...fields });
  const funnelStep = (funnel: string, steps: readonly FunnelStep[], index: number, properties: Record<string, string> = {}) =>
    items.push({ kind: "funnel", ...common(at), funnel, step: steps[index]!.step, stepIndex: index, properties });
  /** Reports one of the errors that can happen here, if one does. */
  const maybeFail = (errors: RecurringError[], properties: Record<string, string>): RecurringError | undefined => {
    const error = errors.find((candidate) => random.chance(candidate.rate));
    if (!error) return undefined;
    const fields = common(at);
    items.push({
      kind: "event",
      ...fields,
      name: error.fatal ? "crash" : "error",
      level: "error",
      message: error.message,
      error: { type: error.type, stack: error.stack, ...(error.fingerprint ? { fingerprint: error.fingerprint } : {}) },
      properties: { ...properties, fatal: error.fatal, os: user.os, device: user.device },
    });
    if (error.attachment && random.chance(input.attachmentRate)) attachments.push(attachmentFor(error, fields.id, items, user));
    return error;
  };
  const advance = (medianMs: number, spread = 0.6) => (at += Math.round(random.lognormal(medianMs, spread)));

  // The launch: a cold start most of the time; 1.2.0 made it a quarter faster.
  const coldStart = random.chance(0.7);
  event("session_start", { os: user.os, device: user.device, locale: user.locale, coldStart });
  const tracking = random.uuid().slice(0, 8);
  metric("app-launch", "start", { properties: { coldStart, trackingId: tracking } });
  const launchMs = Math.round(random.lognormal(input.launchMedianMs * (version === "1.2.0" ? 0.75 : 1) * (coldStart ? 1 : 0.35), 0.35));
  at += launchMs;
  if (random.chance(0.004)) {
    metric("app-launch", "fail", { durationMs: launchMs, properties: { coldStart, trackingId: tracking, reason: "watchdog_timeout" } });
    return { items, attachments, retained: !input.firstSession };
  }
  metric("app-launch", "complete", { durationMs: launchMs, properties: { coldStart, trackingId: tracking } });
  if (random.chance(0.25)) metric("image-cache-size", "record", { value: Math.round(random.lognormal(90, 0.6) * 10) / 10, properties: { unit: "MB" } });

  let screen: Screen = "Home";
  if (input.firstSession) {
    event("screen_view", { screen: "Onboarding" });
    const steps = onboarding.steps.map((step) => (step.step === "create_account" && version === "1.2.0" ? { ...step, reach: onboarding.createAccountReachFrom120 } : step));
    let reached = 0;
    funnelStep(onboarding.funnel, steps, 0);
    while (reached + 1 < steps.length && random.chance(steps[reached + 1]!.reach)) {
      advance(15 * SECOND);
      reached += 1;
      funnelStep(onboarding.funnel, steps, reached, reached === 2 ? { method: random.pick(platform === "apple" ? ["email", "apple"] : ["email", "google"]) } : {});
    }
    // Leaving before the account exists: they never come back.
    if (reached < 2) return { items, attachments, retained: false };
    if (reached === 3) screen = "Upload";
  }

  let previous = "launch";
  for (let visit = 0; visit < MAX_SCREENS; visit += 1) {
    advance(800, 0.4);
    if (screen === "Paywall" && user.pro) screen = "Home";
    event("screen_view", { screen, previous });
    if (environment === "development") event("cache_lookup", { screen, hit: random.chance(0.7) }, "debug");
    const taps = random.int(0, 2);
    for (let tap = 0; tap < taps; tap += 1) {
      advance(4 * SECOND, 0.8);
      event("tap", { screen, target: random.pick(tapTargets[screen]) });
    }
    if (screen === "Upload") uploadPhoto();
    if (screen === "Paywall") openPaywall(previous);
    advance(6 * SECOND, 0.9);
    if (random.chance(0.01)) event("low_memory", { screen, availableMb: random.int(40, 180) }, "warn", "Received a memory warning");
    if (maybeFail(errorsAt(platform, version, screen), { screen })?.fatal) return { items, attachments, retained: true };
    const next: Screen | null = random.weighted(transitions[screen]);
    if (next === null) break;
    previous = screen;
    screen = next;
  }
  return { items, attachments, retained: true };

  function uploadPhoto(): void {
    advance(3 * SECOND);
    const sizeKb = random.int(600, 4800);
    const network = random.weighted([["wifi", 65], ["cellular", 35]] as const);
    const properties = { sizeKb, network, trackingId: random.uuid().slice(0, 8) };
    metric("photo-upload", "start", { properties });
    const durationMs = Math.round((sizeKb / (network === "wifi" ? 2200 : 450)) * 1000 * random.lognormal(1, 0.35)) + 150;
    const outcome = random.weighted([["complete", 90], ["fail", network === "wifi" ? 3 : 12], ["cancel", 4]] as const);
    at += outcome === "cancel" ? Math.round(durationMs * random.next()) : durationMs;
    if (outcome === "fail") {
      const reason = random.weighted([["timeout", 60], ["offline", 25], ["server_error", 15]] as const);
      metric("photo-upload", "fail", { durationMs: Math.min(durationMs, 30_000), properties: { ...properties, reason } });
      event("upload_failed", { reason, network }, "warn", `Photo upload failed: ${reason}`);
    } else {
      metric("photo-upload", outcome, { durationMs, properties });
    }
  }

  /** The purchase funnel, as far as this person goes. */
  function openPaywall(source: string): void {
    const plan = random.weighted([["annual", 60], ["monthly", 40]] as const);
    funnelStep(purchase.funnel, purchase.steps, 0, { source });
    for (let index = 1; index < purchase.steps.length; index += 1) {
      if (!random.chance(purchase.steps[index]!.reach)) return;
      advance(8 * SECOND, 0.7);
      if (index === 3) user.pro = true;
      funnelStep(purchase.funnel, purchase.steps, index, { source, plan });
      // The checkout's web view breaks for some; they do not complete the purchase.
      if (index === 2 && maybeFail(errorsAt(platform, version, "checkout"), { screen: "Checkout" })) return;
    }
  }
}

// What an SDK attaches to a crash: the session's last breadcrumbs, or the response that failed to decode.
function attachmentFor(error: RecurringError, eventId: string, items: IngestItemInput[], user: SessionUser): DemoAttachment {
  if (error.attachment === "response") {
    const profile = { id: user.id, displayName: `Demo user ${user.id.slice(-3)}`, locale: user.locale, plan: user.pro ? "pro" : "free", photoCount: 128, createdAt: "2026-03-14T09:12:44Z" };
    return { eventId, fileName: "profile-response.json", contentType: "application/json", content: `${JSON.stringify(profile, null, 2)}\n` };
  }
  const breadcrumbs = items.slice(-17, -1).map((item) => {
    const what = item.kind === "event" ? item.name : item.kind === "metric" ? `${item.metric} ${item.phase ?? "record"}` : `${item.funnel} ${item.step}`;
    return `${item.timestamp} ${what} ${JSON.stringify(item.properties ?? {})}`;
  });
  return { eventId, fileName: "breadcrumbs.log", contentType: "text/plain", content: `${breadcrumbs.join("\n")}\n${error.type}: ${error.message}\n` };
}
