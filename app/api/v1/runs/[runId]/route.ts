// GET /api/v1/runs/:runId — one run → { run }. Answers 304 to If-None-Match when it has not changed.
import { etagOf, jsonWithEtag, notModified } from "@/lib/api/conditional";
import { apiRoute } from "@/lib/api/route";
import { requireRun } from "@/lib/auth/access";
import { toApiRun } from "@/lib/jobs/runs";

export const GET = apiRoute<{ runId: string }>(async ({ request, actor, params }) => {
  const run = await requireRun(actor, params.runId, "jobs:read");
  const etag = etagOf(run.id, run.updatedAt.toISOString());
  return notModified(request, etag) ?? jsonWithEtag({ run: toApiRun(run) }, etag);
});
