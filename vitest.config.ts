import path from "node:path";
import { defineConfig } from "vitest/config";

const root = path.resolve(import.meta.dirname);

export default defineConfig({
  resolve: {
    alias: {
      "@": root,
      // Route modules guard against client bundles with "server-only"; under test they are server code.
      "server-only": path.join(root, "tests/setup/empty-module.ts"),
    },
  },
  test: {
    // Most integration time is spent waiting (workers, sandboxes, crash recovery), not computing:
    // two files at a time even on two cores.
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["tests/unit/**/*.test.ts"],
          environment: "node",
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          environment: "node",
          globalSetup: ["tests/setup/database.ts"],
          setupFiles: ["tests/setup/env.ts"],
          // Each file has a database of its own (tests/setup/env.ts), so files run side by side.
          fileParallelism: true,
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
