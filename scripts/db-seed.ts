// npm run db:seed — write the demo data (team Acme, project Demo App, two users) to DATABASE_URL.
import "@/lib/runtime/require-node";
import { closePool } from "@/lib/db/pool";
import { disconnectPrisma, prisma } from "@/lib/db/prisma";
import { demo, seedDemo } from "@/prisma/seed";

try {
  await seedDemo(prisma);
  console.log(`Seeded: ${demo.admin.email} and ${demo.member.email} (password "${demo.password}"), project ${demo.project.slug}.`);
} finally {
  await disconnectPrisma();
  await closePool();
}
