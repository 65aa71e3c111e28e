// The connected app's versions as App Store Connect lists them, newest first: their state, how
// they are released, and how much of their store page is filled in. A table on wide screens; a
// short block each on phones, so nothing scrolls sideways.
import type { AscVersion, AscVersions } from "@/lib/store/types";
import { countText, dayText, humanise, platformName, versionTone, type VersionTone } from "./format";
import { none } from "./store-section";

const tones: Record<VersionTone, string> = {
  live: "bg-emerald-50 text-emerald-700 ring-emerald-300 dark:bg-emerald-950 dark:text-emerald-300 dark:ring-emerald-800",
  review: "bg-blue-50 text-blue-700 ring-blue-300 dark:bg-blue-950 dark:text-blue-300 dark:ring-blue-800",
  waiting: "bg-amber-50 text-amber-800 ring-amber-300 dark:bg-amber-950 dark:text-amber-300 dark:ring-amber-800",
  rejected: "bg-red-50 text-red-700 ring-red-300 dark:bg-red-950 dark:text-red-300 dark:ring-red-800",
  draft: "bg-slate-100 text-slate-700 ring-slate-300 dark:bg-slate-800 dark:text-slate-200 dark:ring-slate-600",
  past: "bg-white text-slate-500 ring-slate-200 dark:bg-slate-900 dark:text-slate-400 dark:ring-slate-700",
};

function StateBadge({ state }: { state: string }) {
  return <span className={`inline-flex rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset ${tones[versionTone(state)]}`}>{humanise(state)}</span>;
}

const cell = "px-3 py-2 align-middle first:pl-5 last:pr-5";
const created = (version: AscVersion) => (version.createdDate ? <time dateTime={version.createdDate}>{dayText(version.createdDate)}</time> : none);

export function AscVersionTable({ versions }: { versions: AscVersions }) {
  const { total } = versions;
  return (
    <div className="mt-5 border-t border-slate-200 pt-4 dark:border-slate-800">
      <h3 id="asc-versions-heading" className="px-5 text-sm font-semibold">
        App Store Connect versions
      </h3>
      <p className="px-5 text-xs text-slate-500 dark:text-slate-400">
        {total > versions.versions.length ? `The newest ${versions.versions.length} of ${total}, ` : "Newest first, "}as Pull All and Pull Changes last read them from App Store Connect.
      </p>
      <div className="mt-2 hidden overflow-x-auto sm:block">
        <table aria-labelledby="asc-versions-heading" className="w-full text-left text-sm">
          <thead className="border-y border-slate-200 bg-slate-50 text-xs text-slate-500 dark:border-slate-800 dark:bg-slate-900/60 dark:text-slate-400">
            <tr>
              {["Version", "Platform", "State", "Release", "Created", "Localizations", "Screenshot sets"].map((heading, index) => (
                <th key={heading} scope="col" className={`${cell} font-medium ${index >= 5 ? "text-right" : ""}`}>
                  {heading}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
            {versions.versions.map((version) => (
              <tr key={version.id}>
                <td className={`${cell} font-mono text-xs font-medium`}>{version.versionString}</td>
                <td className={cell}>{platformName(version.platform)}</td>
                <td className={cell}>
                  <StateBadge state={version.state} />
                </td>
                <td className={`${cell} text-slate-600 dark:text-slate-400`}>{version.releaseType ? humanise(version.releaseType) : none}</td>
                <td className={`${cell} whitespace-nowrap text-slate-600 dark:text-slate-400`}>{created(version)}</td>
                <td className={`${cell} text-right tabular-nums`}>{version.localizations}</td>
                <td className={`${cell} text-right tabular-nums`}>{version.screenshotSets}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ul aria-label="App Store Connect versions" className="mt-2 divide-y divide-slate-100 border-t border-slate-200 sm:hidden dark:divide-slate-800 dark:border-slate-800">
        {versions.versions.map((version) => (
          <li key={version.id} className="px-5 py-3 text-sm">
            <p className="flex flex-wrap items-center gap-x-2 gap-y-1">
              <span className="font-mono text-xs font-medium">{version.versionString}</span>
              <StateBadge state={version.state} />
            </p>
            <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">
              {platformName(version.platform)}
              {version.releaseType && ` · ${humanise(version.releaseType)}`} · created {created(version)}
            </p>
            <p className="mt-0.5 text-xs text-slate-600 dark:text-slate-400">
              {countText(version.localizations, "localization")} · {countText(version.screenshotSets, "screenshot set")}
            </p>
          </li>
        ))}
      </ul>
    </div>
  );
}
