// npm run build — a production build (`next build`, its arguments passed on), under the build
// lock shared with npm run web and npm start, and recorded so they start without building again.
import "@/lib/runtime/require-node";
import { buildNow } from "./lib/build";

try {
  const build = await buildNow((line) => console.log(line), { command: ["node_modules/next/dist/bin/next", "build", ...process.argv.slice(2)] });
  console.log(`built in ${build.seconds.toFixed(1)}s (recorded in .next/taskdeck-build.json)`);
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
