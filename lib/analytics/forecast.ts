// predict_analytics' model, pure: additive Holt-Winters in its ETS(A,A,A) state-space form with a
// weekly period (Hyndman & Athanasopoulos, "Forecasting: Principles and Practice", ch. 8). Daily
// app metrics are a level with a slow trend plus a day-of-week pattern, which is exactly what the
// model describes, and its prediction intervals have a closed form.
// - Initial states: a least-squares fit of trend plus weekday effects over the fitting window,
//   rather than the first weeks at face value (a slope read off two noisy weeks would be carried
//   30 days ahead); smoothing parameters: the grid point with the least one-step SSE.
// - Intervals: σ²·(1 + Σ_{j<h} c_j²), c_j = α + βj + γ·[j ≡ 0 mod 7] (the model's h-step variance),
//   σ² the one-step residual variance over n − (3 parameters + 9 initial states) degrees of freedom.
// - Backtest: the last 28 days held out, the model fitted on the rest, MAPE over the held-out days
//   whose actual is not zero (a percentage of zero is undefined); null when every actual is zero.
import { fitHoltWinters, type HoltWintersFit } from "./holt-winters";

export const SEASON_DAYS = 7;
export const HORIZON_DAYS = 30;
export const HOLDOUT_DAYS = 28;
/** Eight weeks to fit on, plus the four held out: below this a forecast would be a guess. */
export const MIN_FIT_DAYS = 56;
export const MIN_HISTORY_DAYS = MIN_FIT_DAYS + HOLDOUT_DAYS;

export const MODEL_NAME = "ETS(A,A,A) additive Holt-Winters, weekly period";

export interface DailyValue {
  /** YYYY-MM-DD */
  date: string;
  value: number;
}

export interface ForecastPoint {
  date: string;
  mean: number;
  lo80: number;
  hi80: number;
  lo95: number;
  hi95: number;
}

export interface SeriesForecast {
  model: string;
  parameters: { alpha: number; beta: number; gamma: number; sigma: number };
  historyFrom: string;
  historyTo: string;
  historyDays: number;
  points: ForecastPoint[];
  /** Backtest MAPE as a fraction; null when every held-out actual is zero. */
  mape: number | null;
}

export interface ForecastOptions {
  /** What the series is called in messages: "downloads". */
  metric: string;
  /**
   * A count (downloads, sessions): a day missing inside the history is a day with none (pull_analytics
   * stores no row for it), and forecasts are never below zero. Otherwise (an amount that can be
   * negative, such as proceeds after refunds) a missing day is interpolated and nothing is clamped.
   */
  count: boolean;
  horizon?: number;
}

export class NotEnoughHistoryError extends Error {
  constructor(metric: string, days: number) {
    super(`Not enough history to forecast ${metric}: ${days} ${days === 1 ? "day" : "days"} stored, ${MIN_HISTORY_DAYS} needed`);
    this.name = "NotEnoughHistoryError";
  }
}

const DAY_MS = 86_400_000;
const Z80 = 1.2815515655446004;
const Z95 = 1.959963984540054;

const dayNumber = (date: string) => Math.round(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
const dateOf = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

/**
 * The series as one value per day from its first stored date to its last: gaps inside it are filled
 * (zero for counts, linear interpolation otherwise); nothing is invented before or after.
 */
export function dailySeries(values: DailyValue[], count: boolean): { from: string; values: number[] } {
  const byDay = new Map<number, number>();
  for (const { date, value } of values) if (Number.isFinite(value)) byDay.set(dayNumber(date), (byDay.get(dayNumber(date)) ?? 0) + value);
  const days = [...byDay.keys()].sort((a, b) => a - b);
  const first = days[0];
  const last = days.at(-1);
  if (first === undefined || last === undefined) return { from: "", values: [] };
  const filled: number[] = [];
  let previous = first;
  for (let day = first; day <= last; day += 1) {
    const stored = byDay.get(day);
    if (stored !== undefined) {
      filled.push(stored);
      previous = day;
      continue;
    }
    if (count) {
      filled.push(0);
      continue;
    }
    let next = day + 1;
    while (!byDay.has(next)) next += 1;
    const from = byDay.get(previous)!;
    filled.push(from + ((byDay.get(next)! - from) * (day - previous)) / (next - previous));
  }
  return { from: dateOf(first), values: filled };
}

function pointsFrom(fit: HoltWintersFit, lastDay: number, horizon: number, count: boolean): ForecastPoint[] {
  const clamp = (value: number) => (count ? Math.max(0, value) : value);
  const round = (value: number) => Math.round(clamp(value) * 100) / 100;
  return fit.forecast(horizon).map(({ mean, sd }, index) => ({
    date: dateOf(lastDay + index + 1),
    mean: round(mean),
    lo80: round(mean - Z80 * sd),
    hi80: round(mean + Z80 * sd),
    lo95: round(mean - Z95 * sd),
    hi95: round(mean + Z95 * sd),
  }));
}

/** Mean absolute percentage error over the actuals that are not zero; null when all are. */
export function meanAbsolutePercentageError(actuals: number[], predicted: number[]): number | null {
  let total = 0;
  let counted = 0;
  actuals.forEach((actual, index) => {
    if (actual === 0) return;
    total += Math.abs((actual - (predicted[index] ?? 0)) / actual);
    counted += 1;
  });
  return counted === 0 ? null : total / counted;
}

/** The backtest: fit on all but the last 28 days, MAPE of the point forecasts of those 28. */
export function backtest(values: number[], count: boolean): number | null {
  const fitted = values.slice(0, values.length - HOLDOUT_DAYS);
  const heldOut = values.slice(values.length - HOLDOUT_DAYS);
  const fit = fitHoltWinters(fitted, SEASON_DAYS);
  const predicted = fit.forecast(HOLDOUT_DAYS).map(({ mean }) => (count ? Math.max(0, mean) : mean));
  return meanAbsolutePercentageError(heldOut, predicted);
}

/** Forecasts the next 30 days of a daily series; throws NotEnoughHistoryError below 84 days. */
export function forecastSeries(history: DailyValue[], options: ForecastOptions): SeriesForecast {
  const horizon = options.horizon ?? HORIZON_DAYS;
  const series = dailySeries(history, options.count);
  if (series.values.length < MIN_HISTORY_DAYS) throw new NotEnoughHistoryError(options.metric, series.values.length);
  const mape = backtest(series.values, options.count);
  const fit = fitHoltWinters(series.values, SEASON_DAYS);
  const lastDay = dayNumber(series.from) + series.values.length - 1;
  return {
    model: MODEL_NAME,
    parameters: { alpha: fit.alpha, beta: fit.beta, gamma: fit.gamma, sigma: fit.sigma },
    historyFrom: series.from,
    historyTo: dateOf(lastDay),
    historyDays: series.values.length,
    points: pointsFrom(fit, lastDay, horizon, options.count),
    mape,
  };
}
