// A stand-in for `next build` in the build tests: notes that it ran in the journal (its first
// argument), waits until the release file (its second, if given) exists, then leaves a finished
// build in ./.next. Fails instead when the journal's directory holds a file named "fail".
// Plain JavaScript: it runs in the test's temporary checkout, where tsx cannot be resolved.
import { appendFileSync, existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

const [journal, release] = process.argv.slice(2);
appendFileSync(journal, `build ${process.pid}\n`);
if (existsSync(path.join(path.dirname(journal), "fail"))) process.exit(1);
while (release && !existsSync(release)) await sleep(50);
mkdirSync(".next", { recursive: true });
writeFileSync(".next/BUILD_ID", String(process.pid));
