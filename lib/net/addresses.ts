// Which addresses belong to the server's own network: private, loopback, link-local, shared,
// reserved and multicast ranges, in every way an IPv6 address can carry an IPv4 one (mapped
// `::ffff:7f00:1`, NAT64 `64:ff9b::a00:1`, 6to4 `2002:a00:1::`). Pure.
import { BlockList, isIP } from "node:net";

const v4 = new BlockList();
for (const [network, bits] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.0.2.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const) {
  v4.addSubnet(network, bits, "ipv4");
}

const v6 = new BlockList();
for (const [network, bits] of [
  // Unspecified, loopback and the deprecated IPv4-compatible ::a.b.c.d.
  ["::", 96],
  ["100::", 64],
  // Teredo hides its IPv4 address; documentation; local-use NAT64.
  ["2001::", 32],
  ["2001:db8::", 32],
  ["64:ff9b:1::", 48],
  ["fc00::", 7],
  ["fe80::", 10],
  ["fec0::", 10],
  ["ff00::", 8],
] as const) {
  v6.addSubnet(network, bits, "ipv6");
}

/** The eight 16-bit groups of an IPv6 address (an embedded dotted IPv4 tail included). */
function groups(address: string): number[] {
  let text = address.toLowerCase().replace(/%.*$/, "");
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.includes("::") ? text.split("::") : [text, undefined];
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const missing = tail === undefined ? 0 : 8 - left.length - right.length;
  return [...left, ...Array.from({ length: missing }, () => "0"), ...right].map((group) => Number.parseInt(group || "0", 16));
}

const embeddedV4 = (high: number, low: number) => `${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`;

export function isPrivateAddress(address: string): boolean {
  const family = isIP(address.replace(/%.*$/, ""));
  if (family === 4) return v4.check(address, "ipv4");
  if (family !== 6) return true;
  const g = groups(address);
  // Mapped ::ffff:a.b.c.d and NAT64 64:ff9b::a.b.c.d reach the IPv4 address they carry.
  if (g.slice(0, 5).every((group) => group === 0) && g[5] === 0xffff) return isPrivateAddress(embeddedV4(g[6]!, g[7]!));
  if (g[0] === 0x64 && g[1] === 0xff9b && g.slice(2, 6).every((group) => group === 0)) return isPrivateAddress(embeddedV4(g[6]!, g[7]!));
  // 6to4 2002:AABB:CCDD::/48 tunnels to AA.BB.CC.DD.
  if (g[0] === 0x2002) return isPrivateAddress(embeddedV4(g[1]!, g[2]!));
  return v6.check(address.replace(/%.*$/, ""), "ipv6");
}
