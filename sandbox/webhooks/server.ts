// A local webhook receiver: what a team's webhook points at in the demo and in the tests. It keeps
// every delivery it receives (headers and raw body, so signatures can be checked), answers with the
// statuses it is told to (200 by default), and lists what it received at GET /.
import type { IncomingHttpHeaders } from "node:http";
import { listen, readBody, sendJson } from "../http";

export interface ReceivedDelivery {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** What the receiver answered. */
  status: number;
  at: number;
}

export interface WebhookReceiverOptions {
  port?: number;
  /** Kept at most; older deliveries are forgotten. */
  keep?: number;
}

export interface WebhookReceiver {
  /** e.g. http://127.0.0.1:4014; any path below it receives. */
  url: string;
  received: ReceivedDelivery[];
  /** The statuses the next deliveries get, in order; then 200 again. */
  answerNext: (...statuses: number[]) => void;
  /** Every delivery gets this status until changed (null: back to 200). */
  answerAlways: (status: number | null) => void;
  close: () => Promise<void>;
}

export async function startWebhookReceiver(options: WebhookReceiverOptions = {}): Promise<WebhookReceiver> {
  const received: ReceivedDelivery[] = [];
  const next: number[] = [];
  let always: number | null = null;
  const server = await listen(
    async (req, res) => {
      if (req.method === "GET") return sendJson(res, 200, { received: received.map(({ body, ...rest }) => ({ ...rest, body: JSON.parse(body) as unknown })) });
      const body = await readBody(req);
      const status = next.shift() ?? always ?? 200;
      received.push({ path: req.url ?? "/", headers: req.headers, body, status, at: Date.now() });
      if (received.length > (options.keep ?? 500)) received.shift();
      sendJson(res, status, status < 300 ? { received: true } : { error: `the receiver answered ${status} on purpose` });
    },
    { port: options.port },
  );
  return {
    url: server.origin,
    received,
    answerNext: (...statuses) => void next.push(...statuses),
    answerAlways: (status) => void (always = status),
    close: server.close,
  };
}
