// Apple's limits on the translatable metadata (INTEGRATIONS.md §7). Keywords count UTF-8 bytes
// (CJK, Arabic and Hindi take 2–3 bytes a character); the others count characters (code points).

export const translatableFields = ["description", "keywords", "whatsNew", "promotionalText"] as const;
export type TranslatableField = (typeof translatableFields)[number];
export type TranslatedFields = Partial<Record<TranslatableField, string>>;

export const fieldLimits: Record<TranslatableField, { max: number; unit: "bytes" | "characters" }> = {
  description: { max: 4000, unit: "characters" },
  keywords: { max: 100, unit: "bytes" },
  whatsNew: { max: 4000, unit: "characters" },
  promotionalText: { max: 170, unit: "characters" },
};

export const utf8Bytes = (text: string) => Buffer.byteLength(text, "utf8");
// Code points, not UTF-16 units: an emoji is one character to a person (and to App Store Connect).
export const characters = (text: string) => [...text].length;

export function measure(field: TranslatableField, text: string): number {
  return fieldLimits[field].unit === "bytes" ? utf8Bytes(text) : characters(text);
}

export interface LimitProblem {
  field: TranslatableField;
  length: number;
  max: number;
  unit: "bytes" | "characters";
}

/** Every field over its limit, in field order. */
export function limitProblems(fields: TranslatedFields): LimitProblem[] {
  return translatableFields.flatMap((field) => {
    const text = fields[field];
    if (text === undefined) return [];
    const { max, unit } = fieldLimits[field];
    const length = measure(field, text);
    return length > max ? [{ field, length, max, unit }] : [];
  });
}

/** e.g. "keywords is 132 bytes (UTF-8), 32 over the limit of 100". */
export function describeProblem(problem: LimitProblem): string {
  const unit = problem.unit === "bytes" ? "bytes (UTF-8)" : "characters";
  return `${problem.field} is ${problem.length} ${unit}, ${problem.length - problem.max} over the limit of ${problem.max}`;
}
