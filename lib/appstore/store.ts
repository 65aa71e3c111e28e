// Writes App Store Connect resources into the project's local copy. Every write is an upsert keyed
// by (project, App Store Connect id), so pulling twice, or pulling after a push, changes rows in
// place instead of duplicating them. Reviews, which belong to an app, are lib/appstore/reviews.ts.
import { prisma } from "@/lib/db/prisma";
import type {
  AppStoreVersion,
  AppStoreVersionLocalization,
  Build,
  ResourceIdentifier,
} from "./types";

const date = (value: string | null | undefined) => (value ? new Date(value) : null);

/** The id in a to-one relationship, or undefined when the document did not say. */
function relatedId(resource: { relationships?: Record<string, { data?: unknown }> }, name: string): string | null | undefined {
  const relationship = resource.relationships?.[name];
  if (!relationship || relationship.data === undefined) return undefined;
  return (relationship.data as ResourceIdentifier | null)?.id ?? null;
}

/** Returns the local row's id, which localizations hang from. */
export async function saveVersion(projectId: string, version: AppStoreVersion): Promise<string> {
  const { attributes } = version;
  const buildAscId = relatedId(version, "build");
  const fields = {
    platform: attributes.platform,
    versionString: attributes.versionString,
    appVersionState: attributes.appVersionState,
    releaseType: attributes.releaseType,
    copyright: attributes.copyright,
    createdDate: date(attributes.createdDate),
    // Without the relationship in the document, keep what we knew.
    ...(buildAscId === undefined ? {} : { buildAscId }),
    syncedAt: new Date(),
  };
  const row = await prisma.appStoreVersion.upsert({
    where: { projectId_ascId: { projectId, ascId: version.id } },
    create: { projectId, ascId: version.id, ...fields },
    update: fields,
    select: { id: true },
  });
  return row.id;
}

export async function saveLocalizations(projectId: string, versionId: string, localizations: AppStoreVersionLocalization[]): Promise<void> {
  await prisma.$transaction(
    localizations.map(({ id: ascId, attributes }) => {
      const fields = {
        versionId,
        locale: attributes.locale,
        description: attributes.description,
        keywords: attributes.keywords,
        whatsNew: attributes.whatsNew,
        promotionalText: attributes.promotionalText,
        marketingUrl: attributes.marketingUrl,
        supportUrl: attributes.supportUrl,
        syncedAt: new Date(),
      };
      return prisma.appStoreLocalization.upsert({
        where: { projectId_ascId: { projectId, ascId } },
        create: { projectId, ascId, ...fields },
        update: fields,
      });
    }),
  );
}

export async function saveBuilds(projectId: string, builds: Build[]): Promise<void> {
  await prisma.$transaction(
    builds.map(({ id: ascId, attributes }) => {
      const fields = {
        version: attributes.version,
        processingState: attributes.processingState,
        uploadedDate: date(attributes.uploadedDate),
        expirationDate: date(attributes.expirationDate),
        expired: attributes.expired,
        minOsVersion: attributes.minOsVersion,
        syncedAt: new Date(),
      };
      return prisma.appStoreBuild.upsert({ where: { projectId_ascId: { projectId, ascId } }, create: { projectId, ascId, ...fields }, update: fields });
    }),
  );
}
