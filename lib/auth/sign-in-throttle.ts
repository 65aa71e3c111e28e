import "server-only";
// Login throttling (issue 17, item 4): failed sign-ins are rows in PostgreSQL, so every web process
// counts the same ones. Too many failures for an email, or from an address, within the window
// refuse further attempts, even with the right password, until the oldest failure leaves the
// window. A success clears the email's failures; refused attempts are not counted again.
import { prisma } from "@/lib/db/prisma";

export const signInLimits = {
  windowMinutes: 15,
  perEmail: 10,
  perAddress: 50,
} as const;

export class SignInThrottledError extends Error {
  constructor(readonly retryAfterMinutes: number) {
    super(`Too many sign-in attempts; try again in ${retryAfterMinutes} minute${retryAfterMinutes === 1 ? "" : "s"}`);
    this.name = "SignInThrottledError";
  }
}

const windowStart = () => new Date(Date.now() - signInLimits.windowMinutes * 60_000);

/** Throws SignInThrottledError when the email or the address has used up its failures. */
export async function assertSignInAllowed(email: string, ip: string): Promise<void> {
  const since = windowStart();
  const [byEmail, byAddress] = await Promise.all([
    prisma.signInFailure.findMany({ where: { email, createdAt: { gte: since } }, orderBy: { createdAt: "desc" }, take: signInLimits.perEmail, select: { createdAt: true } }),
    prisma.signInFailure.findMany({ where: { ip, createdAt: { gte: since } }, orderBy: { createdAt: "desc" }, take: signInLimits.perAddress, select: { createdAt: true } }),
  ]);
  // The refusal lasts until the failure that reached the limit leaves the window.
  const limiting = [byEmail.length >= signInLimits.perEmail ? byEmail.at(-1) : undefined, byAddress.length >= signInLimits.perAddress ? byAddress.at(-1) : undefined]
    .filter((failure) => failure !== undefined)
    .map((failure) => failure.createdAt.getTime() + signInLimits.windowMinutes * 60_000);
  if (limiting.length === 0) return;
  throw new SignInThrottledError(Math.max(1, Math.ceil((Math.max(...limiting) - Date.now()) / 60_000)));
}

export async function recordSignInFailure(email: string, ip: string): Promise<void> {
  await prisma.$transaction([
    prisma.signInFailure.create({ data: { email, ip } }),
    // Rows older than a day count for nothing; each failure sweeps them so the table stays small.
    prisma.signInFailure.deleteMany({ where: { createdAt: { lt: new Date(Date.now() - 24 * 60 * 60_000) } } }),
  ]);
}

/** A success ends the email's run of failures (the address keeps its count). */
export async function clearSignInFailures(email: string): Promise<void> {
  await prisma.signInFailure.deleteMany({ where: { email } });
}

/**
 * The client's address: the header scripts/web-server.ts sets from the socket (clients cannot
 * forge it, it is overwritten), else the first X-Forwarded-For hop (`next dev`).
 */
export function clientAddress(headers: Record<string, string | string[] | undefined> | undefined): string {
  const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value)?.split(",")[0]?.trim();
  return first(headers?.["x-taskdeck-client-ip"]) || first(headers?.["x-forwarded-for"]) || "unknown";
}
