// Vitest global setup for integration tests: one database server for the run, with a migrated
// template that each test file copies into a database of its own (tests/setup/env.ts), so files
// run in parallel without seeing each other's projects, runs or schedules.
import type { TestProject } from "vitest/node";
import { startThrowawayServer } from "@/scripts/lib/throwaway-database";

declare module "vitest" {
  export interface ProvidedContext {
    /** The server's maintenance database, to create and drop the files' databases. */
    adminUrl: string;
    /** The migrated template's name. */
    templateName: string;
  }
}

export default async function setup(project: TestProject) {
  const server = await startThrowawayServer("it");
  const templateUrl = await server.createMigrated("template");
  project.provide("adminUrl", server.adminUrl);
  project.provide("templateName", new URL(templateUrl).pathname.slice(1));
  return () => server.dispose();
}
