// Runs before each integration test file, before it imports anything that reads the env: the file
// gets a fresh copy of the migrated template, dropped when the file is done.
import { randomUUID } from "node:crypto";
import { afterAll, inject } from "vitest";
import { copyDatabase, dropDatabase } from "@/scripts/lib/throwaway-database";

const adminUrl = inject("adminUrl");
const name = `${inject("templateName")}_${randomUUID().slice(0, 8)}`;
process.env.DATABASE_URL = await copyDatabase(adminUrl, inject("templateName"), name);
process.env.LOG_LEVEL = "warn";
// A fixed key, so credentials sealed by one part of a test open in another (and in worker processes).
process.env.TASKDECK_ENCRYPTION_KEY = "dGFza2RlY2staW50ZWdyYXRpb24tdGVzdHMta2V5ISE=";
process.env.ALLOW_PRIVATE_NETWORK_URLS = "true";

// Registered first, so it runs after the file's own afterAll hooks have closed their connections.
afterAll(() => dropDatabase(adminUrl, name));
