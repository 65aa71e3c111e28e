import "server-only";
// Each metric of an app as the Analytics page draws it: the last 90 days of Pull Analytics' daily
// rows, summed over territories and dimensions, and Predict Analytics' newest forecast. Every query
// is scoped by project and app.
import { z } from "zod";
import { prisma } from "@/lib/db/prisma";
import type { AnalyticsForecast } from "@/lib/generated/prisma/client";
import { metrics, type DailyValue, type Forecast, type Metric, type MetricSeries } from "./types";

const ACTUAL_DAYS = 90;
const isoDay = (date: Date) => date.toISOString().slice(0, 10);

// Which report and measure each metric is made of.
const sources = {
  downloads: { report: "downloads", measure: "counts" },
  sessions: { report: "sessions", measure: "sessions" },
  proceeds: { report: "purchases", measure: "proceeds_usd" },
} as const satisfies Record<Metric, { report: string; measure: string }>;

const pointSchema = z.object({ date: z.string().regex(/^\d{4}-\d{2}-\d{2}/), mean: z.number(), lo80: z.number(), hi80: z.number(), lo95: z.number(), hi95: z.number() });

export async function listMetricSeries(projectId: string, appId: string, today: Date = new Date()): Promise<MetricSeries[]> {
  const [actuals, forecasts] = await Promise.all([listActuals(projectId, appId, today), Promise.all(metrics.map((metric) => latestForecast(projectId, appId, metric)))]);
  return metrics.map((metric, index) => ({ metric, actuals: actuals[metric], forecast: forecasts[index] ?? null }));
}

async function listActuals(projectId: string, appId: string, today: Date): Promise<Record<Metric, DailyValue[]>> {
  const from = isoDay(new Date(today.getTime() - (ACTUAL_DAYS - 1) * 86_400_000));
  const rows = await Promise.all(
    metrics.map(async (metric) => {
      const { report, measure } = sources[metric];
      const days = await prisma.$queryRaw<Array<{ day: string; value: number | null }>>`
        SELECT to_char(date, 'YYYY-MM-DD') AS day, SUM((measures->>${measure})::numeric)::float8 AS value
        FROM analytics_daily
        WHERE project_id = ${projectId}::uuid AND app_id = ${appId}::uuid AND report = ${report} AND date >= ${from}::date
        GROUP BY date ORDER BY date`;
      return [metric, days.map((day) => ({ date: day.day, value: day.value ?? 0 }))] as const;
    }),
  );
  return Object.fromEntries(rows) as Record<Metric, DailyValue[]>;
}

async function latestForecast(projectId: string, appId: string, metric: Metric): Promise<Forecast | null> {
  const row = await prisma.analyticsForecast.findFirst({ where: { projectId, appId, metric }, orderBy: [{ generatedAt: "desc" }, { id: "desc" }] });
  return row && view(row);
}

function view(row: AnalyticsForecast): Forecast {
  // Points that do not read as one (an older shape, a hand-edited row) are left out, not fatal.
  const points = (Array.isArray(row.points) ? row.points : []).flatMap((point) => {
    const parsed = pointSchema.safeParse(point);
    return parsed.success ? [{ ...parsed.data, date: parsed.data.date.slice(0, 10) }] : [];
  });
  return {
    id: row.id,
    model: row.model,
    historyFrom: isoDay(row.historyFrom),
    historyTo: isoDay(row.historyTo),
    points: points.sort((a, b) => a.date.localeCompare(b.date)),
    mape: row.mape,
    summary: row.summary?.trim() || null,
    generatedAt: row.generatedAt.toISOString(),
  };
}
