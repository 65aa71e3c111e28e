// An issue's newest events still kept: when, where, which version, whose session, what it said.
// A table on wide screens; on phones each event is a short block, so nothing scrolls sideways.
import { Time } from "@/components/ui/time";
import type { ApiIssueDetail } from "@/lib/issues/schemas";

type IssueEvent = ApiIssueDetail["recentEvents"][number];

const cell = "px-3 py-2 align-top first:pl-5 last:pr-5";
const none = <span className="text-slate-400 dark:text-slate-500">—</span>;
const environmentLabel = (event: IssueEvent) => (event.environment === "production" ? "Production" : "Development");

export function RecentEvents({ events }: { events: ApiIssueDetail["recentEvents"] }) {
  return (
    <section aria-labelledby="recent-events-heading" className="rounded-xl border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
      <h2 id="recent-events-heading" className="px-5 pt-4 text-sm font-semibold">
        Recent events
      </h2>
      {events.length === 0 ? (
        <p className="px-5 pt-2 pb-4 text-sm text-slate-600 dark:text-slate-400">None are kept any more: the project&apos;s retention policy has deleted them. The counts above still include them.</p>
      ) : (
        <>
          <EventTable events={events} />
          <EventBlocks events={events} />
          <p className="px-5 py-3 text-xs text-slate-500 dark:text-slate-400">The newest {events.length === 1 ? "event" : `${events.length} events`}, newest first.</p>
        </>
      )}
    </section>
  );
}

function EventTable({ events }: { events: IssueEvent[] }) {
  return (
    <div className="mt-2 hidden overflow-x-auto sm:block">
      <table className="w-full text-left text-sm">
        <thead className="border-y border-slate-200 bg-slate-50 text-xs text-slate-500 dark:border-slate-800 dark:bg-slate-900/60 dark:text-slate-400">
          <tr>
            {["Time", "Environment", "Version", "User", "Session", "Message"].map((heading) => (
              <th key={heading} scope="col" className={`${cell} font-medium`}>
                {heading}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {events.map((event) => (
            <tr key={event.id} data-event-id={event.id}>
              <td className={`${cell} whitespace-nowrap`}>
                <Time value={event.occurredAt} mode="datetime" />
              </td>
              <td className={cell}>{environmentLabel(event)}</td>
              <td className={`${cell} font-mono text-xs`}>{event.appVersion ?? none}</td>
              <td className={`${cell} max-w-40 truncate font-mono text-xs`} title={event.userId ?? undefined}>
                {event.userId ?? none}
              </td>
              <td className={`${cell} max-w-40 truncate font-mono text-xs`} title={event.sessionId ?? undefined}>
                {event.sessionId ?? none}
              </td>
              <td className={`${cell} min-w-64 font-mono text-xs break-words`}>{event.message ?? none}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function EventBlocks({ events }: { events: IssueEvent[] }) {
  return (
    <ul className="mt-2 divide-y divide-slate-100 border-t border-slate-200 sm:hidden dark:divide-slate-800 dark:border-slate-800">
      {events.map((event) => (
        <li key={event.id} className="px-5 py-3 text-sm">
          <p className="flex flex-wrap gap-x-2">
            <Time value={event.occurredAt} mode="datetime" />
            <span className="text-slate-600 dark:text-slate-400">{environmentLabel(event)}</span>
            {event.appVersion && <span className="font-mono text-xs leading-5">{event.appVersion}</span>}
          </p>
          {event.message && <p className="mt-1 font-mono text-xs break-words">{event.message}</p>}
          <p className="mt-1 text-xs break-all text-slate-500 dark:text-slate-400">
            User <span className="font-mono">{event.userId ?? "—"}</span> · session <span className="font-mono">{event.sessionId ?? "—"}</span>
          </p>
        </li>
      ))}
    </ul>
  );
}
