import type { NextConfig } from "next";
import { PHASE_PRODUCTION_BUILD } from "next/constants";
import { parseEnv } from "./lib/env";

export default function config(phase: string): NextConfig {
  // Bad configuration fails here, at start, with a readable message. A build needs no database.
  parseEnv(phase === PHASE_PRODUCTION_BUILD ? { DATABASE_URL: "postgresql://build.invalid/taskdeck", ...process.env } : process.env);
  return {
    reactStrictMode: true,
    poweredByHeader: false,
    // Node-only database and queue libraries run as plain Node modules instead of being bundled.
    serverExternalPackages: ["pg-boss", "pg", "@prisma/adapter-pg"],
  };
}
