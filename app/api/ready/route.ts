// GET /api/ready — readiness for load balancers: 200 while this process can reach its database,
// 503 with Retry-After while it cannot. No auth and no details beyond that.
import { databaseReady } from "@/lib/db/ready";
import { getPool } from "@/lib/db/pool";

export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  const headers = { "Cache-Control": "no-store" };
  if (await databaseReady(getPool())) return Response.json({ status: "ready" }, { headers });
  return Response.json(
    { status: "unavailable", error: { code: "unavailable", message: "The database is unavailable right now" } },
    { status: 503, headers: { ...headers, "Retry-After": "5" } },
  );
}
