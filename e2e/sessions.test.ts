// Sessions that end (issue 17, item 5), over real HTTP: a session cookie copied before sign-out,
// or before a password change, stops working at once instead of for the rest of its 7 days.
import { afterAll, describe, expect, it } from "vitest";
import { demo } from "@/prisma/seed";
import { baseUrl, runTaskdeck, sessionCookie } from "./helpers";
import { createUser, demoTeam, prisma } from "./fixtures";

afterAll(() => prisma.$disconnect());

const projectsWith = (cookie: string) => fetch(`${baseUrl()}/api/v1/projects`, { headers: { Cookie: cookie } }).then((response) => response.status);

async function loginRedirectFor(cookie: string): Promise<boolean> {
  const page = await fetch(`${baseUrl()}/projects/${demo.project.slug}/tasks`, { headers: { Cookie: cookie }, redirect: "manual" });
  const target = page.status === 307 ? (page.headers.get("location") ?? "") : await page.text();
  return target.includes("/login?callbackUrl=");
}

/** Signs out through next-auth's own endpoint, the way the Sign out button does. */
async function signOut(cookie: string) {
  const csrfResponse = await fetch(`${baseUrl()}/api/auth/csrf`, { headers: { Cookie: cookie } });
  const { csrfToken } = (await csrfResponse.json()) as { csrfToken: string };
  const csrfCookie = csrfResponse.headers.getSetCookie().map((value) => value.split(";")[0]).join("; ");
  const response = await fetch(`${baseUrl()}/api/auth/signout`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: [cookie, csrfCookie].filter(Boolean).join("; ") },
    body: new URLSearchParams({ csrfToken, json: "true" }),
  });
  expect(response.status).toBeLessThan(400);
}

describe("sessions", () => {
  it("end at sign-out: a copy of the cookie taken before stops working, for the API and the pages", async () => {
    const user = await createUser((await demoTeam()).id, "admin");
    const cookie = await sessionCookie(user.email);
    const copy = cookie;
    expect(await projectsWith(copy)).toBe(200);

    await signOut(cookie);
    expect(await projectsWith(copy)).toBe(401);
    // The page sends the copy's holder to the login page (a 307, or Next's redirect in the stream).
    expect(await loginRedirectFor(copy)).toBe(true);

    // Signing in again gives a session that works.
    const again = await sessionCookie(user.email);
    expect(await projectsWith(again)).toBe(200);
    expect(await loginRedirectFor(again)).toBe(false);
  });

  it("end when the password changes (taskdeck admin users set-password), on every device", async () => {
    const user = await createUser((await demoTeam()).id, "admin");
    const laptop = await sessionCookie(user.email);
    const phone = await sessionCookie(user.email);
    expect([await projectsWith(laptop), await projectsWith(phone)]).toEqual([200, 200]);

    const changed = await runTaskdeck(["admin", "users", "set-password", "--email", user.email, "--password", "a-brand-new-password"], "unused");
    expect(changed.code, changed.stderr).toBe(0);
    expect(changed.stdout).toContain("their sessions are signed out");

    expect([await projectsWith(laptop), await projectsWith(phone)]).toEqual([401, 401]);
    await expect(sessionCookie(user.email)).rejects.toThrow(/sign-in .* failed/);
    expect(await projectsWith(await sessionCookie(user.email, "a-brand-new-password"))).toBe(200);
  });

  it("that nobody ended keep working", async () => {
    const cookie = await sessionCookie(demo.member.email);
    expect(await projectsWith(cookie)).toBe(200);
    expect(await projectsWith(cookie)).toBe(200);
  });
});
