// Runs before each integration test file, before it imports anything that reads the env: the file
// gets a fresh copy of the migrated template, dropped when the file is done.
import { randomUUID } from "node:crypto";
import { afterAll, inject } from "vitest";
import { copyDatabase, dropDatabase } from "@/scripts/lib/throwaway-database";

const adminUrl = inject("adminUrl");
const name = `${inject("templateName")}_${randomUUID().slice(0, 8)}`;
process.env.DATABASE_URL = await copyDatabase(adminUrl, inject("templateName"), name);
process.env.LOG_LEVEL = "warn";

// Registered first, so it runs after the file's own afterAll hooks have closed their connections.
afterAll(() => dropDatabase(adminUrl, name));
