// Shared by the e2e files: a Chromium launched through playwright-core, a signed-in HTTP client, and
// the taskdeck CLI as a child process.
import { spawn } from "node:child_process";
import { chromium, type Browser, type Page } from "playwright-core";
import { inject } from "vitest";
import { demo } from "@/prisma/seed";

export const baseUrl = () => inject("baseUrl");

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
  });
}

export async function signIn(page: Page, email: string = demo.admin.email): Promise<void> {
  await page.goto(`${baseUrl()}/login`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(demo.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/projects\/[^/]+\/tasks$/);
}

/** Signs in through next-auth's credentials endpoint and returns the session cookie header. */
export async function sessionCookie(email: string, password: string = demo.password): Promise<string> {
  const csrfResponse = await fetch(`${baseUrl()}/api/auth/csrf`);
  const { csrfToken } = (await csrfResponse.json()) as { csrfToken: string };
  const jar = cookiesOf(csrfResponse);
  const response = await fetch(`${baseUrl()}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: jar },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
  });
  const session = cookiesOf(response).split("; ").find((cookie) => cookie.startsWith("next-auth.session-token="));
  if (!session) throw new Error(`sign-in as ${email} failed (${response.status})`);
  return session;
}

function cookiesOf(response: Response): string {
  return response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(";")[0])
    .join("; ");
}

/** Runs `taskdeck …` against the stack with an API key, to its end: its exit code and output. */
export function runTaskdeck(args: string[], apiKey: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ["scripts/taskdeck.mjs", ...args], {
    env: { ...process.env, TASKDECK_URL: baseUrl(), TASKDECK_API_KEY: apiKey, DATABASE_URL: inject("databaseUrl") },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on("close", (code) => resolve({ code, stdout, stderr })));
}
