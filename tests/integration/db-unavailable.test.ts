// A database that cannot be reached is answered 503 with Retry-After, not 500 (issue 17): the
// errors are real ones, from the pg driver and from Prisma pointed at a port nothing listens on,
// and from a server terminating a query; a bad query stays a 500.
import pg from "pg";
import { describe, expect, it } from "vitest";
import { errorResponse } from "@/lib/api/route";
import { createPrisma } from "@/lib/db/prisma";
import { isDatabaseUnavailable } from "@/lib/db/unavailable";
import { closedPort } from "../helpers/fixtures";

const failureOf = async (action: () => Promise<unknown>) => action().then(() => { throw new Error("expected a failure"); }, (error: unknown) => error);

describe("a database that cannot be reached", () => {
  it("is recognised through the pg driver and through Prisma, and answered 503 with Retry-After", async () => {
    const url = `postgres://taskdeck@127.0.0.1:${await closedPort()}/taskdeck`;
    const pool = new pg.Pool({ connectionString: url, connectionTimeoutMillis: 2000 });
    const driverError = await failureOf(() => pool.query("SELECT 1"));
    await pool.end();
    const prisma = createPrisma(url);
    const prismaError = await failureOf(() => prisma.jobRun.findMany({ take: 1 }));
    await prisma.$disconnect().catch(() => undefined);

    for (const error of [driverError, prismaError]) {
      expect(isDatabaseUnavailable(error), String(error)).toBe(true);
      const response = errorResponse(error);
      expect(response.status).toBe(503);
      expect(response.headers.get("retry-after")).toBe("5");
      expect(await response.json()).toEqual({ error: { code: "unavailable", message: expect.stringContaining("database is unavailable"), retryAfterSeconds: 5 } });
    }
  });

  it("is recognised when the server terminates a query, and a bad query is not", async () => {
    const victim = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await victim.connect();
    victim.on("error", () => undefined);
    const pid = (await victim.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0]!.pid;
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    const sleeping = failureOf(() => victim.query("SELECT pg_sleep(30)"));
    // The query is running once the server says so; then it is terminated as a restart would.
    for (;;) {
      const { rows } = await admin.query(`SELECT 1 FROM pg_stat_activity WHERE pid = $1 AND query LIKE 'SELECT pg_sleep%' AND state = 'active'`, [pid]);
      if (rows.length > 0) break;
    }
    await admin.query("SELECT pg_terminate_backend($1)", [pid]);
    expect(isDatabaseUnavailable(await sleeping)).toBe(true);

    const syntax = await failureOf(() => admin.query("SELEC 1"));
    expect(isDatabaseUnavailable(syntax)).toBe(false);
    expect(errorResponse(syntax).status).toBe(500);
    await admin.end();
    await victim.end().catch(() => undefined);
  });
});
