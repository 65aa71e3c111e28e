// A process that takes the build lock, notes "in"/"out" in a journal around holding it, for the
// test that several contenders never hold it at once. Arguments: the lock file, the journal.
import { appendFileSync } from "node:fs";
import { acquireBuildLock } from "@/scripts/lib/build-lock";

const [lockFile, journal] = process.argv.slice(2);
const lock = await acquireBuildLock(lockFile!, () => {});
appendFileSync(journal!, `in ${process.pid}\n`);
// Held for a moment, so another holder at the same time would show up between "in" and "out".
await new Promise((resolve) => setTimeout(resolve, 100));
appendFileSync(journal!, `out ${process.pid}\n`);
lock.release();
