// What the AI provider is asked: a system message with Apple's rules, the source text as JSON, and
// a JSON schema with exactly the requested fields (response_format json_schema), so the answer is
// the translation and nothing else. When a field comes back too long, one follow-up says which and
// by how much.
import type { ChatMessage, JsonSchemaFormat } from "@/lib/ai/client";
import { describeProblem, fieldLimits, type LimitProblem, type TranslatableField, type TranslatedFields } from "./limits";

const fieldNotes: Record<TranslatableField, string> = {
  description: "the App Store description, plain text without HTML",
  keywords: "comma-separated search keywords without spaces after commas, each longer than 2 characters, without the app's or company's name",
  whatsNew: "the release notes of this version",
  promotionalText: "the promotional text shown above the description",
};

const limitText = (field: TranslatableField) => {
  const { max, unit } = fieldLimits[field];
  return unit === "bytes" ? `at most ${max} bytes in UTF-8` : `at most ${max} characters`;
};

/** The answer's JSON schema: an object with exactly these string fields. */
export function translationFormat(fields: readonly TranslatableField[]): JsonSchemaFormat {
  return {
    name: "metadata_translation",
    schema: {
      type: "object",
      properties: Object.fromEntries(fields.map((field) => [field, { type: "string", description: `${fieldNotes[field]}; ${limitText(field)}` }])),
      required: [...fields],
      additionalProperties: false,
    },
  };
}

export function translationMessages(request: { sourceLocale: string; targetLocale: string; source: TranslatedFields }): ChatMessage[] {
  const fields = Object.keys(request.source) as TranslatableField[];
  const rules = fields.map((field) => `- ${field}: ${fieldNotes[field]}; ${limitText(field)}.`).join("\n");
  return [
    {
      role: "system",
      content:
        "You translate App Store metadata for app developers. Translate naturally for people in the target locale, keep the meaning, " +
        "keep product names untranslated, and answer only with JSON of the given schema. Apple's limits:\n" + rules,
    },
    {
      role: "user",
      content: `Translate from ${request.sourceLocale} to ${request.targetLocale}.\n${JSON.stringify({ sourceLocale: request.sourceLocale, targetLocale: request.targetLocale, source: request.source })}`,
    },
  ];
}

/** The follow-up after an answer over Apple's limits: the answer, then which fields to shorten. */
export function shortenMessages(previous: ChatMessage[], answer: TranslatedFields, problems: LimitProblem[]): ChatMessage[] {
  const asks = problems.map((problem) => `${describeProblem(problem)}: shorten it by at least ${problem.length - problem.max} ${problem.unit}.`);
  return [
    ...previous,
    { role: "assistant", content: JSON.stringify(answer) },
    { role: "user", content: `Too long for the App Store. ${asks.join(" ")} Answer again with every field, the others unchanged.` },
  ];
}
