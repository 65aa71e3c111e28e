import path from "node:path";
import { defineConfig } from "vitest/config";
import { e2eEncryptionKey } from "./e2e/setup/accounts";

const root = path.resolve(import.meta.dirname);

// Browser and HTTP tests against the real product: `next start`, the worker process, the RevenueCat
// sandbox and a fresh database, started once for all files (e2e/setup/stack.ts).
export default defineConfig({
  resolve: { alias: { "@": root, "server-only": path.join(root, "tests/setup/empty-module.ts") } },
  test: {
    name: "e2e",
    include: ["e2e/**/*.test.ts"],
    globalSetup: ["e2e/setup/stack.ts"],
    // The files share one demo project, whose job types allow one active run at a time.
    fileParallelism: false,
    testTimeout: 90_000,
    // The test files seal fixtures' credentials with the key the stack's processes open them with.
    env: { TASKDECK_ENCRYPTION_KEY: e2eEncryptionKey },
    hookTimeout: 240_000,
  },
});
