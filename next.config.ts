import type { NextConfig } from "next";
import { PHASE_PRODUCTION_BUILD } from "next/constants";
import { checkEnvForNext } from "./lib/env";

export default function config(phase: string): NextConfig {
  // Bad configuration fails here, at start, with a readable message. A build needs no database.
  checkEnvForNext(phase === PHASE_PRODUCTION_BUILD);
  return {
    reactStrictMode: true,
    poweredByHeader: false,
    // Node-only database and queue libraries run as plain Node modules instead of being bundled.
    serverExternalPackages: ["pg-boss", "pg", "@prisma/adapter-pg"],
  };
}
