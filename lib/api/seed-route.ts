// The seed's named routes (PRODUCT.md "REST API v1"): each is the same as triggering its type for
// the project through …/jobs (202 { run }, 409 on overlap, the same permissions), under the name
// the seed gave it.
import { NextResponse } from "next/server";
import { z } from "zod";
import { triggerSeedJob } from "@/lib/api/abilities";
import { apiRoute, readJson } from "@/lib/api/route";

export function seedTriggerRoute(type: string) {
  return apiRoute<{ projectId: string }>(async ({ request, actor, params }) =>
    NextResponse.json(await triggerSeedJob(actor, params.projectId, type, await readJson(request, z.unknown())), { status: 202 }),
  );
}
