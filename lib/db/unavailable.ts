// Whether an error means the database cannot be reached right now (stopped, restarting, failing
// over, out of connections), as opposed to a bad query: such a request is answered 503 with
// Retry-After, not 500. The pg driver's network codes and PostgreSQL's connection classes, looked
// for through Prisma's and the driver adapter's wrappers (cause chains, `meta`).
const networkCodes = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ENOTFOUND", "EHOSTUNREACH", "EAI_AGAIN"]);
// 08: connection exceptions; 57P01-57P03: admin shutdown, crash shutdown, cannot connect now;
// 53300: too many connections.
const serverCodes = /^(08\d{3}|57P0[123]|53300)$/;
// Prisma's own: P1001 can't reach, P1002 timed out, P1017 server closed the connection.
const prismaCodes = new Set(["P1001", "P1002", "P1017"]);
const messages = /Connection terminated|connection timeout|timeout exceeded when trying to connect|the database system is (starting up|shutting down)|Can't reach database server|Server has closed the connection/i;

export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (depth > 6 || typeof error !== "object" || error === null) return false;
  const candidate = error as { code?: unknown; message?: unknown; cause?: unknown; meta?: unknown; errors?: unknown };
  const code = typeof candidate.code === "string" ? candidate.code : undefined;
  if (code && (networkCodes.has(code) || serverCodes.test(code) || prismaCodes.has(code))) return true;
  if (typeof candidate.message === "string" && messages.test(candidate.message)) return true;
  // An AggregateError (a connect to every address of localhost failing) holds the real ones.
  if (Array.isArray(candidate.errors) && candidate.errors.some((inner) => isDatabaseUnavailable(inner, depth + 1))) return true;
  const meta = candidate.meta as { driverAdapterError?: unknown } | undefined;
  return isDatabaseUnavailable(candidate.cause, depth + 1) || isDatabaseUnavailable(meta?.driverAdapterError, depth + 1);
}

/**
 * Runs `work` again while the database is unreachable, backing off up to 5 s between tries, for at
 * most `patienceMs`; any other error, or the outage outlasting the patience, is thrown.
 */
export async function untilAvailable<T>(work: () => Promise<T>, options: { patienceMs: number; onWait?: (error: Error) => void }): Promise<T> {
  const giveUpAt = Date.now() + options.patienceMs;
  for (let wait = 250; ; wait = Math.min(wait * 2, 5000)) {
    try {
      return await work();
    } catch (error) {
      if (!isDatabaseUnavailable(error) || Date.now() + wait > giveUpAt) throw error;
      options.onWait?.(error instanceof Error ? error : new Error(String(error)));
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}
