// Soft deletes against real PostgreSQL: a deleted project, app or ingest key vanishes from every
// read at once, comes back when restored within 7 days, and is gone with its data after them
// (soft_delete_cleanup). The clock is purgeSoftDeleted's `now`, never a sleep.
import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deletedProjects, purgeSoftDeleted, restoreApp, restoreProject, softDeleteProject } from "@/lib/accounts/soft-delete";
import { listProjects } from "@/lib/accounts/projects";
import { createApp, deleteApp, listApps } from "@/lib/apps/apps";
import { findProject, userActor, visibleProjects } from "@/lib/auth/access";
import { overrideEnv } from "@/lib/env";
import { prisma } from "@/lib/db/prisma";
import { getPool } from "@/lib/db/pool";
import { attachmentPath } from "@/lib/events/attachments";
import { authenticateIngestKey, createIngestKey, deleteIngestKey, listIngestKeys } from "@/lib/events/ingest-keys";
import { ingestBatch } from "@/lib/events/ingest";
import { eligibleProjects } from "@/lib/jobs/eligibility";
import { createProject, createUser } from "../helpers/fixtures";
import { releaseAll } from "../helpers/teardown";

const DAY = 86_400_000;
beforeAll(async () => overrideEnv({ ATTACHMENTS_DIR: await mkdtemp(path.join(tmpdir(), "taskdeck-soft-delete-")) }));
afterAll(() => releaseAll());

const later = (days: number) => new Date(Date.now() + days * DAY);
const eventCount = async (projectId: string, appId?: string) =>
  Number((await getPool().query(`SELECT count(*) FROM events WHERE project_id = $1 AND ($2::uuid IS NULL OR app_id = $2)`, [projectId, appId ?? null])).rows[0].count);

async function projectWithEvents(events = 7) {
  const { team, project } = await createProject();
  const admin = await createUser("admin", team.id);
  const ios = await createApp(project.id, { name: "iOS", platform: "apple", bundleId: `com.example.${project.slug}`, appleAppStoreId: null });
  const web = await createApp(project.id, { name: "Web", platform: "web", bundleId: null, appleAppStoreId: null });
  const { key } = await createIngestKey(project.id, admin.id, { name: "all apps" });
  const actor = (await authenticateIngestKey(key))!;
  const items = (appId: string) => Array.from({ length: events }, (_, index) => ({ kind: "event", appId, name: `e${index}`, timestamp: new Date(Date.now() - index * 60_000).toISOString() }));
  await ingestBatch(actor, [...items(ios.id), ...items(web.id)]);
  return { team, project, admin, ios, web, key, actor };
}

