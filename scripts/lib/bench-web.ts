// The production web server (scripts/web-server.ts over `next build`) on the bench's database, for
// the bench sections that measure through HTTP; `env` adds to what every section sets.
import { randomBytes } from "node:crypto";
import { childEnv } from "@/lib/env";
import { ensureBuild } from "./build";
import { logAs, startProcess, waitForExit, waitForHttp, webArgs } from "./processes";
import { freePort } from "./throwaway-database";

export async function startWeb(databaseUrl: string, env: Record<string, string> = {}): Promise<{ baseUrl: string; stop: () => Promise<void> }> {
  await ensureBuild(logAs("web"));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const web = startProcess(
    "web",
    webArgs(port),
    childEnv({
      NODE_ENV: "production",
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      NEXTAUTH_SECRET: randomBytes(24).toString("base64url"),
      NEXTAUTH_URL: baseUrl,
      LOG_LEVEL: "warn",
      ...env,
    }),
  );
  const stop = async () => {
    web.kill("SIGTERM");
    await waitForExit(web, 20_000);
  };
  try {
    await waitForHttp(`${baseUrl}/login`, 120_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { baseUrl, stop };
}
