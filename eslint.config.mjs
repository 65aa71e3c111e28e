import js from "@eslint/js";
import nextPlugin from "@next/eslint-plugin-next";
import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";

// The layers (docs/decisions/008-catalog-lifecycle-and-layers.md): what each part of the code may import.
// Circles within a layer are caught by scripts/check-imports.ts, which `npm run lint` runs too.
const entryPoints = [
  { group: ["@/worker", "@/worker/**"], message: "Only the worker process runs handlers: nothing else imports worker/." },
  { group: ["@/cli/**"], message: "The CLI is an entry point of its own: nothing imports cli/." },
  { group: ["@/app/**", "@/components/**"], message: "Only the web app imports app/ and components/." },
];
const sandboxes = { group: ["@/sandbox/**"], message: "Sandboxes are for the demo and tests: the product reaches vendors through its clients." };
const launchers = { group: ["@/scripts/**"], message: "scripts/ are launchers and tools, not libraries." };
// Modules marked `import "server-only"`: they throw when loaded outside a Next server render.
const serverOnly = {
  group: ["@/lib/api/route", "@/lib/auth/access", "@/lib/auth/action", "@/lib/auth/options", "@/lib/auth/page-access", "@/lib/auth/session", "@/lib/dashboard/**"],
  message: "This module is server-only (Next's server): the worker and the CLI cannot load it.",
};
const runState = {
  group: ["@/lib/jobs/lifecycle", "@/lib/jobs/lifecycle/**"],
  message: "Run state changes go through the job service (lib/jobs/jobs.ts); only the engine and the worker use the lifecycle directly.",
};
const above = (...layers) => ({
  group: layers.flatMap((layer) => [`@/lib/${layer}`, `@/lib/${layer}/**`]),
  message: `This layer sits below ${layers.join(", ")}: import the other way round, or move what both need lower.`,
});
// What browser code may load: pure modules. Server data reaches components as props or from /api;
// types of it may be imported.
const clientSafe = {
  regex: "^@/lib/(?!(jobs/(catalog|labels|param-labels|schemas|eta|progress|schedule-text|definition|audit-actions|overview-windows)|apps/schemas|integrations/kinds|notify/(types|schemas)|auth/permissions|validation|plural)$)",
  message: "Components may import only pure modules from lib/ (types of the rest are fine).",
};
const restrict = (files, ...patterns) => ({
  files,
  rules: { "@typescript-eslint/no-restricted-imports": ["error", { patterns: patterns.map((pattern) => ({ ...pattern, allowTypeImports: true })) }] },
});
// Type imports are checked too for the layers below, so a layer's types do not point upwards either.
const restrictAll = (files, ...patterns) => ({ files, rules: { "@typescript-eslint/no-restricted-imports": ["error", { patterns }] } });

export default tseslint.config(
  { ignores: [".next/**", ".data/**", "node_modules/**", "lib/generated/**", "next-env.d.ts", "coverage/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { "@next/next": nextPlugin, "react-hooks": reactHooks },
    rules: {
      ...nextPlugin.configs.recommended.rules,
      ...nextPlugin.configs["core-web-vitals"].rules,
      ...reactHooks.configs.recommended.rules,
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-console": "off",
    },
  },
  {
    files: ["**/*.mjs"],
    languageOptions: { globals: { process: "readonly", console: "readonly" } },
  },
  // Configuration is read in one place, validated (lib/env.ts); tests and tool configs set up theirs.
  {
    files: ["**/*.ts", "**/*.tsx"],
    ignores: ["lib/env.ts", "tests/**", "e2e/**", "prisma.config.ts", "vitest*.config.ts", "scripts/test-e2e.ts"],
    rules: { "no-restricted-properties": ["error", { object: "process", property: "env", message: "Read configuration through lib/env.ts." }] },
  },
  // Components call the server actions of app/ (Next's way from a client to the server).
  restrict(["components/**"], ...entryPoints.slice(0, 2), sandboxes, launchers, clientSafe),
  restrict(["app/**"], ...entryPoints.slice(0, 2), sandboxes, launchers, runState),
  restrictAll(["worker/**"], entryPoints[1], entryPoints[2], sandboxes, launchers, serverOnly),
  restrictAll(["cli/**"], entryPoints[0], entryPoints[2], sandboxes, serverOnly),
  restrictAll(["lib/**"], ...entryPoints, sandboxes, launchers),
  restrictAll(["lib/errors.ts", "lib/env.ts", "lib/validation.ts", "lib/db/**", "lib/secrets/**", "lib/net/**", "lib/runtime/**"], ...entryPoints, sandboxes, launchers, {
    regex: "^@/lib/(?!(env|errors)$|db/|generated/|secrets/|runtime/)",
    message: "The foundation (errors, env, db, secrets, net, runtime) imports nothing else from lib/.",
  }),
  restrictAll(["lib/notify/**"], ...entryPoints, sandboxes, launchers, serverOnly, above("jobs", "auth", "api", "dashboard", "accounts")),
  restrictAll(["lib/jobs/**", "lib/apps/**", "lib/integrations/**"], ...entryPoints, sandboxes, launchers, serverOnly, above("auth", "api", "dashboard", "accounts")),
  // Vendor clients sit below the engine: they know nothing of jobs, integrations or accounts.
  restrictAll(["lib/appstore/**", "lib/revenuecat/**", "lib/appleads/**", "lib/ai/**", "lib/itunes/**"], ...entryPoints, sandboxes, launchers, serverOnly, above("auth", "api", "dashboard", "accounts", "integrations")),
  restrictAll(["lib/auth/**"], ...entryPoints, sandboxes, launchers, above("api", "dashboard", "accounts")),
  restrictAll(["lib/accounts/**"], ...entryPoints, sandboxes, launchers, serverOnly, above("api", "dashboard")),
  restrictAll(["lib/api/**"], ...entryPoints, sandboxes, launchers, above("dashboard", "accounts")),
  restrictAll(["lib/dashboard/**"], ...entryPoints, sandboxes, launchers, above("api", "accounts")),
);
