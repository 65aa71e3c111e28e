import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { cliSchema, EnvError, envSchema, launcherSchema, parseEnv } from "@/lib/env";

const base = { DATABASE_URL: "postgresql://localhost/taskdeck" };

describe("parseEnv", () => {
  it("applies defaults", () => {
    const env = parseEnv(base);
    expect(env.PORT).toBe(3000);
    expect(env.REVENUECAT_API_URL).toBe("https://api.revenuecat.com/v2");
    expect(env.SMTP_URL).toBeUndefined();
  });

  it("treats empty variables as unset", () => {
    expect(parseEnv({ ...base, SMTP_URL: "", SYSTEM_JOBS_ALERT_EMAIL: " " }).SMTP_URL).toBeUndefined();
  });

  it("names every bad variable in one readable error", () => {
    const attempt = () => parseEnv({ DATABASE_URL: "mysql://nope", PORT: "70000", SYSTEM_JOBS_ALERT_EMAIL: "not-an-email" });
    expect(attempt).toThrow(EnvError);
    expect(attempt).toThrow(/DATABASE_URL: DATABASE_URL must be a postgres:\/\/ connection string/);
    expect(attempt).toThrow(/PORT:/);
    expect(attempt).toThrow(/SYSTEM_JOBS_ALERT_EMAIL:/);
  });

  it("requires DATABASE_URL", () => {
    expect(() => parseEnv({})).toThrow(/DATABASE_URL is required/);
  });
});

describe(".env.example", () => {
  it("lists every variable the app, the launcher and the CLI read, each with a comment above it", () => {
    const lines = readFileSync(".env.example", "utf8").split("\n");
    const listed = new Map(lines.flatMap((line, index) => (/^[A-Z_]+=/.test(line) ? [[line.split("=")[0]!, index]] : [])));
    const read = [...Object.keys(envSchema.shape), ...Object.keys(launcherSchema.shape), ...Object.keys(cliSchema.shape)].filter((name) => name !== "NODE_ENV");
    for (const name of new Set(read)) {
      expect(listed.has(name), `${name} is missing from .env.example`).toBe(true);
      // The variable's own comment, or the comment of the group it belongs to.
      const above = lines.slice(0, listed.get(name)).reverse().find((line) => !/^[A-Z_]+=/.test(line));
      expect(above?.startsWith("#"), `${name} has no comment above it`).toBe(true);
    }
  });
});
