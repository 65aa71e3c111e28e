// Attachments against real PostgreSQL and a real directory: uploads are checksummed and capped,
// and attachment_cleanup catches each kind of orphan (deleted past the grace, events pruned,
// uploads never tied to an event, records without files, files without records) while leaving
// live attachments and in-flight uploads alone.
import { createHash, randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, unlink, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { overrideEnv } from "@/lib/env";
import { prisma } from "@/lib/db/prisma";
import { getPool } from "@/lib/db/pool";
import { attachmentPath, softDeleteAttachment, storeAttachment, sweepAttachments } from "@/lib/events/attachments";
import { authenticateIngestKey, createIngestKey } from "@/lib/events/ingest-keys";
import { ingestBatch } from "@/lib/events/ingest";
import type { RunningWorker } from "@/worker/worker";
import { createProject, waitFor } from "../helpers/fixtures";
import { releaseAll } from "../helpers/teardown";
import { setUpTestJobTypes, triggerJob } from "../helpers/test-job-types";
import { startTestWorker } from "../helpers/worker";

const HOUR = 3600_000;
let worker: RunningWorker;
beforeAll(async () => {
  overrideEnv({ ATTACHMENTS_DIR: await mkdtemp(path.join(tmpdir(), "taskdeck-attachments-")), ATTACHMENT_MAX_BYTES: "1000" });
  await setUpTestJobTypes();
  worker = await startTestWorker();
});
afterAll(() => releaseAll(worker));

async function sender() {
  const { project } = await createProject();
  const { key } = await createIngestKey(project.id, null, { name: "app" });
  return { project, actor: (await authenticateIngestKey(key))! };
}

const errorEvent = (id: string) => ({ kind: "event", id, name: "crash", level: "error", timestamp: new Date().toISOString(), error: { type: "Crash" } });
const file = (text: string, name = "log.txt") => new File([text], name, { type: "text/plain" });

describe("an upload", () => {
  it("is stored under the project with its checksum, and linked to its event when the event is known", async () => {
    const { project, actor } = await sender();
    const eventId = randomUUID();
    await ingestBatch(actor, [errorEvent(eventId)]);
    const attachment = await storeAttachment(actor, { eventId, file: file("stack dump", "../../etc/passwd") });
    expect(attachment).toMatchObject({ eventId, fileName: "passwd", sizeBytes: 10, sha256: createHash("sha256").update("stack dump").digest("hex") });
    expect(await readFile(attachmentPath(project.id, attachment.id), "utf8")).toBe("stack dump");
    expect((await prisma.attachment.findUniqueOrThrow({ where: { id: attachment.id } })).eventOccurredAt).not.toBeNull();
  });

  it("is refused when too large, empty or without a valid event id, writing nothing", async () => {
    const { project, actor } = await sender();
    await expect(storeAttachment(actor, { eventId: randomUUID(), file: file("x".repeat(1001)) })).rejects.toMatchObject({ code: "payload_too_large" });
    await expect(storeAttachment(actor, { eventId: randomUUID(), file: file("") })).rejects.toMatchObject({ code: "bad_request" });
    await expect(storeAttachment(actor, { eventId: "nope", file: file("x") })).rejects.toMatchObject({ code: "bad_request", issues: [{ path: "eventId" }] });
    expect(await prisma.attachment.count({ where: { projectId: project.id } })).toBe(0);
  });
});

describe("attachment_cleanup", () => {
  it("removes each kind of orphan and nothing else", async () => {
    const { project, actor } = await sender();
    const now = new Date();
    const live = await storeAttachment(actor, { eventId: await withEvent(actor), file: file("live") });
    const deletedRecently = await storeAttachment(actor, { eventId: await withEvent(actor), file: file("deleted recently") });
    await softDeleteAttachment(actor, deletedRecently.id);
    const deletedLongAgo = await storeAttachment(actor, { eventId: await withEvent(actor), file: file("deleted long ago") });
    await softDeleteAttachment(actor, deletedLongAgo.id);
    await getPool().query(`UPDATE attachments SET deleted_at = now() - interval '8 days' WHERE id = $1`, [deletedLongAgo.id]);
    // Its event arrived and was later pruned.
    const prunedEventId = await withEvent(actor);
    const pruned = await storeAttachment(actor, { eventId: prunedEventId, file: file("pruned") });
    await getPool().query(`DELETE FROM events WHERE id = $1`, [prunedEventId]);
    // Uploaded for an event that never came: young (kept) and a day old (removed).
    const waiting = await storeAttachment(actor, { eventId: randomUUID(), file: file("waiting") });
    const untied = await storeAttachment(actor, { eventId: randomUUID(), file: file("untied") });
    await getPool().query(`UPDATE attachments SET created_at = now() - interval '25 hours' WHERE id = $1`, [untied.id]);
    // The event arrived after its file: linked by the sweep, kept.
    const lateEventId = randomUUID();
    const early = await storeAttachment(actor, { eventId: lateEventId, file: file("early") });
    await ingestBatch(actor, [errorEvent(lateEventId)]);
    await getPool().query(`UPDATE attachments SET created_at = now() - interval '25 hours' WHERE id = $1`, [early.id]);
    // A record whose file is gone, and files without records (one old, one in flight).
    const lost = await storeAttachment(actor, { eventId: await withEvent(actor), file: file("lost") });
    await unlink(attachmentPath(project.id, lost.id));
    await getPool().query(`UPDATE attachments SET created_at = now() - interval '2 hours' WHERE id = $1`, [lost.id]);
    const stray = attachmentPath(project.id, randomUUID());
    const crashed = `${attachmentPath(project.id, randomUUID())}.part`;
    const inFlight = `${attachmentPath(project.id, randomUUID())}.part`;
    const foreign = path.join(path.dirname(stray), "README");
    for (const name of [stray, crashed, inFlight, foreign]) await writeFile(name, "x");
    for (const name of [stray, crashed, foreign]) await utimes(name, new Date(now.getTime() - 2 * HOUR), new Date(now.getTime() - 2 * HOUR));

    const result = await sweepAttachments({ now, batchSize: 2 });

    expect(result).toMatchObject({ softDeletedRemoved: 1, retentionPrunedRemoved: 1, untiedRemoved: 1, rowsWithoutFilesRemoved: 1, filesWithoutRowsRemoved: 2, linked: 1, cancelled: false });
    const left = (await prisma.attachment.findMany({ where: { projectId: project.id }, select: { id: true } })).map((row) => row.id).sort();
    expect(left).toEqual([live.id, deletedRecently.id, waiting.id, early.id].sort());
    for (const gone of [deletedLongAgo, pruned, untied]) expect(existsSync(attachmentPath(project.id, gone.id))).toBe(false);
    for (const kept of [live, deletedRecently, waiting, early]) expect(existsSync(attachmentPath(project.id, kept.id))).toBe(true);
    expect([existsSync(stray), existsSync(crashed), existsSync(inFlight), existsSync(foreign)]).toEqual([false, false, true, true]);
  });

  it("runs as a system job whose result counts what it removed", async () => {
    const { actor } = await sender();
    const untied = await storeAttachment(actor, { eventId: randomUUID(), file: file("untied") });
    await getPool().query(`UPDATE attachments SET created_at = now() - interval '25 hours' WHERE id = $1`, [untied.id]);
    const run = await triggerJob({ type: "attachment_cleanup", projectId: null, source: { kind: "admin_cli" } });
    const done = await waitFor(
      () => prisma.jobRun.findUnique({ where: { id: run.id } }),
      (current) => current?.status === "completed" || current?.status === "failed",
    );
    expect(done?.status).toBe("completed");
    expect((done?.result as { untiedRemoved: number }).untiedRemoved).toBeGreaterThanOrEqual(1);
    expect(await prisma.attachment.findUnique({ where: { id: untied.id } })).toBeNull();
  });
});

async function withEvent(actor: Awaited<ReturnType<typeof sender>>["actor"]): Promise<string> {
  const id = randomUUID();
  await ingestBatch(actor, [errorEvent(id)]);
  return id;
}
