// POST /api/v1/projects/:projectId/integrations/app-store-connect/sync — app_store_connect_reviews_sync
// for this project → 202 { run }
import { seedTriggerRoute } from "@/lib/api/seed-route";

export const POST = seedTriggerRoute("app_store_connect_reviews_sync");
