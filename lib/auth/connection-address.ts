// The address a connection speaks for, which scripts/web-server.ts stamps on each request for the
// sign-in throttle (read back by clientAddress in lib/auth/sign-in-throttle.ts): the socket's,
// unless TRUST_PROXY says a reverse proxy sits in front: then every request arrives from the proxy
// and the client is the address the proxy appended last to X-Forwarded-For (earlier entries are
// whatever the client sent, so they are never taken).
export function connectionAddress(socketAddress: string | undefined, forwardedFor: string | string[] | undefined, trustProxy: boolean): string {
  const header = Array.isArray(forwardedFor) ? forwardedFor.join(",") : forwardedFor;
  const appended = header?.split(",").at(-1)?.trim();
  return (trustProxy && appended) || socketAddress || "unknown";
}
