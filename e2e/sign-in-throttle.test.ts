// Login throttling (issue 17, item 4), through next-auth's real credentials endpoint: failures
// per email and per address are counted in PostgreSQL, and past the limit even the right password
// is refused with a message saying how long to wait. Each test signs in from a loopback address of
// its own (127.0.0.x), so the addresses it locks out are no other test's.
import { request as httpRequest } from "node:http";
import { afterAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { signInLimits } from "@/lib/auth/sign-in-throttle";
import { demo } from "@/prisma/seed";
import { baseUrl } from "./helpers";
import { createUser, prisma } from "./fixtures";

afterAll(() => prisma.$disconnect());

interface Answer {
  status: number;
  cookies: string[];
  body: string;
}

function send(path: string, options: { method?: string; headers?: Record<string, string>; body?: string; from: string }): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(`${baseUrl()}${path}`, { method: options.method ?? "GET", headers: options.headers, localAddress: options.from }, (incoming) => {
      let body = "";
      incoming.on("data", (chunk: Buffer) => (body += chunk.toString()));
      incoming.on("end", () => resolve({ status: incoming.statusCode ?? 0, cookies: (incoming.headers["set-cookie"] ?? []).map((cookie) => cookie.split(";")[0] ?? ""), body }));
    });
    outgoing.on("error", reject);
    outgoing.end(options.body);
  });
}

/** One sign-in attempt from `from`: whether it got a session, and next-auth's error if not. */
async function signIn(email: string, password: string, from: string): Promise<{ signedIn: boolean; error: string | null }> {
  const csrf = await send("/api/auth/csrf", { from });
  const { csrfToken } = JSON.parse(csrf.body) as { csrfToken: string };
  const answer = await send("/api/auth/callback/credentials", {
    method: "POST",
    from,
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: csrf.cookies.join("; ") },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }).toString(),
  });
  const signedIn = answer.cookies.some((cookie) => cookie.startsWith("next-auth.session-token="));
  const url = (JSON.parse(answer.body) as { url?: string }).url;
  return { signedIn, error: url ? new URL(url).searchParams.get("error") : null };
}

const strangerEmail = () => `nobody-${randomUUID().slice(0, 8)}@e2e.test`;

describe("sign-in throttle", () => {
  it(`refuses an email after ${signInLimits.perEmail} failures, even with the right password, with a clear message`, async () => {
    const user = await createUser(null);
    const from = "127.0.0.11";
    for (let attempt = 0; attempt < signInLimits.perEmail; attempt += 1) {
      expect(await signIn(user.email, "wrong-password", from)).toEqual({ signedIn: false, error: "CredentialsSignin" });
    }
    const refused = await signIn(user.email, demo.password, from);
    expect(refused.signedIn).toBe(false);
    expect(refused.error).toBe(`Too many sign-in attempts; try again in ${signInLimits.windowMinutes} minutes`);
    // From another address too: the account is what is being guessed.
    expect((await signIn(user.email, demo.password, "127.0.0.12")).signedIn).toBe(false);
    // Another account from the same address is not affected.
    expect((await signIn(demo.member.email, demo.password, from)).signedIn).toBe(true);
  });

  it("is shared through the database: failures written by any web process count", async () => {
    const user = await createUser(null);
    await prisma.signInFailure.createMany({ data: Array.from({ length: signInLimits.perEmail }, () => ({ email: user.email, ip: "203.0.113.9" })) });
    expect((await signIn(user.email, demo.password, "127.0.0.13")).error).toMatch(/^Too many sign-in attempts; try again in \d+ minutes$/);
    // Once the failures are older than the window, the account signs in again.
    await prisma.signInFailure.updateMany({ where: { email: user.email }, data: { createdAt: new Date(Date.now() - (signInLimits.windowMinutes + 1) * 60_000) } });
    expect((await signIn(user.email, demo.password, "127.0.0.13")).signedIn).toBe(true);
  });

  it("resets an email's count on a successful sign-in", async () => {
    const user = await createUser(null);
    const from = "127.0.0.14";
    for (let round = 0; round < 2; round += 1) {
      for (let attempt = 0; attempt < signInLimits.perEmail - 1; attempt += 1) await signIn(user.email, "wrong-password", from);
      expect((await signIn(user.email, demo.password, from)).signedIn, `round ${round}`).toBe(true);
    }
  });

  it(`refuses an address after ${signInLimits.perAddress} failures, whichever emails they tried`, async () => {
    const from = "127.0.0.15";
    for (let attempt = 0; attempt < signInLimits.perAddress; attempt += 1) await signIn(strangerEmail(), "guess", from);
    const refused = await signIn(demo.admin.email, demo.password, from);
    expect(refused.signedIn).toBe(false);
    expect(refused.error).toMatch(/^Too many sign-in attempts; try again in \d+ minutes$/);
    // The same account from another address signs in: only the guessing address is held back.
    expect((await signIn(demo.admin.email, demo.password, "127.0.0.16")).signedIn).toBe(true);
  });
});
