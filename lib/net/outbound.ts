// Requests to addresses people type (webhook URLs, an AI provider's base URL) must not reach the
// server's own network: a team admin could otherwise probe what only the server can see. Private,
// loopback, link-local and other internal addresses are refused unless the server owner allows them
// (ALLOW_PRIVATE_NETWORK_URLS, on in demo mode and tests, where everything runs on localhost).
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { lookup } from "node:dns/promises";
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import { isIP } from "node:net";
import { env } from "@/lib/env";

const privateV4 = [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const;

const v4 = (address: string) => address.split(".").reduce((value, part) => (value << 8) + Number(part), 0) >>> 0;

export function isPrivateAddress(address: string): boolean {
  if (isIP(address) === 4) return privateV4.some(([network, bits]) => v4(address) >>> (32 - bits) === v4(network) >>> (32 - bits));
  const lower = address.toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(lower)?.[1];
  if (mapped) return isPrivateAddress(mapped);
  // Loopback, unspecified, unique-local (fc00::/7), link-local (fe80::/10), multicast.
  return lower === "::1" || lower === "::" || /^f[cd]/.test(lower) || /^fe[89ab]/.test(lower) || lower.startsWith("ff");
}

export class OutboundUrlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "OutboundUrlError";
  }
}

/** Checks that an http(s) URL resolves only to public addresses (unless private ones are allowed). */
export async function assertPublicUrl(raw: string, allowPrivate: boolean = env.ALLOW_PRIVATE_NETWORK_URLS): Promise<URL> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new OutboundUrlError("The address is not a URL");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new OutboundUrlError("Only http and https addresses are allowed");
  if (allowPrivate) return url;
  const host = url.hostname.replace(/^\[|\]$/g, "");
  const addresses = isIP(host) ? [host] : (await lookup(host, { all: true }).catch(() => [])).map((entry) => entry.address);
  if (addresses.length === 0) throw new OutboundUrlError(`${host} does not resolve`);
  const blocked = addresses.find(isPrivateAddress);
  if (blocked) throw new OutboundUrlError(`${host} resolves to a private address (${blocked}); the server owner can allow those with ALLOW_PRIVATE_NETWORK_URLS`);
  return url;
}

// A lookup for node's http(s) that refuses private addresses at connect time: the address checked
// is the address connected to, so a name that resolves publicly when a webhook is saved and
// privately when it is delivered (DNS rebinding) is still refused.
function publicLookup(hostname: string, options: LookupOptions, callback: LookupCallback): void {
  const family = options.family === "IPv4" ? 4 : options.family === "IPv6" ? 6 : Number(options.family ?? 0) || 0;
  dnsLookup(hostname, { family, hints: options.hints, all: true }, (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => {
    if (error) return callback(error, "", 4);
    const blocked = addresses.find((entry) => isPrivateAddress(entry.address));
    if (blocked) return callback(new OutboundUrlError(`${hostname} resolves to a private address (${blocked.address}); the server owner can allow those with ALLOW_PRIVATE_NETWORK_URLS`), "", 4);
    if (options.all) return (callback as unknown as (error: null, addresses: LookupAddress[]) => void)(null, addresses);
    const [first] = addresses;
    if (!first) return callback(new OutboundUrlError(`${hostname} does not resolve`), "", 4);
    callback(null, first.address, first.family);
  });
}

type LookupOptions = { family?: number | string; hints?: number; all?: boolean };
type LookupCallback = (error: NodeJS.ErrnoException | null, address: string, family: number) => void;

export interface OutboundResponse {
  status: number;
  /** The start of the body, for a delivery log. */
  body: string;
  location: string | null;
}

const RESPONSE_BYTES_KEPT = 1024;

/**
 * POSTs a body to an address people typed (a webhook), refusing private addresses unless allowed,
 * following no redirects (a redirect could lead anywhere), within `timeoutMs`.
 */
export function postOutbound(raw: string, body: string, headers: Record<string, string>, options: { timeoutMs: number; allowPrivate?: boolean }): Promise<OutboundResponse> {
  const allowPrivate = options.allowPrivate ?? env.ALLOW_PRIVATE_NETWORK_URLS;
  return new Promise((resolve, reject) => {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      return reject(new OutboundUrlError("The address is not a URL"));
    }
    if (url.protocol !== "http:" && url.protocol !== "https:") return reject(new OutboundUrlError("Only http and https addresses are allowed"));
    const host = url.hostname.replace(/^\[|\]$/g, "");
    // An address written as an IP is connected to without a lookup.
    if (!allowPrivate && isIP(host) && isPrivateAddress(host)) return reject(new OutboundUrlError(`${host} is a private address; the server owner can allow those with ALLOW_PRIVATE_NETWORK_URLS`));
    const request = (url.protocol === "https:" ? httpsRequest : httpRequest)(
      url,
      {
        method: "POST",
        headers: { ...headers, "Content-Length": String(Buffer.byteLength(body)) },
        ...(allowPrivate ? {} : { lookup: publicLookup as never }),
        timeout: options.timeoutMs,
      },
      (response) => {
        const chunks: Buffer[] = [];
        let kept = 0;
        const done = () =>
          resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8").slice(0, RESPONSE_BYTES_KEPT), location: response.headers.location ?? null });
        response.on("data", (chunk: Buffer) => {
          if (kept >= RESPONSE_BYTES_KEPT) return;
          chunks.push(chunk);
          kept += chunk.length;
          // Enough for the log: the rest of a large answer is not read.
          if (kept >= RESPONSE_BYTES_KEPT) {
            done();
            response.destroy();
          }
        });
        response.on("end", done);
        response.on("error", () => done());
      },
    );
    request.on("timeout", () => request.destroy(new Error(`No answer within ${options.timeoutMs / 1000} s`)));
    // Node's messages name the code mostly ("connect ECONNREFUSED …"), not always ("socket hang up").
    request.on("error", (error: NodeJS.ErrnoException) => reject(error.code && !error.message.includes(error.code) ? new Error(`${error.code}: ${error.message}`) : error));
    request.end(body);
  });
}
