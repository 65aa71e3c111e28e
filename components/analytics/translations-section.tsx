// The store translations Generate Metadata Translations made, newest per locale: whether each was
// pushed, kept as a proposal or failed (and why), for which version, and the translated fields,
// long ones folded to a few lines.
import { SectionEmpty, StoreSection } from "@/components/store/store-section";
import { Time } from "@/components/ui/time";
import type { Translation } from "@/lib/analytics-views/types";
import { fieldLabels, fieldOrder, localeName } from "./format";
import { TranslationBadge } from "./translation-badge";

const FOLDED_LENGTH = 160;

export function TranslationsSection({ translations }: { translations: Translation[] }) {
  return (
    <StoreSection id="translations" title="Proposed translations" note={translations.length > 0 ? `${translations.length} ${translations.length === 1 ? "locale" : "locales"}` : undefined}>
      <div className="px-5">
        {translations.length === 0 ? (
          <SectionEmpty title="No translations yet">Generate Metadata Translations proposes the store listing in the project&apos;s AI locales, from the version&apos;s source locale; its proposals and pushes show here.</SectionEmpty>
        ) : (
          <ul aria-label="Translations" className="divide-y divide-slate-200 dark:divide-slate-800">
            {translations.map((translation) => (
              <TranslationItem key={translation.id} translation={translation} />
            ))}
          </ul>
        )}
      </div>
    </StoreSection>
  );
}

function TranslationItem({ translation }: { translation: Translation }) {
  const fields = fieldOrder.flatMap((field) => (translation.fields[field] ? [[field, translation.fields[field]] as const] : []));
  return (
    <li aria-label={localeName(translation.locale)} data-locale={translation.locale} className="py-4 first:pt-0 last:pb-0">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <h3 className="font-medium">{localeName(translation.locale)}</h3>
        <span className="font-mono text-xs text-slate-500 dark:text-slate-400">{translation.locale}</span>
        <TranslationBadge translation={translation} />
        <p className="w-full text-xs text-slate-500 sm:ml-auto sm:w-auto dark:text-slate-400">
          version <span className="font-mono">{translation.versionString}</span> · from <span className="font-mono">{translation.sourceLocale}</span> · {translation.pushedAt ? "pushed" : "made"} <Time value={translation.pushedAt ?? translation.createdAt} />
        </p>
      </div>
      {translation.status === "failed" && translation.reason && (
        <p className="mt-2 rounded-md bg-red-50 px-3 py-2 text-sm break-words text-red-800 dark:bg-red-950/60 dark:text-red-200">{translation.reason}</p>
      )}
      {fields.length > 0 && (
        <dl className="mt-3 grid gap-3 text-sm sm:grid-cols-[9rem_minmax(0,1fr)] sm:gap-x-4">
          {fields.map(([field, text]) => (
            <div key={field} className="contents">
              <dt className="text-xs text-slate-500 sm:pt-0.5 dark:text-slate-400">{fieldLabels[field]}</dt>
              <dd className="-mt-2 min-w-0 break-words whitespace-pre-line sm:mt-0">{text.length > FOLDED_LENGTH ? <Folded text={text} /> : text}</dd>
            </div>
          ))}
        </dl>
      )}
    </li>
  );
}

/** A long field: two lines, and the rest on opening. */
function Folded({ text }: { text: string }) {
  return (
    <details className="group">
      <summary className="cursor-pointer list-none [&::-webkit-details-marker]:hidden">
        <span className="line-clamp-2 group-open:line-clamp-none">{text}</span>
        <span className="mt-0.5 inline-block text-xs font-medium text-indigo-700 hover:underline dark:text-indigo-300">
          <span className="group-open:hidden">Show all</span>
          <span className="hidden group-open:inline">Show less</span>
        </span>
      </summary>
    </details>
  );
}
