// Runs before each integration test file, before it imports anything that reads the env.
import { inject } from "vitest";

process.env.DATABASE_URL = inject("databaseUrl");
process.env.LOG_LEVEL = "warn";
