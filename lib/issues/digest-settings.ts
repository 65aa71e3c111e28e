// A project's issue digest cadence (project settings): how often issue_notify sends one
// issue.digest of the issues that became new or regressed in its window, or never ("off").
import { z } from "zod";
import { prisma } from "@/lib/db/prisma";
import { invalid } from "@/lib/errors";
import type { DigestCadence } from "@/lib/generated/prisma/client";

export const digestCadences = ["hourly", "daily", "weekly", "off"] as const satisfies readonly DigestCadence[];

export const digestCadenceSchema = z.enum(digestCadences, { error: `cadence must be one of ${digestCadences.join(", ")}` });
export const digestSettingsSchema = z.strictObject({ cadence: digestCadenceSchema });

export interface DigestSettingsView {
  cadence: DigestCadence;
  /** The end of the window the last digest covered (sent or silent), null before the first. */
  lastDigestAt: string | null;
}

export async function digestSettings(projectId: string): Promise<DigestSettingsView> {
  const project = await prisma.project.findUniqueOrThrow({ where: { id: projectId }, select: { digestCadence: true, lastDigestAt: true } });
  return { cadence: project.digestCadence, lastDigestAt: project.lastDigestAt?.toISOString() ?? null };
}

export async function updateDigestCadence(projectId: string, cadence: unknown): Promise<DigestSettingsView> {
  const parsed = digestSettingsSchema.safeParse({ cadence });
  if (!parsed.success) throw invalid("bad_request", "Please correct the highlighted fields", parsed.error);
  const current = await prisma.project.findUniqueOrThrow({ where: { id: projectId }, select: { digestCadence: true } });
  await prisma.project.update({
    where: { id: projectId },
    // Turned back on after being off, the first digest covers one cadence, not every window skipped
    // while it was off (issue_notify starts one cadence back when last_digest_at is null).
    data: { digestCadence: parsed.data.cadence, ...(current.digestCadence === "off" && parsed.data.cadence !== "off" ? { lastDigestAt: null } : {}) },
  });
  return digestSettings(projectId);
}
