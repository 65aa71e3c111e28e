// One section of the Store page: a card with its heading, a note on the right (when it was
// synced), and its content.
export function StoreSection({ id, title, note, children }: { id: string; title: string; note?: React.ReactNode; children: React.ReactNode }) {
  return (
    <section aria-labelledby={`${id}-heading`} className="min-w-0 rounded-xl border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
      <div className="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-1 px-5 pt-4">
        <h2 id={`${id}-heading`} className="text-base font-semibold">
          {title}
        </h2>
        {note && <p className="text-xs text-slate-500 dark:text-slate-400">{note}</p>}
      </div>
      <div className="pt-3 pb-5">{children}</div>
    </section>
  );
}

export function Fact({ label, children, note }: { label: string; children: React.ReactNode; note?: React.ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs text-slate-500 dark:text-slate-400">{label}</dt>
      <dd className="mt-0.5 font-medium break-words">{children}</dd>
      {note && <dd className="mt-0.5 text-xs text-slate-500 dark:text-slate-400">{note}</dd>}
    </div>
  );
}

export const none = <span className="font-normal text-slate-400 dark:text-slate-500">—</span>;

/** What an empty section says, inside its card (an EmptyState's dashed frame would be a box in a box). */
export function SectionEmpty({ title, children }: { title: string; children?: React.ReactNode }) {
  return (
    <div className="rounded-lg bg-slate-50 px-6 py-8 text-center dark:bg-slate-800/40">
      <p className="font-medium">{title}</p>
      {children && <div className="mx-auto mt-1 max-w-md text-sm text-slate-600 dark:text-slate-400">{children}</div>}
    </div>
  );
}
