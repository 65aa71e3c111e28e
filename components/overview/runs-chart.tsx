"use client";
// Runs per hour by outcome, as stacked bars: one bar per hour of the window, the current hour last.
// Hour labels are in the viewer's zone once the page runs in the browser (UTC before, as the server
// cannot know the zone). Each bar says its figures on hover; the same figures are in a table for
// screen readers and for anyone who wants the numbers.
import { useHydrated } from "@/components/ui/use-hydrated";
import type { OverviewHour } from "@/lib/jobs/overview";

export const outcomes = [
  { key: "completed", label: "Completed", fill: "fill-emerald-500", swatch: "bg-emerald-500" },
  { key: "failed", label: "Failed", fill: "fill-red-500", swatch: "bg-red-500" },
  { key: "cancelled", label: "Cancelled", fill: "fill-amber-400", swatch: "bg-amber-400" },
  { key: "active", label: "Running or queued", fill: "fill-blue-500", swatch: "bg-blue-500" },
] as const;

// The drawing's own units: the SVG stretches to the card's width at a fixed height, so bars keep
// their share of the width on a phone and on a wide screen; the hour labels are HTML, so their
// text stays the page's size.
const WIDTH = 720;
const HEIGHT = 160;

function hourLabel(at: string, local: boolean, withDay: boolean): string {
  const date = new Date(at);
  if (!local) return withDay ? `${at.slice(5, 10)} ${at.slice(11, 13)}h` : `${at.slice(11, 16)} UTC`;
  return withDay ? date.toLocaleDateString(undefined, { weekday: "short", day: "numeric" }) : date.toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit" });
}

export function RunsChart({ hours, windowLabel }: { hours: OverviewHour[]; windowLabel: string }) {
  const local = useHydrated();
  const totals = hours.map((hour) => hour.completed + hour.failed + hour.cancelled + hour.active);
  const peak = Math.max(1, ...totals);
  const slot = WIDTH / hours.length;
  const gap = hours.length > 48 ? 0.5 : 2;
  const week = hours.length > 48;
  // A label every 6 hours over a day, every day over a week.
  const labelEvery = week ? 24 : 6;
  const sum = (key: (typeof outcomes)[number]["key"]) => hours.reduce((total, hour) => total + hour[key], 0);
  const summary = `Runs per hour over the last ${windowLabel}: ${outcomes.map((outcome) => `${sum(outcome.key)} ${outcome.label.toLowerCase()}`).join(", ")}; at most ${peak} in one hour.`;
  return (
    <figure className="space-y-2">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} preserveAspectRatio="none" role="img" aria-label={summary} className="block h-40 w-full" data-testid="runs-chart">
        <line x1={0} x2={WIDTH} y1={HEIGHT} y2={HEIGHT} className="stroke-slate-300 dark:stroke-slate-700" strokeWidth={1} />
        {hours.map((hour, index) => {
          let top = HEIGHT;
          const x = index * slot + gap / 2;
          const title = `${hourLabel(hour.at, local, false)}${week ? ` ${hourLabel(hour.at, local, true)}` : ""}: ${outcomes.map((outcome) => `${hour[outcome.key]} ${outcome.label.toLowerCase()}`).join(", ")}`;
          return (
            <g key={hour.at} data-hour={hour.at} data-total={totals[index]}>
              <title>{title}</title>
              {/* A full-height transparent target, so an empty hour still says so on hover. */}
              <rect x={x} y={0} width={Math.max(0.5, slot - gap)} height={HEIGHT} className="fill-transparent" />
              {outcomes.map((outcome) => {
                const height = (hour[outcome.key] / peak) * (HEIGHT - 8);
                if (height === 0) return null;
                top -= height;
                return <rect key={outcome.key} x={x} y={top} width={Math.max(0.5, slot - gap)} height={height} className={outcome.fill} data-outcome={outcome.key} />;
              })}
            </g>
          );
        })}
      </svg>
      <div aria-hidden="true" className="relative h-4 text-[11px] text-slate-600 dark:text-slate-400">
        {hours.map((hour, index) =>
          index % labelEvery === 0 && index + labelEvery / 2 <= hours.length ? (
            <span key={hour.at} className="absolute top-0 whitespace-nowrap" style={{ left: `${(index / hours.length) * 100}%` }}>
              {hourLabel(hour.at, local, week)}
            </span>
          ) : null,
        )}
      </div>
      <figcaption className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-600 dark:text-slate-400">
        {outcomes.map((outcome) => (
          <span key={outcome.key} className="flex items-center gap-1.5">
            <span aria-hidden="true" className={`size-2.5 rounded-sm ${outcome.swatch}`} />
            {outcome.label} <span className="font-medium text-slate-900 tabular-nums dark:text-slate-100">{sum(outcome.key)}</span>
          </span>
        ))}
      </figcaption>
      <details className="text-sm">
        <summary className="cursor-pointer text-slate-600 dark:text-slate-400">Hours with runs, as a table</summary>
        <div className="mt-2 max-h-64 overflow-y-auto">
          <table className="w-full text-left text-xs tabular-nums">
            <thead>
              <tr className="text-slate-600 dark:text-slate-400">
                <th className="py-1 font-medium">Hour</th>
                {outcomes.map((outcome) => (
                  <th key={outcome.key} className="py-1 font-medium">
                    {outcome.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {hours
                .filter((_, index) => totals[index]! > 0)
                .map((hour) => (
                  <tr key={hour.at} className="border-t border-slate-100 dark:border-slate-800">
                    <td className="py-1">{week ? `${hourLabel(hour.at, local, true)} ${hourLabel(hour.at, local, false)}` : hourLabel(hour.at, local, false)}</td>
                    {outcomes.map((outcome) => (
                      <td key={outcome.key} className="py-1">
                        {hour[outcome.key]}
                      </td>
                    ))}
                  </tr>
                ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
