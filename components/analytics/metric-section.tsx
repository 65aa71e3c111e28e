// One metric of the app: its chart of actual vs forecast, and beside it how far to trust the
// forecast (the backtest error), which model made it and when, and the recent total.
import { Fact, SectionEmpty, StoreSection, none } from "@/components/store/store-section";
import { Time } from "@/components/ui/time";
import { longDay, mapeText, metricLabels, totalText } from "./format";
import type { MetricSeries } from "@/lib/analytics-views/types";
import { ForecastChart } from "./forecast-chart";

const RECENT_DAYS = 28;

export function MetricSection({ series, today }: { series: MetricSeries; today: string }) {
  const { metric, actuals, forecast } = series;
  const label = metricLabels[metric];
  const recent = actuals.slice(-RECENT_DAYS).reduce((sum, day) => sum + day.value, 0);
  const ahead = forecast?.points.filter((point) => point.date > today) ?? [];
  return (
    <StoreSection id={`metric-${metric}`} title={label} note={forecast ? <>forecast generated <Time value={forecast.generatedAt} /></> : undefined}>
      <div className="px-5">
        {actuals.length === 0 && !forecast ? (
          <SectionEmpty title={`No ${label.toLowerCase()} yet`}>The app&apos;s reports have no rows of this metric in the last 90 days.</SectionEmpty>
        ) : (
          <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_14rem]">
            <ForecastChart metric={metric} actuals={actuals} points={forecast?.points ?? []} today={today} />
            <dl className="grid grid-cols-2 content-start gap-x-4 gap-y-4 text-sm lg:grid-cols-1">
              {forecast ? (
                <>
                  <Fact label="Backtest error (MAPE, last 4 weeks)">
                    {forecast.mape === null ? none : <span className="text-base whitespace-nowrap tabular-nums">{mapeText(forecast.mape)}</span>}
                  </Fact>
                  <Fact label="Model" note={`trained on ${longDay(forecast.historyFrom)} – ${longDay(forecast.historyTo)}`}>
                    <span className="font-mono text-xs">{forecast.model}</span>
                  </Fact>
                  <Fact label="Generated">
                    <Time value={forecast.generatedAt} mode="datetime" />
                  </Fact>
                  {ahead.length > 0 && (
                    <Fact label={`Forecast, next ${ahead.length} days`} note="expected total">
                      <span className="tabular-nums">{totalText(metric, ahead.reduce((sum, point) => sum + point.mean, 0))}</span>
                    </Fact>
                  )}
                </>
              ) : (
                // A term and its description, as a list of terms may hold (no bare paragraphs).
                <div className="col-span-2 rounded-lg bg-slate-50 p-3 text-sm text-slate-600 lg:col-span-1 dark:bg-slate-800/40 dark:text-slate-400">
                  <dt className="font-medium text-slate-900 dark:text-slate-100">No forecast yet</dt>
                  <dd className="mt-0.5">Predict Analytics runs weekly on Sundays at 03:00 UTC.</dd>
                </div>
              )}
              {actuals.length > 0 && (
                <Fact label={`Last ${Math.min(RECENT_DAYS, actuals.length)} days`} note="actual total">
                  <span className="tabular-nums">{totalText(metric, recent)}</span>
                </Fact>
              )}
            </dl>
          </div>
        )}
      </div>
    </StoreSection>
  );
}
