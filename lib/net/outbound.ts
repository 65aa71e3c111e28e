// Requests to addresses people type (webhook URLs, an AI provider's base URL) must not reach the
// server's own network: a team admin could otherwise probe what only the server can see. Private,
// loopback, link-local and other internal addresses are refused unless the server owner allows them
// (ALLOW_PRIVATE_NETWORK_URLS, on in demo mode and tests, where everything runs on localhost).
import { lookup } from "node:dns/promises";
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
