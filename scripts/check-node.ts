// `npm test` calls this before anything else (npm run build checks through scripts/build.ts).
import "@/lib/runtime/require-node";
