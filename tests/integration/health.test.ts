// Load balancers' probes (issue 19): /api/health answers while the process lives, /api/ready while
// it can reach its database, 503 with Retry-After when it cannot (a pool on a port nothing listens on).
import pg from "pg";
import { describe, expect, it } from "vitest";
import { GET as health } from "@/app/api/health/route";
import { GET as ready } from "@/app/api/ready/route";
import { getPool } from "@/lib/db/pool";
import { databaseReady } from "@/lib/db/ready";
import { closedPort } from "../helpers/fixtures";

describe("the probes", () => {
  it("answer ok and ready while the database is there, without auth", async () => {
    const alive = health();
    expect([alive.status, await alive.json()]).toEqual([200, { status: "ok" }]);
    const answer = await ready();
    expect([answer.status, await answer.json()]).toEqual([200, { status: "ready" }]);
    expect(await databaseReady(getPool())).toBe(true);
  });

  it("say not ready when the database cannot be reached, and fail loudly on anything else", async () => {
    const unreachable = new pg.Pool({ connectionString: `postgres://taskdeck@127.0.0.1:${await closedPort()}/taskdeck` });
    expect(await databaseReady(unreachable)).toBe(false);
    await unreachable.end();
    // A query that fails for another reason is a bug to see, not an outage to wait out.
    await expect(databaseReady({ query: () => Promise.reject(new Error("permission denied for table x")) } as unknown as pg.Pool)).rejects.toThrow("permission denied");
  });
});
