// What every sandbox server shares: JSON replies, a request body read whole, a delay added to each
// response so jobs take visible time, and a listen/close lifecycle on a port of its own (0: any).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface SandboxServer {
  /** http://127.0.0.1:<port> */
  origin: string;
  server: Server;
  close: () => Promise<void>;
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "Content-Type": "application/json", ...headers });
  res.end(body === undefined ? "" : JSON.stringify(body));
}

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

export async function listen(
  handle: (req: IncomingMessage, res: ServerResponse) => Promise<void> | void,
  options: { port?: number; host?: string; delayMs?: number } = {},
): Promise<SandboxServer> {
  const delayMs = options.delayMs ?? 0;
  const run = (req: IncomingMessage, res: ServerResponse) =>
    void Promise.resolve(handle(req, res)).catch((error: unknown) => sendJson(res, 500, { error: { message: error instanceof Error ? error.message : String(error) } }));
  const server = createServer((req, res) => (delayMs > 0 ? setTimeout(() => run(req, res), delayMs) : run(req, res)));
  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  return {
    origin: `http://${host}:${(server.address() as AddressInfo).port}`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
