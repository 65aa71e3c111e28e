// The demo project as the demo traffic needs it: its apps, whether it has events already, and its
// ingest key (made here too, for a demo database seeded before the key existed). Used by
// `npm run demo:events` and by `npm start` in demo mode.
import { getPool } from "@/lib/db/pool";
import { prisma } from "@/lib/db/prisma";
import { eventTables } from "@/lib/events/tables";
import { demo, seedDemoIngestKey } from "@/prisma/seed";
import { generateDemoTraffic, type DemoApp } from "./generate";
import { sendDemoTraffic, type SendSummary } from "./send";

export interface DemoProject {
  projectId: string;
  apps: DemoApp[];
  hasEvents: boolean;
}

/** The live demo project, or null when there is none (a database that was never seeded). */
export async function findDemoProject(): Promise<DemoProject | null> {
  const project = await prisma.project.findFirst({ where: { slug: demo.project.slug, deletedAt: null }, select: { id: true } });
  if (!project) return null;
  const apps = await prisma.app.findMany({ where: { projectId: project.id, deletedAt: null }, select: { id: true, platform: true }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  const { rows } = await getPool().query<{ found: boolean }>(`SELECT ${eventTables.map((table) => `EXISTS (SELECT 1 FROM ${table} WHERE project_id = $1)`).join(" OR ")} AS found`, [project.id]);
  await seedDemoIngestKey(prisma, project.id);
  return { projectId: project.id, apps, hasEvents: rows[0]?.found ?? false };
}

/** Generates the demo traffic for the project's apps and sends it to the server at `baseUrl`. */
export async function sendDemoEvents(baseUrl: string, project: DemoProject, now = new Date()): Promise<SendSummary & { items: number }> {
  const traffic = generateDemoTraffic({ apps: project.apps, now });
  if (traffic.items.length === 0) throw new Error("the demo project has no iOS or Android app to send events for");
  return { items: traffic.items.length, ...(await sendDemoTraffic({ baseUrl, ingestKey: demo.ingestKey.key, traffic })) };
}

/** One line about a send, for the logs. */
export function describeSend(summary: SendSummary & { items: number }): string {
  const seconds = (summary.elapsedMs / 1000).toFixed(1);
  const duplicates = summary.duplicates > 0 ? ` (${summary.duplicates} already there)` : "";
  return `sent ${summary.items} demo events in ${summary.batches} batches, ${summary.stored} stored${duplicates}, and ${summary.attachments} attachments in ${seconds}s`;
}

/** Why a send failed, with the network error behind a failed fetch. */
export function describeFailure(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  return error.cause instanceof Error ? `${error.message} (${error.cause.message})` : error.message;
}
