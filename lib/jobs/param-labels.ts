// The words people see for a job type's params: each field's label (its schema's title, zod
// `.meta({ title })`, or its key in words) and validation messages that use it. The schemas write
// messages with the key ("reviewId is required", which the CLI and API callers type); the Run now
// form and the API's issues say "Review ID is required" instead. The issue's path keeps the key.
import { z } from "zod";

// pageSize → "Page size", build_number → "Build number"; titles cover keys that read badly.
export function humanize(name: string): string {
  const words = name.replace(/_/g, " ").replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const titlesBySchema = new WeakMap<z.ZodType, Record<string, string>>();

function titlesOf(schema: z.ZodType): Record<string, string> {
  let titles = titlesBySchema.get(schema);
  if (!titles) {
    const properties = (z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }).properties ?? {}) as Record<string, { title?: string }>;
    titles = Object.fromEntries(Object.entries(properties).flatMap(([key, property]) => (property.title ? [[key, property.title]] : [])));
    titlesBySchema.set(schema, titles);
  }
  return titles;
}

/** The label of one param of `schema`. */
export function paramLabel(schema: z.ZodType, key: string): string {
  return titlesOf(schema)[key] ?? humanize(key);
}

/** `error`'s issues with each message that opens with its field's key opening with the label. */
export function labelParamIssues(schema: z.ZodType, error: z.ZodError): z.ZodError {
  return new z.ZodError(
    error.issues.map((issue) => {
      const key = issue.path[0];
      if (typeof key !== "string" || !issue.message.startsWith(`${key} `)) return issue;
      return { ...issue, message: `${paramLabel(schema, key)}${issue.message.slice(key.length)}` };
    }),
  );
}
