// Test data built through the same code the product uses (prisma/seed.ts), plus a few helpers.
import { randomUUID } from "node:crypto";
import { createServer } from "node:net";
import { prisma } from "@/lib/db/prisma";
import { hashPassword } from "@/lib/auth/password";
import { saveIntegration } from "@/lib/integrations/store";
import type { Role } from "@/lib/generated/prisma/client";

export async function createUser(role: Role, teamId: string) {
  const user = await prisma.user.create({
    data: { email: `${role}-${randomUUID()}@test.local`, name: `Test ${role}`, passwordHash: await hashPassword("secret-password") },
  });
  await prisma.membership.create({ data: { teamId, userId: user.id, role } });
  return user;
}

export async function createProject(options: { revenuecat?: { projectId: string; apiKey: string } } = {}) {
  const suffix = randomUUID().slice(0, 8);
  const team = await prisma.team.create({ data: { name: `Team ${suffix}`, slug: `team-${suffix}` } });
  const project = await prisma.project.create({ data: { teamId: team.id, name: `Project ${suffix}`, slug: `project-${suffix}` } });
  if (options.revenuecat) await saveIntegration(project.id, "revenuecat", { revenuecatProjectId: options.revenuecat.projectId, apiKey: options.revenuecat.apiKey });
  return { team, project };
}

// Polls `read` until `done` holds, for conditions that another process or timer makes true.
export async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 30_000, everyMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms; last value: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/** A port that was free a moment ago and has nothing listening on it now: a database that is not there. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}
