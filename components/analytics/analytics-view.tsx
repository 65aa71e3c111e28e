// An app's App Store analytics, one app at a time: for downloads, sessions and proceeds the last 90
// days beside the latest forecast (with the AI's summary of them above), then the store
// translations proposed for the project. Every member reads it; the jobs that fill it run from Tasks.
import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Time } from "@/components/ui/time";
import { metricLabels } from "./format";
import type { MetricSeries, Translation } from "@/lib/analytics-views/types";
import type { StoreAppOption } from "@/lib/store/types";
import { AppSwitcher } from "@/components/ui/app-switcher";
import { analyticsHref } from "./analytics-links";
import { MetricSection } from "./metric-section";
import { TranslationsSection } from "./translations-section";

export interface AnalyticsViewProps {
  project: { slug: string; name: string };
  apps: StoreAppOption[];
  /** Absent when the project has no live Apple app. */
  selected?: { app: StoreAppOption; series: MetricSeries[] };
  translations: Translation[];
  /** "YYYY-MM-DD" in UTC: where the charts draw their divider. */
  today: string;
}

export function AnalyticsView({ project, apps, selected, translations, today }: AnalyticsViewProps) {
  return (
    <div className="space-y-6">
      <PageHeader title="Analytics" description={`How ${project.name}'s apps are doing in App Store Connect's reports, where the forecasts expect them to go, and the store translations proposed for them.`} />
      {!selected ? (
        <EmptyState title="No Apple apps yet">
          Add the project&apos;s Apple app in{" "}
          <Link href={`/projects/${project.slug}/settings`} className="font-medium text-indigo-700 hover:underline dark:text-indigo-300">
            Settings
          </Link>{" "}
          and connect App Store Connect; its analytics show here.
        </EmptyState>
      ) : (
        <>
          {/* One app, and it is the one shown: nothing to switch to. */}
          {apps.length > 1 || apps[0]?.id !== selected.app.id ? <AppSwitcher apps={apps} selectedId={selected.app.id} hrefFor={(appId) => analyticsHref(project.slug, appId)} /> : null}
          <Metrics series={selected.series} today={today} />
        </>
      )}
      <TranslationsSection translations={translations} />
    </div>
  );
}

function Metrics({ series, today }: { series: MetricSeries[]; today: string }) {
  if (series.every((one) => one.actuals.length === 0 && !one.forecast)) {
    return <EmptyState title="No analytics yet">Pull Analytics runs daily at 02:00 UTC for projects connected to App Store Connect.</EmptyState>;
  }
  return (
    <>
      <Summary series={series} />
      {series.map((one) => (
        <MetricSection key={one.metric} series={one} today={today} />
      ))}
    </>
  );
}

/** The AI's written summary of the forecasts: once when the metrics share it, else one per metric. */
function Summary({ series }: { series: MetricSeries[] }) {
  const written = series.flatMap((one) => (one.forecast?.summary ? [{ metric: one.metric, text: one.forecast.summary, at: one.forecast.generatedAt }] : []));
  if (written.length === 0) return null;
  const shared = new Set(written.map((one) => one.text)).size === 1;
  const newest = written.reduce((latest, one) => (one.at > latest ? one.at : latest), written[0]!.at);
  return (
    <figure aria-label="Forecast summary" className="rounded-xl border border-indigo-200 bg-indigo-50/60 px-5 py-4 dark:border-indigo-900 dark:bg-indigo-950/40">
      <blockquote className="space-y-2 border-l-2 border-indigo-400 pl-4 text-sm leading-relaxed text-slate-800 dark:border-indigo-500 dark:text-slate-200">
        {shared ? (
          <p className="whitespace-pre-line">{written[0]!.text}</p>
        ) : (
          written.map((one) => (
            <p key={one.metric} className="whitespace-pre-line">
              <span className="font-medium">{metricLabels[one.metric]}:</span> {one.text}
            </p>
          ))
        )}
      </blockquote>
      <figcaption className="mt-2 pl-4 text-xs text-slate-500 dark:text-slate-400">
        Written by AI from the forecasts, <Time value={newest} />
      </figcaption>
    </figure>
  );
}
