import "server-only";
// The store translations Generate Metadata Translations made for the project: the newest per
// locale, pushed to App Store Connect, kept as a proposal, or failed with the reason.
import { z } from "zod";
import { prisma } from "@/lib/db/prisma";
import { translationFields, type Translation, type TranslationStatus } from "./types";

const SHOWN_LOCALES = 60;
const statuses = ["proposed", "pushed", "failed"] as const satisfies readonly TranslationStatus[];
const fieldsSchema = z.object(Object.fromEntries(translationFields.map((field) => [field, z.string().optional().catch(undefined)]))).catch({});

export async function listLatestTranslations(projectId: string): Promise<Translation[]> {
  const rows = await prisma.metadataTranslation.findMany({
    where: { projectId },
    distinct: ["locale"],
    orderBy: [{ locale: "asc" }, { createdAt: "desc" }, { id: "desc" }],
    take: SHOWN_LOCALES,
  });
  return rows.map((row) => {
    const fields = fieldsSchema.parse(row.fields) as Translation["fields"];
    return {
      id: row.id,
      locale: row.locale,
      sourceLocale: row.sourceLocale,
      versionString: row.versionString,
      // A status this page does not know yet reads as a proposal: shown, never claimed as pushed.
      status: statuses.find((status) => status === row.status) ?? "proposed",
      reason: row.reason,
      dryRun: row.dryRun,
      fields: Object.fromEntries(translationFields.flatMap((field) => (fields[field]?.trim() ? [[field, fields[field]]] : []))),
      createdAt: row.createdAt.toISOString(),
      pushedAt: row.pushedAt?.toISOString() ?? null,
    };
  });
}
