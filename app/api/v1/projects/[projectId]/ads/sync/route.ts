// POST /api/v1/projects/:projectId/ads/sync — apple_ads_sync for this project → 202 { run }
import { seedTriggerRoute } from "@/lib/api/seed-route";

export const POST = seedTriggerRoute("apple_ads_sync");
