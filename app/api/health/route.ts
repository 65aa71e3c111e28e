// GET /api/health — liveness for load balancers: the web process answers. No auth, no details,
// no database (a database outage is /api/ready's answer, not a reason to restart this process).
export const dynamic = "force-dynamic";

export const GET = () => Response.json({ status: "ok" }, { headers: { "Cache-Control": "no-store" } });
