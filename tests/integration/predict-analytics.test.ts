// predict_analytics with a real worker and the AI sandbox over HTTP: forecasts of 30 days per
// (app, metric) with ordered intervals and a backtest error, a written summary only when the
// project has an AI provider, too little history a failed run with a clear message, and an AI
// provider that refuses leaving forecasts without a summary (noted in the result).
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PredictResult } from "@/lib/analytics/predict";
import { getPool } from "@/lib/db/pool";
import { prisma } from "@/lib/db/prisma";
import { overrideEnv } from "@/lib/env";
import { saveIntegration } from "@/lib/integrations/store";
import { demoAiProvider, startAiSandbox, type AiSandbox } from "@/sandbox/ai/server";
import type { RunningWorker } from "@/worker/worker";
import { waitForRunEnd } from "../helpers/appstore";
import { createProject, createUser } from "../helpers/fixtures";
import { releaseAll } from "../helpers/teardown";
import { setUpTestJobTypes, triggerJob } from "../helpers/test-job-types";
import { startTestWorker } from "../helpers/worker";

let ai: AiSandbox;
let worker: RunningWorker;

beforeAll(async () => {
  await setUpTestJobTypes();
  ai = await startAiSandbox({ apiKey: demoAiProvider.apiKey, models: demoAiProvider.models });
  overrideEnv({ AI_API_URL: ai.url });
  worker = await startTestWorker();
});

afterAll(() => releaseAll(worker, ai));

const weekly = [1.2, 0.95, 0.9, 0.9, 0.95, 1.05, 1.3];
const DAY_MS = 86_400_000;
const lastDay = Date.UTC(2026, 10, 28);

// `days` days up to lastDay of one report, split over two territories (the job sums them).
async function storeReport(projectId: string, appId: string, report: string, measure: string, days: number, base: number) {
  const rows = Array.from({ length: days }, (_, index) => {
    const day = index;
    const date = new Date(lastDay - (days - 1 - day) * DAY_MS).toISOString().slice(0, 10);
    // Deterministic "noise" so the series is not perfectly regular.
    const value = (base + 0.5 * day) * weekly[new Date(date).getUTCDay()]! * (1 + 0.03 * Math.sin(day * 1.7));
    return [
      { date, territory: "US", value: Math.round(value * 0.6 * 100) / 100 },
      { date, territory: "DE", value: Math.round(value * 0.4 * 100) / 100 },
    ];
  }).flat();
  await getPool().query(
    `INSERT INTO analytics_daily (project_id, app_id, report, date, territory, dimension_key, dimensions, measures, processing_date, instance_id, synced_at)
     SELECT $1::uuid, $2::uuid, $3, d::date, t, '', '{}'::jsonb, jsonb_build_object($4::text, v), d::date, 'instance-' || d, now()
     FROM unnest($5::text[], $6::text[], $7::numeric[]) AS r(d, t, v)`,
    [projectId, appId, report, measure, rows.map((row) => row.date), rows.map((row) => row.territory), rows.map((row) => row.value)],
  );
}

async function projectWithAnalytics(days: { downloads: number; sessions: number; proceeds: number }) {
  const { team, project } = await createProject();
  const app = await prisma.app.create({ data: { projectId: project.id, name: "Forecast App", platform: "apple", bundleId: `com.test.${randomUUID().slice(0, 8)}` } });
  await storeReport(project.id, app.id, "downloads", "counts", days.downloads, 300);
  await storeReport(project.id, app.id, "sessions", "sessions", days.sessions, 900);
  await storeReport(project.id, app.id, "purchases", "proceeds_usd", days.proceeds, 120);
  return { team, project, app };
}

async function predict(projectId: string, teamId: string) {
  const admin = await createUser("admin", teamId);
  const run = await triggerJob({ type: "predict_analytics", projectId, source: { kind: "user", userId: admin.id } });
  return waitForRunEnd(run.id);
}

const forecastsOf = (appId: string) => prisma.analyticsForecast.findMany({ where: { appId }, orderBy: { metric: "asc" } });
type StoredPoint = { date: string; mean: number; lo80: number; hi80: number; lo95: number; hi95: number };

