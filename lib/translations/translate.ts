// One locale's translation by the AI provider: JSON of exactly the requested fields, checked
// against Apple's limits; over a limit, asked once more saying which field and by how much; still
// over (or an answer of the wrong shape, or cut off), the locale fails with the reason.
import { z } from "zod";
import { AiTruncatedError, type AiClient } from "@/lib/ai/client";
import type { AiProvider } from "@/lib/integrations/ai-provider";
import { describeProblem, limitProblems, type TranslatableField, type TranslatedFields } from "./limits";
import { shortenMessages, translationFormat, translationMessages } from "./prompt";

export type LocaleTranslation = { ok: true; fields: TranslatedFields; requests: number } | { ok: false; reason: string; fields: TranslatedFields; requests: number };

// Room for a 4,000-character description in scripts that take several tokens a character.
const MAX_TOKENS = 8_000;

const answerSchema = (fields: readonly TranslatableField[]) => z.object(Object.fromEntries(fields.map((field) => [field, z.string().trim()])) as Record<TranslatableField, z.ZodString>);

async function ask(ai: AiProvider, fields: readonly TranslatableField[], messages: Parameters<AiClient["chatJson"]>[0]["messages"]): Promise<TranslatedFields | string> {
  const answer = await ai.client.chatJson({ model: ai.model, messages, maxTokens: MAX_TOKENS, format: translationFormat(fields) }).catch((error: unknown) => {
    if (error instanceof AiTruncatedError) return error;
    throw error;
  });
  if (answer instanceof AiTruncatedError) return answer.message;
  const parsed = answerSchema(fields).safeParse(answer);
  if (!parsed.success) return `The AI provider's answer did not have the requested fields (${fields.join(", ")})`;
  // Only the requested fields, whatever else came along.
  return Object.fromEntries(fields.map((field) => [field, parsed.data[field]])) as TranslatedFields;
}

export async function translateLocale(ai: AiProvider, request: { sourceLocale: string; targetLocale: string; source: TranslatedFields }): Promise<LocaleTranslation> {
  const fields = Object.keys(request.source) as TranslatableField[];
  const messages = translationMessages(request);
  const first = await ask(ai, fields, messages);
  if (typeof first === "string") return { ok: false, reason: first, fields: {}, requests: 1 };
  const problems = limitProblems(first);
  if (problems.length === 0) return { ok: true, fields: first, requests: 1 };

  const second = await ask(ai, fields, shortenMessages(messages, first, problems));
  if (typeof second === "string") return { ok: false, reason: second, fields: first, requests: 2 };
  const remaining = limitProblems(second);
  if (remaining.length === 0) return { ok: true, fields: second, requests: 2 };
  return { ok: false, reason: `Over Apple's limits after asking again: ${remaining.map(describeProblem).join("; ")}`, fields: second, requests: 2 };
}
