"use client";
// The audit log's filters: changing one goes to the filtered address (the first page).
import { useRouter } from "next/navigation";
import { useId } from "react";

interface Props {
  base: string;
  projects: Array<{ slug: string; name: string }>;
  actions: Array<{ value: string; label: string }>;
  selected: { project: string | null; action: string | null };
}

const selectClass =
  "rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100";

export function AuditFilters({ base, projects, actions, selected }: Props) {
  const router = useRouter();
  // Labels point at their selects, so a select's name is its label alone (not the option shown).
  const ids = { project: useId(), action: useId() };
  const go = (change: Partial<Props["selected"]>) => {
    const next = { ...selected, ...change };
    const params = new URLSearchParams();
    if (next.project) params.set("project", next.project);
    if (next.action) params.set("action", next.action);
    router.push(params.size > 0 ? `${base}?${params}` : base);
  };
  return (
    <div className="flex flex-wrap gap-3">
      <div className="flex items-center gap-2 text-sm">
        <label htmlFor={ids.project} className="text-slate-600 dark:text-slate-400">
          Project
        </label>
        <select id={ids.project} className={selectClass} value={selected.project ?? ""} onChange={(event) => go({ project: event.target.value || null })}>
          <option value="">All projects</option>
          {projects.map((project) => (
            <option key={project.slug} value={project.slug}>
              {project.name}
            </option>
          ))}
        </select>
      </div>
      <div className="flex items-center gap-2 text-sm">
        <label htmlFor={ids.action} className="text-slate-600 dark:text-slate-400">
          Action
        </label>
        <select id={ids.action} className={selectClass} value={selected.action ?? ""} onChange={(event) => go({ action: event.target.value || null })}>
          <option value="">All actions</option>
          {actions.map((action) => (
            <option key={action.value} value={action.value}>
              {action.label}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}
