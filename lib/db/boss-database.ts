// pg-boss on the process's one pool (lib/db/pool.ts) instead of a pool of its own. pg-boss asks its
// database for three things: statements (the pool), LISTEN/NOTIFY (one dedicated connection, since a
// LISTEN must stay on one session) and the pool's counts for its instance registry.
import pg from "pg";
import type { Db } from "pg-boss";

// Reconnects back off up to this long; polling covers the gap, a NOTIFY only shortens waits.
const MAX_RECONNECT_DELAY_MS = 30_000;

export function poolDatabase(pool: pg.Pool, connectionString: string): Db {
  return {
    executeSql: (text, values) => pool.query(text, values),
    poolCounts: () => ({ max: pool.options.max ?? 10, total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    listen: (channel, onNotification, onReconnect) => listen(connectionString, channel, onNotification, onReconnect),
  };
}

// A session-pinned listener that reconnects by itself once it has been established. pg-boss calls
// onReconnect after each (re)subscription to fetch whatever was announced while it was away. The
// first connection's failure is pg-boss's to handle: it falls back to polling.
async function listen(connectionString: string, channel: string, onNotification: (payload: string) => void, onReconnect: () => void) {
  let closed = false;
  let client: pg.Client | null = null;
  let retryTimer: NodeJS.Timeout | undefined;
  let attempt = 0;

  const reconnectLater = () => {
    if (closed || retryTimer) return;
    const delay = Math.min(MAX_RECONNECT_DELAY_MS, 1000 * 2 ** attempt);
    attempt += 1;
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      connect().catch(reconnectLater);
    }, delay);
  };

  const connect = async () => {
    const next = new pg.Client({ connectionString, keepAlive: true, application_name: "taskdeck-listen" });
    const lost = () => {
      if (client !== next) return;
      client = null;
      next.removeAllListeners();
      next.end().catch(() => undefined);
      reconnectLater();
    };
    next.on("error", lost);
    next.on("end", lost);
    next.on("notification", (message) => message.payload !== undefined && onNotification(message.payload));
    try {
      await next.connect();
      await next.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
    } catch (error) {
      next.removeAllListeners();
      await next.end().catch(() => undefined);
      throw error;
    }
    if (closed) {
      next.removeAllListeners();
      await next.end().catch(() => undefined);
      return;
    }
    client = next;
    attempt = 0;
    onReconnect();
  };

  await connect();
  return {
    close: async () => {
      closed = true;
      clearTimeout(retryTimer);
      const current = client;
      client = null;
      current?.removeAllListeners();
      await current?.end().catch(() => undefined);
    },
  };
}
