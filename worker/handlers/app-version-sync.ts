// app_version_sync: hourly, every live app's latest version and App Store id (lib/apps/version-sync.ts).
import { syncAppVersions } from "@/lib/apps/version-sync";
import type { JobHandler } from "@/lib/jobs/handler";
import { plural } from "@/lib/plural";

const appVersionSync: JobHandler<"app_version_sync"> = async (_params, context) => {
  const result = await syncAppVersions(context);
  context.progress({
    message: `Checked ${plural(result.apps_checked, "app")}: ${result.from_app_store} from the App Store, ${result.from_events} from events, ${result.changed.length} changed`,
  });
  context.log("app_version_sync finished", { ...result, changed: result.changed.length });
  return result;
};

export default appVersionSync;
