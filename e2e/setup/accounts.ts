// Sandbox accounts the e2e stack serves besides the demo's (e2e/setup/stack.ts), for fixtures, and
// the key credentials are sealed with (the stack's processes and the test files share it).
import type { SandboxProject } from "@/sandbox/revenuecat/server";

/** A RevenueCat account large enough that a sync runs for most of a minute: time to cancel it. */
export const largeRevenueCatAccount: SandboxProject = { projectId: "proj_large_app", apiKey: "sk_sandbox_large_app_key", customerCount: 2000, seed: 11 };

export const e2eEncryptionKey = "ZTJlLXN0YWNrLWVuY3J5cHRpb24ta2V5LTMyYnl0ZXM=";
