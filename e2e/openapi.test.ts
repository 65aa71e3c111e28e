// The OpenAPI document (issue 5): public, valid OpenAPI 3.1, documenting every route file under
// app/api/v1 with the methods it exports, and describing what the routes really answer.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { Validator } from "@seriousme/openapi-schema-validator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errorBodySchema } from "@/lib/errors";
import { apiJobTypeSchema, apiProjectSchema, apiRunSchema, apiScheduleSchema, laneSchema } from "@/lib/jobs/schemas";
import { demo } from "@/prisma/seed";
import { baseUrl } from "./helpers";
import { createFinishedRun, createKey, demoTeam, prisma } from "./fixtures";

type Document = { openapi: string; paths: Record<string, Record<string, { responses: Record<string, unknown> }>>; servers: Array<{ url: string }> };
let document: Document;
let key: string;

beforeAll(async () => {
  const response = await fetch(`${baseUrl()}/api/v1/openapi.json`);
  expect(response.status).toBe(200);
  document = (await response.json()) as Document;
  key = (await createKey((await demoTeam()).id, ["jobs:read"])).key;
  // A run of its own, so the runs answer is checked even when this file runs first on a fresh stack.
  const project = await prisma.project.findUniqueOrThrow({ where: { slug: demo.project.slug } });
  await createFinishedRun(project.id, "revenuecat_sync", "completed");
});
afterAll(() => prisma.$disconnect());

// app/api/v1/projects/[projectId]/runs/route.ts → /api/v1/projects/{projectId}/runs
function routeFiles(dir = "app/api/v1"): Array<{ path: string; methods: string[] }> {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name.startsWith("[...") || entry.name === "openapi.json" ? [] : routeFiles(full);
    if (entry.name !== "route.ts") return [];
    const methods = [...readFileSync(full, "utf8").matchAll(/export (?:const|async function|function) (GET|POST|PUT|PATCH|DELETE)\b/g)].map((match) => match[1]!.toLowerCase());
    return [{ path: `/${path.dirname(full).replace(/^app\//, "").replace(/\[(\w+)\]/g, "{$1}")}`, methods }];
  });
}

describe("GET /api/v1/openapi.json", () => {
  it("is valid OpenAPI 3.1", async () => {
    expect(document.openapi).toBe("3.1.0");
    const result = await new Validator().validate(document as unknown as Parameters<Validator["validate"]>[0]);
    expect(result).toEqual({ valid: true });
    // Relative: clients resolve it against where they fetched the document.
    expect(document.servers).toEqual([{ url: "/" }]);
  });

  it("documents every route file with exactly the methods it exports", () => {
    const files = routeFiles();
    expect(files.length).toBeGreaterThanOrEqual(10);
    const documented = Object.fromEntries(Object.entries(document.paths).map(([route, operations]) => [route, Object.keys(operations).sort()]));
    expect(documented).toEqual(Object.fromEntries(files.map((file) => [file.path, file.methods.sort()])));
  });

  it("describes what the routes really answer", async () => {
    const get = async (route: string) => {
      const response = await fetch(`${baseUrl()}/api/v1${route}`, { headers: { Authorization: `Bearer ${key}` } });
      return (await response.json()) as Record<string, unknown>;
    };
    const { projects } = await get("/projects");
    apiProjectSchema.array().parse(projects);
    const { jobTypes } = await get(`/projects/${demo.project.slug}/job-types`);
    apiJobTypeSchema.array().parse(jobTypes);
    const { runs } = await get(`/projects/${demo.project.slug}/runs?limit=100`);
    expect(apiRunSchema.array().parse(runs).length).toBeGreaterThan(0);
    laneSchema.parse((await get(`/projects/${demo.project.slug}/lane`)).lane);
    expect(apiScheduleSchema.array().parse((await get(`/projects/${demo.project.slug}/schedules`)).schedules).length).toBe((jobTypes as unknown[]).length);
    errorBodySchema.parse(await get("/runs/not-a-run"));
    // Each documented operation lists its error answers.
    for (const [route, operations] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        expect(Object.keys(operation.responses), `${method} ${route}`).toContain("401");
      }
    }
  });
});
