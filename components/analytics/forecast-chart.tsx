// One metric's actual vs forecast as a server-rendered SVG: the last 90 days of actuals as a solid
// line, the forecast's mean dashed, its 95 % and 80 % intervals as translucent bands, a "today"
// divider, and a few date and value ticks. Scales with its box (viewBox); colours follow the theme
// through currentColor, and the text grows on phones, where the chart is drawn smaller.
import { chartGeometry, type ChartSize } from "./chart";
import { longDay, metricLabels, shortDay, tickText } from "./format";
import type { DailyValue, ForecastPoint, Metric } from "@/lib/analytics-views/types";

const size: ChartSize = { width: 720, height: 330, padding: { top: 34, right: 6, bottom: 40, left: 0 } };
const EDGE = 44;

export interface ForecastChartProps {
  metric: Metric;
  actuals: DailyValue[];
  points: ForecastPoint[];
  /** "YYYY-MM-DD" in UTC. */
  today: string;
}

export function ForecastChart({ metric, actuals, points, today }: ForecastChartProps) {
  const chart = chartGeometry(actuals, points, today, size);
  if (!chart) return null;
  const { plot } = chart;
  const label = `${metricLabels[metric]}: actual and forecast`;
  return (
    <figure className="min-w-0">
      <svg
        role="img"
        aria-label={label}
        viewBox={`0 0 ${size.width} ${size.height}`}
        className="block h-auto w-full overflow-visible text-[26px] sm:text-[14px] lg:text-[12px]"
        data-chart={metric}
      >
        <title>{label}</title>
        <desc>{describe(metric, actuals, points)}</desc>
        <g className="text-slate-200 dark:text-slate-800">
          {chart.yTicks.map((tick) => (
            <line key={tick.value} x1={plot.left} x2={plot.right} y1={tick.y} y2={tick.y} stroke="currentColor" vectorEffect="non-scaling-stroke" />
          ))}
        </g>
        <g className="text-fuchsia-500 dark:text-fuchsia-400">
          <path data-series="band95" d={chart.band95Path} fill="currentColor" fillOpacity={0.12} />
          <path data-series="band80" d={chart.band80Path} fill="currentColor" fillOpacity={0.2} />
        </g>
        {chart.todayX !== null && (
          <g className="text-slate-400 dark:text-slate-500" data-series="today">
            <line x1={chart.todayX} x2={chart.todayX} y1={plot.top} y2={plot.bottom} stroke="currentColor" strokeDasharray="2 3" vectorEffect="non-scaling-stroke" />
            <text x={chart.todayX} y={plot.top - 8} textAnchor={chart.todayX > plot.right - EDGE ? "end" : "middle"} fill="currentColor" fontSize="0.9em">
              Today
            </text>
          </g>
        )}
        <path data-series="forecast" d={chart.forecastPath} fill="none" stroke="currentColor" strokeWidth={2} strokeDasharray="6 4" strokeLinejoin="round" vectorEffect="non-scaling-stroke" className="text-fuchsia-600 dark:text-fuchsia-400" />
        <path data-series="actual" d={chart.actualPath} fill="none" stroke="currentColor" strokeWidth={2} strokeLinejoin="round" vectorEffect="non-scaling-stroke" className="text-indigo-600 dark:text-indigo-400" />
        <g className="fill-slate-500 dark:fill-slate-400">
          {/* Value labels sit on their grid lines, haloed in the card's colour so the lines never cross them; phones keep every other one, as they do of more than four dates. */}
          {chart.yTicks.slice(1).map((tick, index) => (
            <text
              key={tick.value}
              x={plot.left}
              y={tick.y - 6}
              strokeWidth="0.3em"
              strokeLinejoin="round"
              paintOrder="stroke"
              className={`stroke-white tabular-nums dark:stroke-slate-900 ${index % 2 === chart.yTicks.length % 2 ? "" : "max-sm:hidden"}`}
            >
              {tickText(metric, tick.value)}
            </text>
          ))}
          {chart.xTicks.map((tick, index) => (
            <text
              key={tick.date}
              x={tick.x}
              y={plot.bottom + 8}
              dominantBaseline="hanging"
              textAnchor={tick.x < plot.left + EDGE ? "start" : tick.x > plot.right - EDGE ? "end" : "middle"}
              className={chart.xTicks.length > 4 && index % 2 === 1 ? "max-sm:hidden" : undefined}
            >
              {shortDay(tick.date)}
            </text>
          ))}
        </g>
        <line x1={plot.left} x2={plot.right} y1={plot.bottom} y2={plot.bottom} stroke="currentColor" vectorEffect="non-scaling-stroke" className="text-slate-300 dark:text-slate-700" />
      </svg>
      <Legend hasForecast={points.length > 0} hasToday={chart.todayX !== null} />
    </figure>
  );
}

function describe(metric: Metric, actuals: DailyValue[], points: ForecastPoint[]): string {
  const name = metricLabels[metric].toLowerCase();
  const actual = actuals.length ? `Daily ${name} from ${longDay(actuals[0]!.date)} to ${longDay(actuals.at(-1)!.date)}.` : `No daily ${name} yet.`;
  const forecast = points.length ? ` Forecast from ${longDay(points[0]!.date)} to ${longDay(points.at(-1)!.date)}, with 80 % and 95 % intervals.` : "";
  return actual + forecast;
}

function Legend({ hasForecast, hasToday }: { hasForecast: boolean; hasToday: boolean }) {
  const item = "inline-flex items-center gap-1.5";
  return (
    <figcaption className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-600 dark:text-slate-400">
      <span className={item}>
        <span aria-hidden className="h-0.5 w-4 rounded bg-indigo-600 dark:bg-indigo-400" />
        Actual
      </span>
      {hasForecast && (
        <>
          <span className={item}>
            <span aria-hidden className="w-4 border-t-2 border-dashed border-fuchsia-600 dark:border-fuchsia-400" />
            Forecast
          </span>
          <span className={item}>
            <span aria-hidden className="h-2.5 w-4 rounded-sm bg-fuchsia-500/35 dark:bg-fuchsia-400/35" />
            80 % interval
          </span>
          <span className={item}>
            <span aria-hidden className="h-2.5 w-4 rounded-sm bg-fuchsia-500/15 dark:bg-fuchsia-400/15" />
            95 % interval
          </span>
        </>
      )}
      {hasToday && (
        <span className={item}>
          <span aria-hidden className="h-3 border-l border-dashed border-slate-400 dark:border-slate-500" />
          Today
        </span>
      )}
    </figcaption>
  );
}
