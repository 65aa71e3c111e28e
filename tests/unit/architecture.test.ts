// The shape of the code (docs/decisions/008-catalog-lifecycle-and-layers.md), held by tests: one owner of run
// state, lint that refuses forbidden imports, no import circles, and a valid catalog with a handler
// for every type.
import { readFileSync } from "node:fs";
import path from "node:path";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { catalog } from "@/lib/jobs/catalog";
import { defineCatalog } from "@/lib/jobs/define-catalog";
import { handlers } from "@/worker/handlers";
import { importCycles, projectRoot, sourceFiles } from "@/scripts/lib/import-cycles";

const productCode = sourceFiles(projectRoot)
  .map((file) => path.relative(projectRoot, file))
  .filter((file) => /^(app|components|lib|worker|cli|scripts|sandbox|prisma)\//.test(file));

describe("run state", () => {
  it("is written only by lib/jobs/lifecycle/", () => {
    const writes = /(UPDATE|INSERT INTO|DELETE FROM)\s+job_runs\b|jobRun\.(create|createMany|update|updateMany|upsert|delete|deleteMany|updateManyAndReturn)\(/;
    const writers = productCode.filter((file) => writes.test(readFileSync(path.join(projectRoot, file), "utf8")));
    expect(writers.every((file) => file.startsWith("lib/jobs/lifecycle/"))).toBe(true);
    // The check sees the writers that exist, so it would see one more.
    expect(writers).toEqual(expect.arrayContaining(["lib/jobs/lifecycle/create.ts", "lib/jobs/lifecycle/end.ts", "lib/jobs/lifecycle/execute.ts"]));
  });
});

// The first lint loads the whole typed ESLint configuration: seconds on a busy machine.
describe("the layers", { timeout: 60_000 }, () => {
  const eslint = new ESLint({ cwd: projectRoot });
  const problems = async (file: string, code: string) =>
    (await eslint.lintText(code, { filePath: path.join(projectRoot, file) }))[0]!.messages.map((message) => message.ruleId);

  it("are enforced by lint: a forbidden import fails", async () => {
    expect(await problems("components/runs/probe.tsx", `import { prisma } from "@/lib/db/prisma";\nexport const x = prisma;\n`)).toContain("@typescript-eslint/no-restricted-imports");
    expect(await problems("app/probe.ts", `import { handlers } from "@/worker/handlers";\nexport const x = handlers;\n`)).toContain("@typescript-eslint/no-restricted-imports");
    expect(await problems("lib/jobs/probe.ts", `import { can } from "@/lib/auth/access";\nexport const x = can;\n`)).toContain("@typescript-eslint/no-restricted-imports");
    expect(await problems("worker/probe.ts", `import { dashboardRun } from "@/lib/dashboard/run";\nexport const x = dashboardRun;\n`)).toContain("@typescript-eslint/no-restricted-imports");
    expect(await problems("lib/jobs/probe.ts", `export const x = process.env.DATABASE_URL;\n`)).toContain("no-restricted-properties");
  });

  it("let each layer import what it may", async () => {
    expect(await problems("components/runs/probe.tsx", `import { catalog } from "@/lib/jobs/catalog";\nimport type { DashboardRun } from "@/lib/dashboard/run";\nexport const x: DashboardRun | typeof catalog | null = null;\n`)).toEqual([]);
    expect(await problems("worker/probe.ts", `import { claimRun } from "@/lib/jobs/lifecycle";\nexport const x = claimRun;\n`)).toEqual([]);
  });

  it("import nothing in a circle", () => {
    expect(importCycles(sourceFiles(projectRoot))).toEqual([]);
  });
});

describe("the catalog", () => {
  it("has a handler for every type, and nothing else", () => {
    expect(Object.keys(handlers).sort()).toEqual(Object.keys(catalog.definitions).sort());
  });

  it("refuses definitions that could never run as written", () => {
    const params = z.object({}).strict();
    const base = { label: "x", description: "x", paramsSchema: params } as const;
    expect(() => defineCatalog({ a_lane: { ...base, type: "a_lane", scope: "system", ordering: "lane" } })).toThrow(/lane types must be project types/);
    expect(() => defineCatalog({ cron_only: { ...base, type: "cron_only", scope: "system", ordering: "independent", cronOnly: true } })).toThrow(/cronOnly/);
    expect(() =>
      defineCatalog({ reach: { ...base, type: "reach", scope: "project", ordering: "independent", schedule: { cron: "0 4 * * *", reach: "fan_out" } } }),
    ).toThrow(/schedule.eligible is required/);
    expect(() =>
      defineCatalog({ dual: { ...base, type: "dual", scope: "system", ordering: "independent", projectTrigger: true, schedule: { cron: "0 4 * * *", reach: "system" } } }),
    ).toThrow(/needs a fan_out cron/);
    expect(() => defineCatalog({ other_key: { ...base, type: "not_the_key", scope: "project", ordering: "independent" } })).toThrow(/the key must be the type/);
  });
});
