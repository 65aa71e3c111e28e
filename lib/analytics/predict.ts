// predict_analytics' steps for one project: each live app that Pull Analytics stored rows for, each
// metric's daily series (summed over territories and dimensions), a forecast (forecast.ts) stored
// as one analytics_forecasts row per (app, metric), and, with an AI provider, one written summary
// per app. A metric without enough history is skipped with its reason; the run fails only when no
// metric of any app could be forecast. A failed summary leaves it null and is noted, never fatal.
import { getPool } from "@/lib/db/pool";
import { prisma } from "@/lib/db/prisma";
import type { ProjectJobContext } from "@/lib/jobs/handler";
import { forecastSeries, NotEnoughHistoryError, type DailyValue, type SeriesForecast } from "./forecast";
import { openAiProvider } from "@/lib/integrations/ai-provider";
import { plural } from "@/lib/plural";
import { summarizeForecasts, type MetricForSummary } from "./forecast-summary";

// Which report and measure each metric sums, and whether it is a count (gaps are zero, never < 0).
export const forecastMetrics = {
  downloads: { report: "downloads", measure: "counts", count: true },
  sessions: { report: "sessions", measure: "sessions", count: true },
  proceeds: { report: "purchases", measure: "proceeds_usd", count: false },
} as const;
export type ForecastMetric = keyof typeof forecastMetrics;
const metricNames = Object.keys(forecastMetrics) as ForecastMetric[];

// A year shows the weekly pattern and the current trend; older days say little about next month.
const HISTORY_DAYS = 365;

export interface PredictResult {
  forecasts: Array<{ app: string; metric: ForecastMetric; mape: number | null; historyFrom: string; historyTo: string }>;
  skipped: Array<{ app: string; metric: ForecastMetric; reason: string }>;
  /** "written", "no AI provider", or why the summary is missing. */
  summaries: Array<{ app: string; summary: string }>;
}

interface AppWithAnalytics {
  id: string;
  name: string;
}

async function appsWithAnalytics(projectId: string): Promise<AppWithAnalytics[]> {
  const { rows } = await getPool().query<AppWithAnalytics>(
    `SELECT a.id, a.name FROM apps a
     WHERE a.project_id = $1::uuid AND a.deleted_at IS NULL AND EXISTS (SELECT 1 FROM analytics_daily d WHERE d.app_id = a.id)
     ORDER BY a.name, a.id`,
    [projectId],
  );
  return rows;
}

async function dailyValues(projectId: string, appId: string, metric: ForecastMetric): Promise<DailyValue[]> {
  const { report, measure } = forecastMetrics[metric];
  const { rows } = await getPool().query<{ date: string; value: number | null }>(
    `SELECT to_char(date, 'YYYY-MM-DD') AS date, SUM((measures->>$4)::numeric)::float8 AS value
     FROM analytics_daily
     WHERE project_id = $1::uuid AND app_id = $2::uuid AND report = $3
       AND date > (SELECT max(date) FROM analytics_daily WHERE project_id = $1::uuid AND app_id = $2::uuid AND report = $3) - $5::int
     GROUP BY date ORDER BY date`,
    [projectId, appId, report, measure, HISTORY_DAYS],
  );
  return rows.map((row) => ({ date: row.date, value: row.value ?? 0 }));
}

const last30DaysTotal = (values: DailyValue[], historyTo: string) => {
  const from = new Date(Date.parse(`${historyTo}T00:00:00Z`) - 29 * 86_400_000).toISOString().slice(0, 10);
  return values.filter((value) => value.date >= from).reduce((total, value) => total + value.value, 0);
};

export async function predictAnalytics(context: ProjectJobContext): Promise<PredictResult> {
  const projectId = context.project.id;
  const apps = await appsWithAnalytics(projectId);
  if (apps.length === 0) throw new Error("No analytics stored for this project's apps yet: Pull Analytics stores them daily");
  // Without a provider the forecasts go on without a summary.
  const summarizer = await openAiProvider(context, { timeoutMs: 60_000 });
  const result: PredictResult = { forecasts: [], skipped: [], summaries: [] };
  const total = apps.length * metricNames.length;

  for (const [appIndex, app] of apps.entries()) {
    const forecasts: Array<MetricForSummary & { metric: ForecastMetric }> = [];
    for (const [metricIndex, metric] of metricNames.entries()) {
      if (context.isCancelled()) return result;
      context.progress({ processed: appIndex * metricNames.length + metricIndex, total, message: `Forecasting ${metric} of ${app.name}` });
      const values = await dailyValues(projectId, app.id, metric);
      try {
        const forecast = forecastSeries(values, { metric, count: forecastMetrics[metric].count });
        forecasts.push({ metric, forecast, last30Days: last30DaysTotal(values, forecast.historyTo) });
      } catch (error) {
        if (!(error instanceof NotEnoughHistoryError)) throw error;
        result.skipped.push({ app: app.name, metric, reason: error.message });
      }
    }
    if (forecasts.length === 0) continue;

    let summary: string | null = null;
    if (!summarizer) result.summaries.push({ app: app.name, summary: "no AI provider" });
    else {
      context.progress({ processed: (appIndex + 1) * metricNames.length, total, message: `Summarizing the forecasts of ${app.name}` });
      try {
        summary = await summarizeForecasts(summarizer, app.name, forecasts);
        result.summaries.push({ app: app.name, summary: "written" });
      } catch (error) {
        if (context.signal.aborted) return result;
        const reason = error instanceof Error ? error.message : String(error);
        context.log("predict_analytics summary failed", { app: app.id, reason });
        result.summaries.push({ app: app.name, summary: `failed: ${reason}` });
      }
    }
    await storeForecasts(projectId, app.id, context.runId, forecasts, summary);
    for (const { metric, forecast } of forecasts) result.forecasts.push({ app: app.name, metric, mape: forecast.mape, historyFrom: forecast.historyFrom, historyTo: forecast.historyTo });
  }

  if (result.forecasts.length === 0) {
    throw new Error(result.skipped.map(({ app, reason }) => (apps.length > 1 ? `${app}: ${reason}` : reason)).join("; "));
  }
  context.progress({ processed: total, total, message: `Forecast ${result.forecasts.length} of ${plural(total, "metric")}${result.skipped.length ? `; ${result.skipped.length} skipped for too little history` : ""}` });
  return result;
}

async function storeForecasts(projectId: string, appId: string, runId: string, forecasts: Array<{ metric: ForecastMetric; forecast: SeriesForecast }>, summary: string | null): Promise<void> {
  await prisma.analyticsForecast.createMany({
    data: forecasts.map(({ metric, forecast }) => ({
      projectId,
      appId,
      metric,
      runId,
      model: forecast.model,
      historyFrom: new Date(`${forecast.historyFrom}T00:00:00Z`),
      historyTo: new Date(`${forecast.historyTo}T00:00:00Z`),
      points: forecast.points.map((point) => ({ ...point })),
      mape: forecast.mape,
      summary,
    })),
  });
}
