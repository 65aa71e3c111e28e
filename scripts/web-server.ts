// The production web server (what `next start` does): Next's request handler behind Node's own
// HTTP server, so requests that never reach Next's code still get a clear error, in JSON under
// /api/: TRACE and TRACK (Node's fetch Request refuses them, and Next answers a text 500 before
// the proxy runs) and requests Node cannot parse at all.
// Usage: node --import tsx scripts/web-server.ts --port 3000
import "@/lib/runtime/require-node";
import { createServer, type ServerResponse } from "node:http";
import { parseArgs } from "node:util";
import next from "next";
import { methodNotAllowed } from "@/lib/api/request-guard";
import { connectionAddress } from "@/lib/auth/connection-address";
import { env } from "@/lib/env";
import { errorBody, AppError } from "@/lib/errors";

const { values } = parseArgs({ options: { port: { type: "string", default: "3000" }, hostname: { type: "string" } } });
const port = Number(values.port);

// The methods Node parses but Next cannot turn into a Request (undici's forbidden methods).
const unrepresentable = new Set(["TRACE", "TRACK", "CONNECT"]);

async function send(response: Response, out: ServerResponse) {
  out.writeHead(response.status, Object.fromEntries(response.headers.entries()));
  out.end(Buffer.from(await response.arrayBuffer()));
}

const app = next({ dev: false, port, hostname: values.hostname });
await app.prepare();
const handle = app.getRequestHandler();
// Read once at start, so a bad value stops the server instead of failing each request.
const trustProxy = env.TRUST_PROXY;

const server = createServer((request, response) => {
  const method = request.method ?? "GET";
  if (unrepresentable.has(method)) {
    const pathname = (request.url ?? "/").split("?")[0] ?? "/";
    void send(methodNotAllowed(method, pathname), response);
    return;
  }
  // The sign-in throttle counts failures per address (lib/auth/sign-in-throttle.ts): the socket's
  // address, or behind a trusted reverse proxy the one it appended (lib/auth/connection-address.ts),
  // set here over anything the client sent.
  request.headers["x-taskdeck-client-ip"] = connectionAddress(request.socket.remoteAddress, request.headers["x-forwarded-for"], trustProxy);
  void handle(request, response);
});

// What Node cannot parse (an unknown method, a malformed header) gets a JSON 400 instead of
// Node's bare one; an oversized header block gets 431.
server.on("clientError", (error: NodeJS.ErrnoException, socket) => {
  if (!socket.writable || error.code === "ECONNRESET") return socket.destroy();
  const tooLarge = error.code === "HPE_HEADER_OVERFLOW";
  const body = JSON.stringify(errorBody(new AppError("bad_request", tooLarge ? "The request headers are too large" : "The request is not valid HTTP")));
  const status = tooLarge ? "431 Request Header Fields Too Large" : "400 Bad Request";
  socket.end(`HTTP/1.1 ${status}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
});

server.listen(port, values.hostname, () => console.log(`web server ready on http://${values.hostname ?? "localhost"}:${port}`));

// Stops taking connections and lets requests in flight finish, as `next start` does on SIGTERM.
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.once(signal, () => {
    server.close(() => process.exit(0));
    server.closeIdleConnections();
  });
}
