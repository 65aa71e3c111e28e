// One Prisma client per process, on the pg driver adapter (Prisma 7 has no built-in driver).
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";

const globalForPrisma = globalThis as unknown as { taskdeckPrisma?: PrismaClient };

export function createPrisma(connectionString: string = env.DATABASE_URL): PrismaClient {
  // A lost idle connection is logged; the adapter's pool replaces it (see lib/db/pool.ts).
  const adapter = new PrismaPg({ connectionString }, { onPoolError: (error) => console.error(`[db] an idle connection was lost: ${error.message}`) });
  return new PrismaClient({ adapter });
}

// Lazily created so importing this module never opens a connection (next build, unit tests).
export const prisma = new Proxy({} as PrismaClient, {
  get(_target, key) {
    globalForPrisma.taskdeckPrisma ??= createPrisma();
    const value = Reflect.get(globalForPrisma.taskdeckPrisma, key);
    return typeof value === "function" ? value.bind(globalForPrisma.taskdeckPrisma) : value;
  },
});

export async function disconnectPrisma(): Promise<void> {
  await globalForPrisma.taskdeckPrisma?.$disconnect();
  globalForPrisma.taskdeckPrisma = undefined;
}
