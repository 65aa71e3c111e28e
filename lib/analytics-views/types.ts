// What the Analytics page shows of an app: each metric's recent actuals beside its latest forecast,
// and the project's proposed store translations. Plain data (dates as ISO strings, decimals as
// numbers), so components may import these types.
export const metrics = ["downloads", "sessions", "proceeds"] as const;
export type Metric = (typeof metrics)[number];

/** One day of a metric, summed over territories and dimensions. `date` is "YYYY-MM-DD". */
export interface DailyValue {
  date: string;
  value: number;
}

/** One day of a forecast: the expected value and its 80 % and 95 % intervals. */
export interface ForecastPoint {
  date: string;
  mean: number;
  lo80: number;
  hi80: number;
  lo95: number;
  hi95: number;
}

export interface Forecast {
  id: string;
  model: string;
  historyFrom: string;
  historyTo: string;
  points: ForecastPoint[];
  /** Backtest error on the last 4 weeks, as a fraction (0.062 = 6.2 %). */
  mape: number | null;
  summary: string | null;
  generatedAt: string;
}

export interface MetricSeries {
  metric: Metric;
  /** The last 90 days, oldest first; days without rows are left out. */
  actuals: DailyValue[];
  forecast: Forecast | null;
}

export type TranslationStatus = "proposed" | "pushed" | "failed";
export const translationFields = ["description", "keywords", "whatsNew", "promotionalText"] as const;
export type TranslationField = (typeof translationFields)[number];

export interface Translation {
  id: string;
  locale: string;
  sourceLocale: string;
  versionString: string;
  status: TranslationStatus;
  reason: string | null;
  dryRun: boolean;
  fields: Partial<Record<TranslationField, string>>;
  createdAt: string;
  pushedAt: string | null;
}
