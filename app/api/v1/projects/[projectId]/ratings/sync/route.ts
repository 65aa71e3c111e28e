// POST /api/v1/projects/:projectId/ratings/sync — app_store_ratings_sync for this project → 202 { run }
import { seedTriggerRoute } from "@/lib/api/seed-route";

export const POST = seedTriggerRoute("app_store_ratings_sync");