describe("a deleted project", () => {
  it("vanishes from every read at once and comes back when restored", async () => {
    const { team, project, admin, key } = await projectWithEvents();
    await softDeleteProject(project.id);

    await expect(findProject(userActor({ id: admin.id, email: admin.email, name: admin.name }), project.slug)).rejects.toMatchObject({ code: "not_found" });
    expect((await visibleProjects(userActor({ id: admin.id, email: admin.email, name: admin.name }))).map((p) => p.id)).not.toContain(project.id);
    expect((await listProjects()).map((p) => p.slug)).not.toContain(project.slug);
    expect((await eligibleProjects("every_project")).map((p) => p.id)).not.toContain(project.id);
    expect(await authenticateIngestKey(key)).toBeNull();
    expect((await deletedProjects(team.id)).map((p) => p.id)).toEqual([project.id]);

    await restoreProject(team.id, project.id);
    expect((await findProject(userActor({ id: admin.id, email: admin.email, name: admin.name }), project.slug)).project.id).toBe(project.id);
    expect(await authenticateIngestKey(key)).not.toBeNull();
  });

  it("is kept for 7 days, then removed with its events, apps, keys and attachment files", async () => {
    const { project } = await projectWithEvents(1200);
    const attachmentId = "5a0f8e84-1b8e-4d55-9b0e-6f3e1c2d7a10";
    await getPool().query(`INSERT INTO attachments (id, project_id, event_id, file_name, content_type, size_bytes, sha256) VALUES ($1, $2, gen_random_uuid(), 'log.txt', 'text/plain', 2, 'x')`, [attachmentId, project.id]);
    await mkdir(path.dirname(attachmentPath(project.id, attachmentId)), { recursive: true });
    await writeFile(attachmentPath(project.id, attachmentId), "hi");
    const { project: bystander } = await projectWithEvents(3);
    await softDeleteProject(project.id);

    const early = await purgeSoftDeleted({ now: later(6.9) });
    expect(early.projects).toBe(0);
    expect(await eventCount(project.id)).toBe(2400);

    const result = await purgeSoftDeleted({ now: later(7.1), batchSize: 500 });
    expect(result).toMatchObject({ projects: 1, cancelled: false });
    expect(result.eventsDeleted.events).toBe(2400);
    expect(await eventCount(project.id)).toBe(0);
    expect(await prisma.project.findUnique({ where: { id: project.id } })).toBeNull();
    expect(await prisma.app.count({ where: { projectId: project.id } })).toBe(0);
    expect(await prisma.ingestKey.count({ where: { projectId: project.id } })).toBe(0);
    expect(await prisma.attachment.count({ where: { projectId: project.id } })).toBe(0);
    expect(existsSync(attachmentPath(project.id, attachmentId))).toBe(false);
    // Another project's data is untouched.
    expect(await eventCount(bystander.id)).toBe(6);
  });

  it("cannot be restored once its 7 days have passed", async () => {
    const { team, project } = await createProject();
    await softDeleteProject(project.id);
    await expect(restoreProject(team.id, project.id, later(7.1))).rejects.toMatchObject({ code: "not_found" });
    await expect(restoreProject(team.id, project.id)).resolves.toMatchObject({ id: project.id });
  });
});

describe("a deleted app", () => {
  it("is hidden at once, and after 7 days removed with its own events only", async () => {
    const { project, ios, web } = await projectWithEvents(5);
    await deleteApp(project.id, ios.id);
    expect((await listApps(project.id)).map((app) => app.id)).toEqual([web.id]);
    // Its bundle id is free for a new app meanwhile; restoring the old one then says it is taken.
    const again = await createApp(project.id, { name: "iOS again", platform: "apple", bundleId: ios.bundleId, appleAppStoreId: null });
    await expect(restoreApp(project.id, ios.id)).rejects.toMatchObject({ code: "conflict" });
    await deleteApp(project.id, again.id);
    await restoreApp(project.id, ios.id);
    expect((await listApps(project.id)).map((app) => app.id)).toEqual([ios.id, web.id]);

    await deleteApp(project.id, ios.id);
    const result = await purgeSoftDeleted({ now: later(8) });
    expect(result.apps).toBeGreaterThanOrEqual(2);
    expect(await eventCount(project.id, ios.id)).toBe(0);
    expect(await eventCount(project.id, web.id)).toBe(5);
    expect(await prisma.app.findUnique({ where: { id: ios.id } })).toBeNull();
  });
});

describe("a deleted ingest key", () => {
  it("stops working at once, stays listed for restore, and is removed after 7 days", async () => {
    const { project, actor, key } = await projectWithEvents(1);
    await deleteIngestKey(project.id, actor.keyId);
    expect(await authenticateIngestKey(key)).toBeNull();
    expect((await listIngestKeys(project.id)).find((listed) => listed.id === actor.keyId)?.deletedAt).not.toBeNull();
    expect(await listIngestKeys(project.id, later(7.1))).toEqual([]);
    await purgeSoftDeleted({ now: later(7.1) });
    expect(await prisma.ingestKey.findUnique({ where: { id: actor.keyId } })).toBeNull();
  });
});
