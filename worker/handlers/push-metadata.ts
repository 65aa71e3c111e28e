// push_metadata (StorePush "Push Metadata"): sends changed metadata of one locale to App Store
// Connect (PATCH of the version's localization), then updates the local copy with what Apple
// stored. Params were checked against Apple's limits at trigger time; Apple's own refusals (a
// version that is no longer editable) fail the run with Apple's message, pausing the lane.
import type { JobHandler } from "@/lib/jobs/handler";
import { findVersion, listLocalizations, updateLocalization } from "@/lib/appstore/api";
import { connectAppStore } from "@/lib/integrations/app-store";
import { metadataFieldList, metadataFields } from "@/lib/appstore/params";
import { saveLocalizations, saveVersion } from "@/lib/appstore/store";
import type { LocalizationChanges } from "@/lib/appstore/types";

const STEPS = 3;

const pushMetadata: JobHandler<"push_metadata"> = async (params, context) => {
  const session = await connectAppStore(context);
  const changes: LocalizationChanges = {};
  for (const field of metadataFields) if (params[field] !== undefined) changes[field] = params[field];
  const fields = metadataFields.filter((field) => changes[field] !== undefined);

  context.progress({ processed: 0, total: STEPS, message: params.version ? `Finding version ${params.version}` : "Finding the version being prepared" });
  const version = await findVersion(session.client, session.appId, params.version);
  const versionString = version.attributes.versionString;
  if (context.isCancelled()) return { version: versionString, locale: params.locale, updated: [] };

  context.progress({ processed: 1, total: STEPS, message: `Finding the ${params.locale} localization of ${versionString}` });
  const [localization] = await listLocalizations(session.client, version.id, params.locale);
  if (!localization) throw new Error(`Version ${versionString} has no ${params.locale} localization in App Store Connect`);
  if (context.isCancelled()) return { version: versionString, locale: params.locale, updated: [] };

  context.progress({ processed: 2, total: STEPS, message: `Sending ${metadataFieldList(fields)} for ${params.locale}` });
  const updated = await updateLocalization(session.client, localization.id, changes);
  await saveLocalizations(session.projectId, await saveVersion(session.projectId, version), [updated]);

  context.progress({ processed: STEPS, total: STEPS, message: `Updated ${metadataFieldList(fields)} of ${versionString} (${params.locale})` });
  return { version: versionString, locale: params.locale, localizationId: updated.id, updated: fields };
};

export default pushMetadata;
