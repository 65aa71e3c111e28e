// predict_analytics' written summary: one chat completion per app through the project's AI
// provider (INTEGRATIONS.md §6), 2–3 plain sentences on the app's forecasts, numbers rounded in
// the prompt so they come back rounded. Optional by design: without a provider there is none.
import type { AiProvider } from "@/lib/integrations/ai-provider";
import type { SeriesForecast } from "./forecast";

export interface MetricForSummary {
  metric: string;
  /** Sum of the last 30 days stored. */
  last30Days: number;
  forecast: SeriesForecast;
}

const SUMMARY_MAX_CHARS = 1_000;

const rounded = (value: number) => (Math.abs(value) >= 100 ? Math.round(value) : Math.round(value * 10) / 10).toLocaleString("en-US");
const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

/** The facts the model is given, one line per metric, every number already rounded. */
export function summaryPrompt(appName: string, metrics: MetricForSummary[]): string {
  const lines = metrics.map(({ metric, last30Days, forecast }) => {
    const next30 = sum(forecast.points.map((point) => point.mean));
    const lastPoint = forecast.points.at(-1)!;
    const error = forecast.mape === null ? "no backtest error (no non-zero days held out)" : `backtest error ${Math.round(forecast.mape * 100)} %`;
    return `- ${metric}: last 30 days ${rounded(last30Days)}; forecast next 30 days ${rounded(next30)}; on day 30 expected ${rounded(lastPoint.mean)} per day (80 % range ${rounded(lastPoint.lo80)}–${rounded(lastPoint.hi80)}); ${error}`;
  });
  return [`App: ${appName}`, `Forecasts from ${metrics[0]?.forecast.historyTo ?? "today"} (proceeds in USD):`, ...lines].join("\n");
}

/** 2–3 sentences on an app's forecasts; throws what the provider answered when it fails. */
export async function summarizeForecasts(ai: AiProvider, appName: string, metrics: MetricForSummary[]): Promise<string> {
  const completion = await ai.client.chat({
    model: ai.model,
    maxTokens: 250,
    messages: [
      {
        role: "system",
        content:
          "You write a short forecast summary for an app's team: 2 to 3 plain sentences, no lists, no markdown. Say where downloads, sessions and proceeds are heading over the next 30 days compared with the last 30, use the rounded numbers given, and say how sure the forecast is from its range and backtest error.",
      },
      { role: "user", content: summaryPrompt(appName, metrics) },
    ],
  });
  const text = completion.content?.trim() ?? "";
  if (!text) throw new Error("The AI provider answered with no text");
  return text.length > SUMMARY_MAX_CHARS ? `${text.slice(0, SUMMARY_MAX_CHARS - 1)}…` : text;
}