describe("predict_analytics", () => {
  it("stores a 30-day forecast per metric with ordered intervals and a backtest error, and a summary from the AI provider", async () => {
    const { team, project, app } = await projectWithAnalytics({ downloads: 120, sessions: 120, proceeds: 120 });
    await saveIntegration(project.id, "ai_provider", { model: demoAiProvider.model, apiKey: demoAiProvider.apiKey });
    const chatsBefore = ai.log.filter((entry) => entry.path === "/v1/chat/completions").length;

    const run = await predict(project.id, team.id);
    expect(run.status, run.errorMessage ?? "").toBe("completed");

    const forecasts = await forecastsOf(app.id);
    expect(forecasts.map((forecast) => forecast.metric)).toEqual(["downloads", "proceeds", "sessions"]);
    for (const forecast of forecasts) {
      expect(forecast).toMatchObject({ projectId: project.id, runId: run.id, model: expect.stringContaining("ETS(A,A,A)") });
      expect(forecast.historyFrom.toISOString().slice(0, 10)).toBe(new Date(lastDay - 119 * DAY_MS).toISOString().slice(0, 10));
      expect(forecast.historyTo.toISOString().slice(0, 10)).toBe("2026-11-28");
      const points = forecast.points as StoredPoint[];
      expect(points).toHaveLength(30);
      expect(points[0]!.date).toBe("2026-11-29");
      for (const point of points) expect(point.lo95 <= point.lo80 && point.lo80 <= point.mean && point.mean <= point.hi80 && point.hi80 <= point.hi95, JSON.stringify(point)).toBe(true);
      expect(forecast.mape).toBeGreaterThanOrEqual(0);
      expect(forecast.mape!).toBeLessThan(0.1);
      expect(forecast.summary).toMatch(/^Sandbox answer to: /);
    }
    // One completion for the app, covering its three metrics.
    const chats = ai.log.filter((entry) => entry.path === "/v1/chat/completions").slice(chatsBefore);
    expect(chats.map((chat) => chat.status)).toEqual([200]);
    const result = run.result as unknown as PredictResult;
    expect(result.forecasts).toHaveLength(3);
    expect(result.skipped).toEqual([]);
    expect(result.summaries).toEqual([{ app: "Forecast App", summary: "written" }]);
  });

  it("forecasts without an AI provider, leaving the summary empty and skipping a metric with too little history", async () => {
    const { team, project, app } = await projectWithAnalytics({ downloads: 120, sessions: 100, proceeds: 23 });
    const run = await predict(project.id, team.id);
    expect(run.status, run.errorMessage ?? "").toBe("completed");
    const forecasts = await forecastsOf(app.id);
    expect(forecasts.map((forecast) => [forecast.metric, forecast.summary])).toEqual([
      ["downloads", null],
      ["sessions", null],
    ]);
    const result = run.result as unknown as PredictResult;
    expect(result.skipped).toEqual([{ app: "Forecast App", metric: "proceeds", reason: "Not enough history to forecast proceeds: 23 days stored, 84 needed" }]);
    expect(result.summaries).toEqual([{ app: "Forecast App", summary: "no AI provider" }]);
  });

  it("fails with a clear message when no metric has enough history", async () => {
    const { team, project, app } = await projectWithAnalytics({ downloads: 23, sessions: 23, proceeds: 23 });
    const run = await predict(project.id, team.id);
    expect(run.status).toBe("failed");
    expect(run.errorMessage).toContain("Not enough history to forecast downloads: 23 days stored, 84 needed");
    expect(run.errorMessage).toContain("Not enough history to forecast proceeds: 23 days stored, 84 needed");
    expect(await forecastsOf(app.id)).toEqual([]);
  });

  it("stores the forecasts without a summary when the AI provider refuses the key, and says so in the result", async () => {
    const { team, project, app } = await projectWithAnalytics({ downloads: 120, sessions: 120, proceeds: 120 });
    await saveIntegration(project.id, "ai_provider", { model: demoAiProvider.model, apiKey: "sk-not-the-key" });
    const run = await predict(project.id, team.id);
    expect(run.status, run.errorMessage ?? "").toBe("completed");
    const forecasts = await forecastsOf(app.id);
    expect(forecasts).toHaveLength(3);
    expect(forecasts.every((forecast) => forecast.summary === null && (forecast.points as StoredPoint[]).length === 30)).toBe(true);
    const result = run.result as unknown as PredictResult;
    expect(result.summaries).toEqual([{ app: "Forecast App", summary: "failed: AI provider 401 invalid_api_key: Incorrect API key provided." }]);
  });
});
