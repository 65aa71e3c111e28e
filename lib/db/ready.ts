// Whether this process can use its database now, for GET /api/ready: one trivial query, bounded,
// so a load balancer's probe answers within seconds whatever the database is doing.
import type pg from "pg";
import { isDatabaseUnavailable } from "./unavailable";

export const READY_TIMEOUT_MS = 2000;

export async function databaseReady(pool: Pick<pg.Pool, "query">): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error("connection timeout"), { code: "ETIMEDOUT" })), READY_TIMEOUT_MS);
  });
  try {
    await Promise.race([pool.query("SELECT 1"), timeout]);
    return true;
  } catch (error) {
    if (isDatabaseUnavailable(error)) return false;
    throw error;
  } finally {
    clearTimeout(timer);
  }
}
