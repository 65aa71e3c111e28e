// The Apple Ads sandbox's advertisers: accounts (the API credentials), their orgs, each org's
// campaigns (each for one app, by adamId) and ad groups, and every ad group's metrics for every
// day, generated from its id and the date so a report and a test's expected sum always agree.
// Campaign metrics are the sums of their ad groups'.
import { random } from "../random";

export interface SandboxAdGroup {
  id: number;
  name: string;
  status?: "ENABLED" | "PAUSED";
}

export interface SandboxCampaign {
  id: number;
  name: string;
  /** The advertised app's App Store id. */
  adamId: number;
  appName?: string;
  status?: "ENABLED" | "PAUSED";
  adGroups: SandboxAdGroup[];
  /** How many days before today the campaign started serving (default 500: older than any window). */
  startedDaysAgo?: number;
  /** How many days before today it stopped (default: it still serves). */
  endedDaysAgo?: number;
}

export interface SandboxAdsOrg {
  orgId: number;
  orgName: string;
  currency: string;
  timeZone: string;
  campaigns?: SandboxCampaign[];
}

export interface SandboxAdsAccount {
  clientId: string;
  teamId: string;
  keyId: string;
  /** PEM; the sandbox registers its public half, as an advertiser uploads it in the Ads UI. */
  privateKeyPem: string;
  orgs: SandboxAdsOrg[];
}

/** One day's metrics, as integers (spend in cents). */
export interface DayMetrics {
  impressions: number;
  taps: number;
  tapInstalls: number;
  viewInstalls: number;
  spendCents: number;
}

const DAY_MS = 86_400_000;
const dayNumber = (date: string) => Math.round(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
export const todayUtc = () => new Date().toISOString().slice(0, 10);
export const shiftDays = (date: string, days: number) => new Date((dayNumber(date) + days) * DAY_MS).toISOString().slice(0, 10);

export const zeroMetrics = (): DayMetrics => ({ impressions: 0, taps: 0, tapInstalls: 0, viewInstalls: 0, spendCents: 0 });

export function addMetrics(into: DayMetrics, more: DayMetrics): DayMetrics {
  into.impressions += more.impressions;
  into.taps += more.taps;
  into.tapInstalls += more.tapInstalls;
  into.viewInstalls += more.viewInstalls;
  into.spendCents += more.spendCents;
  return into;
}

function serves(campaign: SandboxCampaign, day: number, today: number): boolean {
  return day >= today - (campaign.startedDaysAgo ?? 500) && day <= today - (campaign.endedDaysAgo ?? 0);
}

/** An ad group's metrics on one day: the same numbers for the same id and date, every time. */
export function adGroupDay(campaign: SandboxCampaign, adGroup: SandboxAdGroup, date: string, today = todayUtc()): DayMetrics {
  const day = dayNumber(date);
  if (!serves(campaign, day, dayNumber(today))) return zeroMetrics();
  const next = random(Number((BigInt(adGroup.id) * 1_000_003n + BigInt(day)) % 4_294_967_296n));
  // About one day in ten an ad group shows nothing (budget spent, paused for the day).
  if (next() < 0.1) return zeroMetrics();
  const impressions = 50 + Math.floor(next() * 400);
  const taps = Math.floor(impressions * (0.02 + next() * 0.08));
  const tapInstalls = Math.floor(taps * (0.3 + next() * 0.4));
  const viewInstalls = Math.floor(next() * 3);
  // 0.40 to 1.99 a tap.
  const spendCents = taps * (40 + Math.floor(next() * 160));
  return { impressions, taps, tapInstalls, viewInstalls, spendCents };
}

/** Every date from `from` to `to`, both included. */
export function* days(from: string, to: string): Generator<string> {
  for (let day = dayNumber(from); day <= dayNumber(to); day += 1) yield new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function adGroupTotals(campaign: SandboxCampaign, adGroup: SandboxAdGroup, from: string, to: string, today = todayUtc()): DayMetrics {
  const total = zeroMetrics();
  for (const date of days(from, to)) addMetrics(total, adGroupDay(campaign, adGroup, date, today));
  return total;
}

export function campaignTotals(campaign: SandboxCampaign, from: string, to: string, today = todayUtc()): DayMetrics {
  const total = zeroMetrics();
  for (const adGroup of campaign.adGroups) addMetrics(total, adGroupTotals(campaign, adGroup, from, to, today));
  return total;
}

export function campaignDay(campaign: SandboxCampaign, date: string, today = todayUtc()): DayMetrics {
  const total = zeroMetrics();
  for (const adGroup of campaign.adGroups) addMetrics(total, adGroupDay(campaign, adGroup, date, today));
  return total;
}

/** Cents as Apple writes money: a decimal string, e.g. 1234 → "12.34". */
export const amount = (cents: number) => `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, "0")}`;
