// A database that drops connections (a restart, a failover, an administrator) must not take the
// process down: idle connections the server terminated are replaced on the next query.
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { prisma, disconnectPrisma } from "@/lib/db";
import { closePool, getPool } from "@/lib/db/pool";
import { waitFor } from "../helpers/fixtures";

afterAll(async () => {
  await disconnectPrisma();
  await closePool();
});

describe("lost connections", () => {
  it("are replaced, and the process lives on", async () => {
    // Open idle connections in both pools this process uses.
    await getPool().query("SELECT 1");
    await prisma.user.count();
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    const ourPids = async () =>
      (await admin.query<{ pid: number }>(`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND state = 'idle'`)).rows.map((row) => row.pid);
    const before = await ourPids();
    expect(before.length).toBeGreaterThanOrEqual(2);
    await admin.query(`SELECT pg_terminate_backend(pid) FROM unnest($1::int[]) AS pid`, [before]);
    // The terminated connections are gone (the pools saw the errors and dropped them)…
    await waitFor(ourPids, (pids) => pids.every((pid) => !before.includes(pid)), 10_000);
    // …and the next queries open fresh ones.
    await expect(getPool().query("SELECT 1 AS ok")).resolves.toMatchObject({ rows: [{ ok: 1 }] });
    await expect(prisma.user.count()).resolves.toBeGreaterThanOrEqual(0);
    await admin.end();
  });
});
