// One pool per process (lib/db/pool.ts): Prisma, plain SQL and pg-boss share its connections. And a
// database that drops connections (a restart, a failover, an administrator) must not take the
// process down: idle connections the server terminated are replaced on the next query.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma, disconnectPrisma } from "@/lib/db/prisma";
import { closePool, getPool, namePoolConnections } from "@/lib/db/pool";
import { getSenderBoss, stopSenderBoss } from "@/lib/jobs/queue";
import { waitFor } from "../helpers/fixtures";

const NAME = "taskdeck-pool-test";
let admin: pg.Client;
let startedAt: Date;

beforeAll(async () => {
  admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await admin.connect();
  startedAt = (await admin.query<{ now: Date }>("SELECT now()")).rows[0]!.now;
  namePoolConnections(NAME);
});

afterAll(async () => {
  await stopSenderBoss();
  await disconnectPrisma();
  await closePool();
  await admin.end();
});

// Connections opened to this database since the file started, other than the admin's own.
const connections = async () =>
  (
    await admin.query<{ pid: number; name: string; state: string }>(
      `SELECT pid, application_name AS name, state FROM pg_stat_activity
        WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_start >= $1`,
      [startedAt],
    )
  ).rows;

describe("the process's connections", () => {
  it("all come from one pool shared by Prisma, plain SQL and pg-boss", async () => {
    const boss = await getSenderBoss();
    // Enough at once that each client needs connections of its own if it had a pool of its own.
    await Promise.all([
      ...Array.from({ length: 3 }, () => prisma.user.count()),
      ...Array.from({ length: 3 }, () => getPool().query("SELECT pg_sleep(0.05)")),
      ...Array.from({ length: 3 }, () => boss.getQueues()),
    ]);
    const opened = await connections();
    expect(opened.length).toBeGreaterThan(0);
    expect(opened.every((connection) => connection.name === NAME)).toBe(true);
    expect(opened.length).toBe(getPool().totalCount);
  });

  it("are replaced when the server drops them, and the process lives on", async () => {
    await Promise.all([prisma.user.count(), getPool().query("SELECT pg_sleep(0.05)")]);
    const idle = (await connections()).filter((connection) => connection.state === "idle").map((connection) => connection.pid);
    expect(idle.length).toBeGreaterThanOrEqual(2);
    await admin.query(`SELECT pg_terminate_backend(pid) FROM unnest($1::int[]) AS pid`, [idle]);
    // The terminated connections are gone, and the pool saw the errors and dropped them…
    await waitFor(connections, (now) => now.every((connection) => !idle.includes(connection.pid)), 10_000);
    await waitFor(async () => getPool().idleCount, (count) => count === 0, 10_000);
    // …and the next queries open fresh ones.
    await expect(getPool().query("SELECT 1 AS ok")).resolves.toMatchObject({ rows: [{ ok: 1 }] });
    await expect(prisma.user.count()).resolves.toBeGreaterThanOrEqual(0);
  });
});
