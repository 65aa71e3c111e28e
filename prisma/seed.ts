// The demo data (PRODUCT.md "Scripts"): team Acme, project Demo App with its apps and every service
// connected to its sandbox, an admin and a member. Idempotent; tests import it to get the
// same fixtures.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { hashKey } from "@/lib/auth/api-keys";
import { hashPassword } from "@/lib/auth/password";
import { sealIntegration } from "@/lib/integrations/store";
import { demoAiProvider } from "@/sandbox/ai/server";
import { demoAdsAccount } from "@/sandbox/appleads/server";
import { demoAppStoreProject } from "@/sandbox/appstore/server";
import { demoRevenueCatProject } from "@/sandbox/revenuecat/server";

export const demo = {
  password: "demo-password",
  admin: { email: "admin@example.com", name: "Avery Admin" },
  member: { email: "member@example.com", name: "Morgan Member" },
  team: { name: "Acme", slug: "acme" },
  project: { name: "Demo App", slug: "demo-app" },
  // The project's ingest key, known like the password so `npm run demo:events` can send with it.
  ingestKey: { name: "Demo apps", key: "tdi_demo_app_ingest_key_only_for_local_demos" },
  // The project's apps: the Apple app is the one its App Store Connect connection points at.
  apps: [
    { name: "Demo App for iOS", platform: "apple", bundleId: "com.example.demoapp" },
    { name: "Demo App for Android", platform: "android", bundleId: "com.example.demoapp" },
  ],
} as const;

export interface SeededDemo {
  adminId: string;
  memberId: string;
  teamId: string;
  projectId: string;
}

export async function seedDemo(prisma: PrismaClient): Promise<SeededDemo> {
  const passwordHash = await hashPassword(demo.password);
  const admin = await prisma.user.upsert({
    where: { email: demo.admin.email },
    create: { ...demo.admin, passwordHash },
    update: {},
  });
  const member = await prisma.user.upsert({
    where: { email: demo.member.email },
    create: { ...demo.member, passwordHash },
    update: {},
  });
  const team = await prisma.team.upsert({ where: { slug: demo.team.slug }, create: demo.team, update: {} });
  for (const [userId, role] of [[admin.id, "admin"], [member.id, "member"]] as const) {
    await prisma.membership.upsert({
      where: { teamId_userId: { teamId: team.id, userId } },
      create: { teamId: team.id, userId, role },
      update: {},
    });
  }
  const project = await prisma.project.upsert({
    where: { slug: demo.project.slug },
    create: { ...demo.project, teamId: team.id },
    update: {},
  });
  const { issuerId, keyId, privateKeyPem: privateKey, appId } = demoAppStoreProject;
  for (const app of demo.apps) {
    const appleAppStoreId = app.platform === "apple" ? appId : null;
    // The (project, platform, bundle id) index is partial (live apps), so this looks before it creates.
    const existing = await prisma.app.findFirst({ where: { projectId: project.id, platform: app.platform, bundleId: app.bundleId, deletedAt: null }, select: { id: true } });
    if (!existing) await prisma.app.create({ data: { projectId: project.id, ...app, appleAppStoreId, appleAppStoreIdSource: appleAppStoreId ? "entered" : null } });
  }
  // Every service, connected to its sandbox; credentials sealed as the settings page seals them.
  const connections = [
    ["revenuecat", { revenuecatProjectId: demoRevenueCatProject.projectId }, { apiKey: demoRevenueCatProject.apiKey }],
    ["app_store_connect", { issuerId, keyId, appId }, { privateKey }],
    ["apple_ads", { clientId: demoAdsAccount.clientId, teamId: demoAdsAccount.teamId, keyId: demoAdsAccount.keyId, orgId: String(demoAdsAccount.orgs[0]!.orgId) }, { privateKey: demoAdsAccount.privateKeyPem }],
    ["ai_provider", { baseUrl: null, model: demoAiProvider.model }, { apiKey: demoAiProvider.apiKey }],
  ] as const;
  for (const [kind, config, secrets] of connections) {
    await prisma.integration.upsert({
      where: { projectId_kind: { projectId: project.id, kind } },
      create: { projectId: project.id, kind, ...sealIntegration(project.id, kind, config, secrets) },
      update: {},
    });
  }
  await seedDemoIngestKey(prisma, project.id, admin.id);
  return { adminId: admin.id, memberId: member.id, teamId: team.id, projectId: project.id };
}

/** The demo project's ingest key, stored hashed as createIngestKey stores keys; a revoked or deleted one stays so. */
export async function seedDemoIngestKey(prisma: PrismaClient, projectId: string, createdById: string | null = null): Promise<void> {
  const { name, key } = demo.ingestKey;
  await prisma.ingestKey.upsert({
    where: { hash: hashKey(key) },
    create: { projectId, name, prefix: key.slice(0, 12), hash: hashKey(key), createdById },
    update: {},
  });
}
