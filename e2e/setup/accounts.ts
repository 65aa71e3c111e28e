// Sandbox accounts the e2e stack serves besides the demo's (e2e/setup/stack.ts), for fixtures.
import type { SandboxProject } from "@/sandbox/revenuecat/server";

/** A RevenueCat account large enough that a sync runs for most of a minute: time to cancel it. */
export const largeRevenueCatAccount: SandboxProject = { projectId: "proj_large_app", apiKey: "sk_sandbox_large_app_key", customerCount: 2000, seed: 11 };
