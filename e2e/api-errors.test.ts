// Every bad request under /api/ gets the API's JSON error envelope (issue 17, item 7): invalid
// percent-encoding is a 400, a method a real route does not answer (TRACE included) a 405 with an
// Allow header, and a path that is no route a 404, over real HTTP against the started stack.
import { request as httpRequest } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demo } from "@/prisma/seed";
import { baseUrl, sessionCookie } from "./helpers";
import { prisma } from "./fixtures";

let cookie: string;
beforeAll(async () => {
  cookie = await sessionCookie(demo.admin.email);
});
afterAll(() => prisma.$disconnect());

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

// node:http, not fetch: fetch refuses to send TRACE at all, and an attacker's client does not.
function send(method: string, path: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(`${baseUrl()}${path}`, { method, headers: { Cookie: cookie } }, (incoming) => {
      let body = "";
      incoming.on("data", (chunk: Buffer) => (body += chunk.toString()));
      incoming.on("end", () => resolve({ status: incoming.statusCode ?? 0, headers: incoming.headers, body }));
    });
    outgoing.on("error", reject);
    outgoing.end();
  });
}

function expectJsonError(answer: Answer, status: number, code: string) {
  expect(answer.status, answer.body).toBe(status);
  expect(answer.headers["content-type"]).toMatch(/^application\/json/);
  const body = JSON.parse(answer.body) as { error: { code: string; message: string } };
  expect(body.error.code).toBe(code);
  expect(body.error.message.length).toBeGreaterThan(10);
}

describe("bad requests under /api/", () => {
  it("invalid percent-encoding is a JSON 400, not a text 500", async () => {
    for (const path of ["/api/v1/runs/%ff", "/api/v1/projects/%ff", "/api/v1/projects/%ff/runs", "/api/v1/runs/%e0%a4/cancel", "/api/auth/%ff"]) {
      expectJsonError(await send(path.endsWith("cancel") ? "POST" : "GET", path), 400, "bad_request");
    }
  });

  it("invalid percent-encoding on a page is a 400 too", async () => {
    const answer = await send("GET", "/projects/%ff");
    expect(answer.status).toBe(400);
    expect(answer.body).toMatch(/percent-encoding/);
  });

  it("a method a real route does not answer is a JSON 405 with an Allow header", async () => {
    const cases: Array<[string, string, string]> = [
      ["PUT", "/api/v1/projects", "GET, HEAD, OPTIONS"],
      ["DELETE", "/api/v1/runs/6f1c1f1e-2a5b-4c3d-9e8f-0a1b2c3d4e5f", "GET, HEAD, OPTIONS"],
      ["GET", `/api/v1/projects/${demo.project.slug}/jobs`, "OPTIONS, POST"],
      ["PATCH", "/api/auth/session", "GET, HEAD, OPTIONS, POST"],
      ["POST", "/api/v1/openapi.json", "GET, HEAD, OPTIONS"],
      ["TRACE", "/api/v1/projects", "GET, HEAD, OPTIONS"],
      ["TRACE", `/api/v1/projects/${demo.project.slug}/jobs`, "OPTIONS, POST"],
    ];
    for (const [method, path, allow] of cases) {
      const answer = await send(method, path);
      expectJsonError(answer, 405, "method_not_allowed");
      expect(answer.headers.allow, `${method} ${path}`).toBe(allow);
    }
  });

  it("a path under /api/ that is no route is a JSON 404, not the HTML page", async () => {
    for (const path of ["/api/nope", "/api/v1/nope", "/api/dashboard/nope", "/api/v2/projects", "/api"]) {
      expectJsonError(await send("GET", path), 404, "not_found");
    }
    expectJsonError(await send("TRACE", "/api/nope"), 405, "method_not_allowed");
  });

  it("the real routes still answer their own methods", async () => {
    const projects = await send("GET", "/api/v1/projects");
    expect(projects.status).toBe(200);
    const options = await send("OPTIONS", "/api/v1/projects");
    expect(options.status).toBe(204);
  });
});
