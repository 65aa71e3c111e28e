// How the Analytics page words its figures: metric names, compact values, the backtest error,
// days and locales. Pure: server and browser, and the unit tests.
import type { Metric, TranslationField } from "@/lib/analytics-views/types";

export const metricLabels: Record<Metric, string> = { downloads: "Downloads", sessions: "Sessions", proceeds: "Proceeds (USD)" };

// In the order the store listing shows them.
export const fieldLabels: Record<TranslationField, string> = { description: "Description", keywords: "Keywords", whatsNew: "What's New", promotionalText: "Promotional text" };
export const fieldOrder = Object.keys(fieldLabels) as TranslationField[];

const compact = new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 1 });
const compactUsd = new Intl.NumberFormat("en-US", { notation: "compact", minimumFractionDigits: 0, maximumFractionDigits: 1, style: "currency", currency: "USD" });
const whole = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const usd = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", maximumFractionDigits: 0 });

/** An axis label: 12300 → "12.3K", or "$12.3K" for proceeds. */
export const tickText = (metric: Metric, value: number) => (metric === "proceeds" ? compactUsd : compact).format(value);

/** A total: 12345.6 → "12,346", or "$12,346" for proceeds. */
export const totalText = (metric: Metric, value: number) => (metric === "proceeds" ? usd : whole).format(value);

/** 0.0623 → "6.2 %". */
export const mapeText = (fraction: number) => `${(Math.round(fraction * 1000) / 10).toFixed(1)} %`;

/** "2026-03-01" → "Mar 1", the same on the server and in every browser. */
export const shortDay = (iso: string) => new Date(`${iso.slice(0, 10)}T00:00:00Z`).toLocaleDateString("en-US", { month: "short", day: "numeric", timeZone: "UTC" });

/** "2026-03-01" → "Mar 1, 2026". */
export const longDay = (iso: string) => new Date(`${iso.slice(0, 10)}T00:00:00Z`).toLocaleDateString("en-US", { dateStyle: "medium", timeZone: "UTC" });

const languages = new Intl.DisplayNames(["en"], { type: "language", fallback: "code" });

/** App Store Connect's "de-DE" → "German (Germany)"; a code Intl does not know stays as it is. */
export function localeName(locale: string): string {
  try {
    return languages.of(locale) ?? locale;
  } catch {
    return locale;
  }
}
