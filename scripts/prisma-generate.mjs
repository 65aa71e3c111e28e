// postinstall: `prisma generate` without network access.
// Prisma's CLI insists on downloading its native schema engine before generating, and these
// machines cannot reach Prisma's binary host. Generation itself does not use that engine, so when
// none is configured we point Prisma at a placeholder file. Migrations never go through Prisma's
// engine here (scripts/db-migrate.ts applies them; see docs/decisions/002-sql-migrations.md).
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync, existsSync } from "node:fs";
import path from "node:path";

const env = { ...process.env };
if (!env.PRISMA_SCHEMA_ENGINE_BINARY) {
  const placeholder = path.resolve("node_modules/.cache/taskdeck/schema-engine-placeholder");
  if (!existsSync(placeholder)) {
    mkdirSync(path.dirname(placeholder), { recursive: true });
    writeFileSync(placeholder, "#!/bin/sh\necho 'schema engine unavailable: use npm run db:migrate' >&2\nexit 1\n", { mode: 0o755 });
  }
  env.PRISMA_SCHEMA_ENGINE_BINARY = placeholder;
}
const result = spawnSync("prisma", ["generate"], { stdio: "inherit", env, shell: process.platform === "win32" });
process.exit(result.status ?? 1);
