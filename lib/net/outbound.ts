// Requests to addresses people type (webhook URLs, an AI provider's base URL) must not reach the
// server's own network: a team admin could otherwise probe what only the server can see. Private,
// loopback, link-local and other internal addresses (lib/net/addresses.ts) are refused unless the
// server owner allows them (ALLOW_PRIVATE_NETWORK_URLS, on in demo mode and tests, where
// everything runs on localhost): when an address is saved, and again at connect time.
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { lookup } from "node:dns/promises";
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import { isIP } from "node:net";
import { env } from "@/lib/env";
import { isPrivateAddress } from "./addresses";

export { isPrivateAddress };

export class OutboundUrlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "OutboundUrlError";
  }
}

const allowHint = "the server owner can allow those with ALLOW_PRIVATE_NETWORK_URLS";

function httpUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new OutboundUrlError("The address is not a URL");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new OutboundUrlError("Only http and https addresses are allowed");
  return url;
}

const hostOf = (url: URL) => url.hostname.replace(/^\[|\]$/g, "");

/** Checks that an http(s) URL resolves only to public addresses (unless private ones are allowed). */
export async function assertPublicUrl(raw: string, allowPrivate: boolean = env.ALLOW_PRIVATE_NETWORK_URLS): Promise<URL> {
  const url = httpUrl(raw);
  if (allowPrivate) return url;
  const host = hostOf(url);
  const addresses = isIP(host) ? [host] : (await lookup(host, { all: true }).catch(() => [])).map((entry) => entry.address);
  if (addresses.length === 0) throw new OutboundUrlError(`${host} does not resolve`);
  const blocked = addresses.find(isPrivateAddress);
  if (blocked) throw new OutboundUrlError(`${host} resolves to a private address (${blocked}); ${allowHint}`);
  return url;
}

type LookupOptions = { family?: number | string; hints?: number; all?: boolean };
type LookupCallback = (error: NodeJS.ErrnoException | null, address: string, family: number) => void;

// A lookup for node's http(s) that refuses private addresses at connect time: the address checked
// is the address connected to, so a name that resolves publicly when a webhook is saved and
// privately when it is delivered (DNS rebinding) is still refused.
function publicLookup(hostname: string, options: LookupOptions, callback: LookupCallback): void {
  const family = options.family === "IPv4" ? 4 : options.family === "IPv6" ? 6 : Number(options.family ?? 0) || 0;
  dnsLookup(hostname, { family, hints: options.hints, all: true }, (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => {
    if (error) return callback(error, "", 4);
    const blocked = addresses.find((entry) => isPrivateAddress(entry.address));
    if (blocked) return callback(new OutboundUrlError(`${hostname} resolves to a private address (${blocked.address}); ${allowHint}`), "", 4);
    if (options.all) return (callback as unknown as (error: null, addresses: LookupAddress[]) => void)(null, addresses);
    const [first] = addresses;
    if (!first) return callback(new OutboundUrlError(`${hostname} does not resolve`), "", 4);
    callback(null, first.address, first.family);
  });
}

export interface OutboundResponse {
  status: number;
  /** The body, or its start when it is longer than `maxBodyBytes` and `truncate` is set. */
  body: string;
  location: string | null;
  /** The response headers (an AI provider's retry-after, for one). */
  headers: Record<string, string | string[] | undefined>;
}

export interface OutboundOptions {
  method?: "GET" | "POST";
  body?: string;
  headers?: Record<string, string>;
  /** The whole exchange, connecting to the last byte: a receiver that trickles is cut off. */
  timeoutMs: number;
  allowPrivate?: boolean;
  signal?: AbortSignal;
  maxBodyBytes?: number;
  /** Keep the start of a longer body (a delivery log) instead of failing (an API answer). */
  truncate?: boolean;
}

/**
 * A request to an address people typed: private addresses refused unless allowed (IP literals and
 * every address a name resolves to), no redirects followed (a redirect could lead anywhere), one
 * deadline for the whole exchange, a bounded answer.
 */
export function requestOutbound(raw: string, options: OutboundOptions): Promise<OutboundResponse> {
  const allowPrivate = options.allowPrivate ?? env.ALLOW_PRIVATE_NETWORK_URLS;
  const maxBodyBytes = options.maxBodyBytes ?? 1024;
  return new Promise((resolve, reject) => {
    let url: URL;
    try {
      url = httpUrl(raw);
    } catch (error) {
      return reject(error);
    }
    const host = hostOf(url);
    // An address written as an IP is connected to without a lookup.
    if (!allowPrivate && isIP(host) && isPrivateAddress(host)) return reject(new OutboundUrlError(`${host} is a private address; ${allowHint}`));
    const body = options.body;
    const request = (url.protocol === "https:" ? httpsRequest : httpRequest)(
      url,
      {
        method: options.method ?? (body === undefined ? "GET" : "POST"),
        headers: { ...options.headers, ...(body === undefined ? {} : { "Content-Length": String(Buffer.byteLength(body)) }) },
        ...(allowPrivate ? {} : { lookup: publicLookup as never }),
        signal: options.signal,
      },
      (response) => {
        const chunks: Buffer[] = [];
        let kept = 0;
        let settled = false;
        const done = () => {
          if (settled) return;
          settled = true;
          clearTimeout(deadline);
          resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8").slice(0, maxBodyBytes), location: response.headers.location ?? null, headers: response.headers });
        };
        response.on("data", (chunk: Buffer) => {
          if (settled) return;
          chunks.push(chunk);
          kept += chunk.length;
          if (kept < maxBodyBytes) return;
          // Enough for a log: the rest is not read. Too much for an answer: refused.
          if (options.truncate) done();
          else request.destroy(new Error(`The answer is larger than ${maxBodyBytes} bytes`));
          response.destroy();
        });
        response.on("end", done);
        response.on("error", (error) => (options.truncate ? done() : request.destroy(error)));
      },
    );
    const deadline = setTimeout(() => request.destroy(new Error(`No answer within ${options.timeoutMs / 1000} s`)), options.timeoutMs);
    // Node's messages name the code mostly ("connect ECONNREFUSED …"), not always ("socket hang up").
    request.on("error", (error: NodeJS.ErrnoException) => {
      clearTimeout(deadline);
      reject(error.code && !error.message.includes(error.code) ? new Error(`${error.code}: ${error.message}`) : error);
    });
    request.end(body);
  });
}
