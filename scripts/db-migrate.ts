// npm run db:migrate — apply migrations to DATABASE_URL.
import "@/lib/runtime/require-node";
import { env } from "@/lib/env";
import { prepareDatabase } from "./lib/prepare-database";

await prepareDatabase(env.DATABASE_URL, (line) => console.log(line));
