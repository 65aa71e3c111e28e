// The address a request came from, for the sign-in throttle's per-address count. The socket's,
// unless TRUST_PROXY says a reverse proxy sits in front: then every request arrives from the proxy
// and the client is the address the proxy appended last to X-Forwarded-For (earlier entries are
// whatever the client sent, so they are never taken).
export function clientAddress(socketAddress: string | undefined, forwardedFor: string | string[] | undefined, trustProxy: boolean): string {
  const header = Array.isArray(forwardedFor) ? forwardedFor.join(",") : forwardedFor;
  const appended = header?.split(",").at(-1)?.trim();
  return (trustProxy && appended) || socketAddress || "unknown";
}
