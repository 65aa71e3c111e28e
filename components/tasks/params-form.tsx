"use client";
// The fields of a job type's params, generated from its JSON Schema (GET …/job-types): numbers,
// text, choices and switches, with the schema's defaults, limits and descriptions; fields the job
// type's definition gives a picker pick from the project's pulled data (param-picker.tsx).
import { useId } from "react";
import type { ParamPicker as PickerKind } from "@/lib/jobs/definition";
import { humanize } from "@/lib/jobs/param-labels";
import { ParamPicker } from "./param-picker";

export interface FieldSchema {
  type?: string | string[];
  /** A label of the schema's own (zod `.meta({ title })`), for keys that read badly as words. */
  title?: string;
  enum?: unknown[];
  default?: unknown;
  description?: string;
  minimum?: number;
  maximum?: number;
  maxLength?: number;
}

export type ParamValues = Record<string, string | boolean>;

export function fieldsOf(schema: Record<string, unknown>): Array<[string, FieldSchema]> {
  return Object.entries((schema.properties ?? {}) as Record<string, FieldSchema>);
}

export function requiredOf(schema: Record<string, unknown>): string[] {
  return (schema.required as string[] | undefined) ?? [];
}

/** Form state from the schema's defaults: every input holds text, switches hold booleans. */
export function initialValues(schema: Record<string, unknown>): ParamValues {
  return Object.fromEntries(
    fieldsOf(schema).map(([name, field]) => [name, kindOf(field) === "boolean" ? field.default === true : field.default === undefined ? "" : String(field.default)]),
  );
}

/** A run's params as form state ("Retry with changes"): its values over the fields' defaults. */
export function valuesFromParams(schema: Record<string, unknown>, params: Record<string, unknown>): ParamValues {
  const values = initialValues(schema);
  for (const [name, field] of fieldsOf(schema)) {
    const value = params[name];
    if (value === undefined || value === null) continue;
    values[name] = kindOf(field) === "boolean" ? value === true : typeof value === "string" ? value : JSON.stringify(value);
  }
  return values;
}

/** Form state → params: numbers as numbers, empty optional fields left out. */
export function valuesToParams(schema: Record<string, unknown>, values: ParamValues): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  for (const [name, field] of fieldsOf(schema)) {
    const value = values[name];
    if (typeof value === "boolean") params[name] = value;
    else if (value === undefined || value === "") continue;
    else params[name] = kindOf(field) === "number" && value.trim() !== "" && !Number.isNaN(Number(value)) ? Number(value) : value;
  }
  return params;
}

function kindOf(field: FieldSchema): "boolean" | "number" | "choice" | "long-text" | "text" {
  const type = Array.isArray(field.type) ? field.type.find((candidate) => candidate !== "null") : field.type;
  if (field.enum) return "choice";
  if (type === "boolean") return "boolean";
  if (type === "integer" || type === "number") return "number";
  return (field.maxLength ?? 0) > 200 ? "long-text" : "text";
}

interface ParamsFieldsProps {
  schema: Record<string, unknown>;
  values: ParamValues;
  errors: Record<string, string>;
  onChange: (name: string, value: string | boolean) => void;
  /** Fields that pick from the project's pulled data (the definition's pickers), and Pull All to fill them. */
  pickers?: { projectId: string; fields: Record<string, PickerKind>; onRunPull?: () => void };
}

export function ParamsFields({ schema, values, errors, onChange, pickers }: ParamsFieldsProps) {
  const idPrefix = useId();
  const required = requiredOf(schema);
  return (
    <div className="space-y-4">
      {fieldsOf(schema).map(([name, field]) => {
        const id = `${idPrefix}-${name}`;
        const error = errors[name];
        const describedBy = [field.description ? `${id}-help` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
        const common = { id, name, "aria-invalid": error ? true : undefined, "aria-describedby": describedBy };
        const inputClass = `mt-1 block w-full rounded-md border bg-white px-3 py-2 text-sm shadow-sm focus:outline-none focus:ring-2 dark:bg-slate-950 ${
          error ? "border-red-400 focus:ring-red-500/30" : "border-slate-300 focus:border-indigo-500 focus:ring-indigo-500/30 dark:border-slate-700"
        }`;
        const picker = pickers?.fields[name];
        // A picker stands in for a text field; a switch or a fixed choice keeps its own control.
        const kind = picker && ["text", "long-text"].includes(kindOf(field)) ? "picker" : kindOf(field);
        const label = `${field.title ?? humanize(name)}${required.includes(name) ? "" : " (optional)"}`;
        return (
          <div key={name}>
            {kind === "boolean" ? (
              <label htmlFor={id} className="flex items-center gap-2 text-sm font-medium">
                <input {...common} type="checkbox" checked={values[name] === true} onChange={(event) => onChange(name, event.target.checked)} className="size-4 rounded border-slate-300" />
                {field.title ?? humanize(name)}
              </label>
            ) : (
              <label htmlFor={id} className="block text-sm font-medium">
                {label}
              </label>
            )}
            {kind === "number" && (
              <input {...common} type="number" inputMode="numeric" min={field.minimum} max={field.maximum} value={String(values[name] ?? "")} onChange={(event) => onChange(name, event.target.value)} className={inputClass} />
            )}
            {kind === "picker" && pickers && picker && (
              <ParamPicker
                projectId={pickers.projectId}
                kind={picker}
                id={id}
                name={name}
                value={String(values[name] ?? "")}
                onChange={(value) => onChange(name, value)}
                describedBy={describedBy}
                invalid={Boolean(error)}
                inputClass={inputClass}
                onRunPull={pickers.onRunPull}
              />
            )}
            {kind === "text" && <input {...common} type="text" maxLength={field.maxLength} value={String(values[name] ?? "")} onChange={(event) => onChange(name, event.target.value)} className={inputClass} />}
            {kind === "long-text" && <textarea {...common} rows={4} value={String(values[name] ?? "")} onChange={(event) => onChange(name, event.target.value)} className={inputClass} />}
            {kind === "choice" && (
              <select {...common} value={String(values[name] ?? "")} onChange={(event) => onChange(name, event.target.value)} className={inputClass}>
                {!required.includes(name) && <option value="">(none)</option>}
                {field.enum!.map((option) => (
                  <option key={String(option)} value={String(option)}>
                    {String(option)}
                  </option>
                ))}
              </select>
            )}
            {field.description && (
              <p id={`${id}-help`} className="mt-1 text-xs text-slate-500 dark:text-slate-400">
                {field.description}
                {field.minimum !== undefined && field.maximum !== undefined && ` (${field.minimum}–${field.maximum})`}
              </p>
            )}
            {error && (
              <p id={`${id}-error`} className="mt-1 text-xs font-medium text-red-600 dark:text-red-400">
                {error}
              </p>
            )}
          </div>
        );
      })}
    </div>
  );
}
