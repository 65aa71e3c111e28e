// The executor ends every run, even when what a handler produced cannot be stored as is.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/prisma";
import type { RunningWorker } from "@/worker/worker";
import { createProject, waitFor } from "../helpers/fixtures";
import { setUpTestJobTypes, triggerJob } from "../helpers/test-job-types";
import { startTestWorker } from "../helpers/worker";
import { releaseAll } from "../helpers/teardown";

let worker: RunningWorker;

beforeAll(async () => {
  await setUpTestJobTypes();
  worker = await startTestWorker();
});

afterAll(() => releaseAll(worker));

const finished = (id: string) => waitFor(() => prisma.jobRun.findUniqueOrThrow({ where: { id } }), (run) => run.status !== "pending" && run.status !== "running");

describe("the executor", () => {
  it("fails a run whose error message holds NUL characters, keeping the rest of the message", async () => {
    const { project } = await createProject();
    const run = await triggerJob({ type: "test_nul_error", projectId: project.id, source: { kind: "admin_cli" } });
    const done = await finished(run.id);
    expect(done.status).toBe("failed");
    expect(done.errorMessage).toBe("badbyte");
    expect(done.progressMessage).toBe("halfway");
  });

  it("completes a run whose result is not JSON, saying why the result is missing", async () => {
    const { project } = await createProject();
    const run = await triggerJob({ type: "test_bigint_result", projectId: project.id, source: { kind: "admin_cli" } });
    const done = await finished(run.id);
    expect(done.status).toBe("completed");
    expect(done.result).toEqual({ unserializable: expect.stringContaining("BigInt") });
  });

  it("keeps text that only spells a NUL escape exactly as it was", async () => {
    const { project } = await createProject();
    const run = await triggerJob({ type: "test_echo", projectId: project.id, params: { text: "C:\\u0000dir" }, source: { kind: "admin_cli" } });
    const done = await finished(run.id);
    expect(done.status).toBe("completed");
    expect(done.result).toEqual({ text: "C:\\u0000dir" });
  });

  it("refuses params with NUL characters before anything is written", async () => {
    const { project } = await createProject();
    await expect(triggerJob({ type: "test_echo", projectId: project.id, params: { text: "a\u0000b" }, source: { kind: "admin_cli" } })).rejects.toMatchObject({
      code: "invalid_params",
      issues: [{ path: "params", message: "must not contain NUL characters" }],
    });
    expect(await prisma.jobRun.count({ where: { projectId: project.id } })).toBe(0);
  });
});
