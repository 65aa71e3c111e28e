// The project's app users at a glance: how many, how many paid, what they paid in all and how many
// subscriptions give access now; then revenue by media source, most first, as bars against the most.
import type { AppUserSummary } from "@/lib/revenue/types";
import { numberText, usdText } from "./format";

function Card({ label, value, note }: { label: string; value: string; note?: string }) {
  return (
    <div role="group" aria-label={label} className="min-w-0 rounded-lg bg-slate-50 p-4 dark:bg-slate-800/50">
      <p className="text-xs text-slate-500 dark:text-slate-400">{label}</p>
      <p className="mt-1 truncate text-2xl font-semibold tracking-tight tabular-nums">{value}</p>
      {note && <p className="mt-0.5 text-xs text-slate-500 dark:text-slate-400">{note}</p>}
    </div>
  );
}

const share = (part: number, whole: number) => `${Math.round((part / whole) * 100)}% of users`;

export function SummaryCards({ summary }: { summary: AppUserSummary }) {
  return (
    <div className="grid grid-cols-2 gap-3 lg:grid-cols-4">
      <Card label="Users" value={numberText(summary.users)} note="as RevenueCat knows them" />
      <Card label="Paying users" value={numberText(summary.payingUsers)} note={share(summary.payingUsers, summary.users)} />
      <Card label="Lifetime revenue" value={usdText(summary.revenueUsd)} note="gross, in US dollars" />
      <Card label="Active subscriptions" value={numberText(summary.activeSubscriptions)} note="giving access now" />
    </div>
  );
}

const cell = "py-2 pr-3 align-middle last:pr-0";

export function RevenueBySource({ summary }: { summary: AppUserSummary }) {
  const most = Math.max(...summary.bySource.map((source) => source.revenueUsd), 0.01);
  return (
    <div className="min-w-0">
      <h3 id="revenue-by-source-heading" className="text-sm font-semibold">
        Revenue by media source
      </h3>
      <table aria-labelledby="revenue-by-source-heading" className="mt-1 w-full table-fixed text-left text-sm">
        <colgroup>
          <col />
          <col className="w-16 sm:w-24" />
          <col className="w-28 sm:w-64" />
        </colgroup>
        <thead className="border-b border-slate-200 text-xs text-slate-500 dark:border-slate-800 dark:text-slate-400">
          <tr>
            <th scope="col" className={`${cell} font-medium`}>
              Source
            </th>
            <th scope="col" className={`${cell} text-right font-medium`}>
              Users
            </th>
            <th scope="col" className={`${cell} text-right font-medium`}>
              Revenue
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {summary.bySource.map((source) => (
            <tr key={source.source ?? ""}>
              <th scope="row" className={`${cell} truncate font-medium`} title={source.source ?? "No media source"}>
                {source.source ?? <span className="font-normal text-slate-500 italic dark:text-slate-400">Not attributed</span>}
              </th>
              <td className={`${cell} text-right tabular-nums`}>{numberText(source.users)}</td>
              <td className={cell}>
                <span className="flex items-center justify-end gap-3">
                  <span className="hidden h-1.5 flex-1 overflow-hidden rounded-full bg-slate-100 sm:block dark:bg-slate-800" aria-hidden="true">
                    <span className="block h-full rounded-full bg-emerald-500 dark:bg-emerald-400" style={{ width: `${Math.max(2, (source.revenueUsd / most) * 100)}%` }} />
                  </span>
                  <span className="text-right whitespace-nowrap tabular-nums">{usdText(source.revenueUsd)}</span>
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
