// The product's job service: the catalog of lib/jobs/catalog.ts, jobs sent through the web
// process's pg-boss instance. Route handlers, server actions and the admin CLI act through it (so
// it cannot be marked server-only: the CLI runs in plain Node).
import { catalog } from "./catalog";
import { createJobService } from "./service";

export const jobs = createJobService(catalog);
