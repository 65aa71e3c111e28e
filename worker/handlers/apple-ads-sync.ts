// apple_ads_sync: for one project (its manual trigger, or its turn in the daily 04:45 fan-out over
// every project connected to Apple Ads), names for attributed app users and lifetime campaign and
// ad-group totals of the project's apps (lib/ads/sync.ts).
import { syncAppleAds } from "@/lib/ads/sync";
import type { JobHandler } from "@/lib/jobs/handler";

const appleAdsSync: JobHandler<"apple_ads_sync"> = { project: (_params, context) => syncAppleAds(context) };

export default appleAdsSync;
