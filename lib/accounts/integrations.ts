// Connecting a project to the services its jobs talk to (the server owner's admin CLI). Keys are
// secrets: they are checked, stored, and never printed back.
import { z } from "zod";
import { AppError, invalid } from "@/lib/errors";
import { signingKey } from "@/lib/appstore/token";
import { prisma } from "@/lib/db/prisma";
import type { RunRecord } from "@/lib/jobs/runs";
import { jobs } from "@/lib/jobs/jobs";
import { findProjectBySlugOrId } from "./projects";

const revenueCatSchema = z.object({
  revenuecatProjectId: z.string().trim().min(1, "the RevenueCat project id is required").max(200),
  apiKey: z
    .string()
    .trim()
    .regex(/^(sk|atk)_[A-Za-z0-9_-]{4,}$/, "the RevenueCat key must be a v2 secret key (sk_…) or an OAuth token (atk_…)"),
});

export async function connectRevenueCat(project: string, input: z.input<typeof revenueCatSchema>) {
  const parsed = revenueCatSchema.safeParse(input);
  if (!parsed.success) throw invalid("bad_request", "Invalid RevenueCat connection", parsed.error);
  const { id } = await findProjectBySlugOrId(project);
  await prisma.revenueCatConnection.upsert({ where: { projectId: id }, create: { projectId: id, ...parsed.data }, update: parsed.data });
}

const appStoreSchema = z.object({
  // Any 8-4-4-4-12 hex: Apple's issuer ids (e.g. 57246542-96fe-1a63-e053-0824d011072a) are not RFC variants.
  issuerId: z.guid("the issuer id looks like 57246542-96fe-1a63-e053-0824d011072a (App Store Connect → Users and Access → Integrations)"),
  keyId: z.string().trim().regex(/^[A-Za-z0-9]{1,64}$/, "the key id is letters and digits, e.g. 2X9R4HXF34"),
  privateKey: z.string().max(10_000, "the private key file is too large to be a .p8 key"),
  appId: z.string().trim().regex(/^\d+$/, "the app id is App Store Connect's numeric app id"),
});

/**
 * Connects the project to App Store Connect and, as StorePush does on app setup, queues Pull All.
 * The key is parsed before anything is stored, so a wrong file writes nothing.
 */
export async function connectAppStoreConnect(project: string, input: z.input<typeof appStoreSchema>, options: { pullAll: boolean }): Promise<RunRecord | null> {
  const parsed = appStoreSchema.safeParse(input);
  if (!parsed.success) throw invalid("bad_request", "Invalid App Store Connect connection", parsed.error);
  try {
    signingKey(parsed.data.privateKey);
  } catch (error) {
    throw new AppError("bad_request", error instanceof Error ? error.message : "The private key is not usable", { issues: [{ path: "privateKey", message: "not an ES256 .p8 key" }] });
  }
  const { id } = await findProjectBySlugOrId(project);
  await prisma.appStoreConnection.upsert({ where: { projectId: id }, create: { projectId: id, ...parsed.data }, update: { ...parsed.data, lastPulledAt: null } });
  if (!options.pullAll) return null;
  return jobs.trigger({ type: "pull_all", projectId: id, source: { kind: "admin_cli" } });
}
