// Prisma 7 reads its datasource from here. The URL only matters for Prisma CLI commands that talk
// to the database; `prisma generate` works without one, so a placeholder keeps it usable offline.
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: {
    url: process.env.DATABASE_URL ?? "postgresql://localhost:5432/taskdeck",
  },
});
