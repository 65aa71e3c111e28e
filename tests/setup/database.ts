// Vitest global setup for integration tests: one fresh database for the whole run.
import type { TestProject } from "vitest/node";
import { createThrowawayDatabase } from "@/scripts/lib/throwaway-database";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const database = await createThrowawayDatabase("it");
  project.provide("databaseUrl", database.url);
  return () => database.dispose();
}
