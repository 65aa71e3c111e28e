// One Prisma client per process, on the pg driver adapter over the process's one pool
// (lib/db/pool.ts): Prisma 7 has no built-in driver, and a pool of its own would triple the
// connections each process holds.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { getPool } from "@/lib/db/pool";

const globalForPrisma = globalThis as unknown as { taskdeckPrisma?: PrismaClient };

// Lazily created so importing this module never opens a connection (next build, unit tests).
export const prisma = new Proxy({} as PrismaClient, {
  get(_target, key) {
    globalForPrisma.taskdeckPrisma ??= new PrismaClient({ adapter: new PrismaPg(getPool()) });
    const value = Reflect.get(globalForPrisma.taskdeckPrisma, key);
    return typeof value === "function" ? value.bind(globalForPrisma.taskdeckPrisma) : value;
  },
});

export async function disconnectPrisma(): Promise<void> {
  await globalForPrisma.taskdeckPrisma?.$disconnect();
  globalForPrisma.taskdeckPrisma = undefined;
}

/**
 * A client with a pool of its own, for harnesses that hold a second database next to the process's
 * (the e2e stack's fixtures). Product code uses `prisma`.
 */
export function createPrisma(connectionString: string): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString }) });
}
