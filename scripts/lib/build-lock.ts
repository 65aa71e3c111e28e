// The build lock: one `next build` at a time for every process that may build (npm run build,
// npm run web, npm start, the e2e stack). A second process waits for the first's build instead of
// dying on Next's own lock ("Another next build process is already running").
// The lock is a file created with O_EXCL holding its owner's pid; a lock whose owner is gone
// (killed mid-build) is taken over.
import { randomUUID } from "node:crypto";
import { closeSync, mkdirSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from "node:fs";
import path from "node:path";

type LockOwner = { pid: number; processStart: string | null; startedAt: string; token: string };
export type BuildLock = { release: () => void };

const pollMs = 200;
// A takeover marker or an unreadable lock lives for microseconds; one this old was left by a
// process that died at that instant.
const abandonedMs = 10_000;

/**
 * The process's start time since boot (Linux), recorded with its pid so a pid reused by a later
 * process is not mistaken for the lock's owner. null where /proc is not there.
 */
export function processStart(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Field 22; the command name (field 2) may hold spaces, so count from the closing parenthesis.
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19] ?? null;
  } catch {
    return null;
  }
}

function ownerLives(owner: LockOwner): boolean {
  try {
    process.kill(owner.pid, 0);
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    if ((error as NodeJS.ErrnoException).code !== "EPERM") return false;
  }
  const start = processStart(owner.pid);
  return owner.processStart === null || start === null || start === owner.processStart;
}

function readOwner(file: string): LockOwner | null {
  try {
    const owner = JSON.parse(readFileSync(file, "utf8")) as Partial<LockOwner>;
    return typeof owner.pid === "number" && typeof owner.token === "string" ? (owner as LockOwner) : null;
  } catch {
    return null;
  }
}

function tryCreate(file: string, content: string): boolean {
  let fd: number;
  try {
    fd = openSync(file, "wx");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  }
  try {
    writeSync(fd, content);
  } finally {
    closeSync(fd);
  }
  return true;
}

/** What identifies one lock file: its owner's token, or for an unreadable file its inode and age. */
function identity(file: string): { owner: LockOwner | null; id: string; abandoned: boolean } | null {
  const owner = readOwner(file);
  if (owner) return { owner, id: owner.token, abandoned: !ownerLives(owner) };
  try {
    const stat = statSync(file);
    // Unreadable: being written this instant, or left empty by a process killed while writing it.
    return { owner: null, id: `${stat.ino}-${stat.mtimeMs}`, abandoned: Date.now() - stat.mtimeMs > abandonedMs };
  } catch {
    return null;
  }
}

/**
 * Removes an abandoned lock. Contenders that all found the same abandoned lock serialise on a
 * marker named after it, and the winner checks the lock still is that one before removing it, so
 * a lock taken over a moment ago is never removed by a slower contender.
 */
function takeOver(file: string, abandonedId: string): boolean {
  const marker = `${file}.takeover-${abandonedId}`;
  if (!tryCreate(marker, String(process.pid))) {
    try {
      if (Date.now() - statSync(marker).mtimeMs > abandonedMs) unlinkSync(marker);
    } catch {
      // Gone already: its creator finished.
    }
    return false;
  }
  try {
    if (identity(file)?.id === abandonedId) unlinkSync(file);
  } finally {
    unlinkSync(marker);
  }
  return true;
}

/**
 * Waits until this process holds the lock in `file`. `onWait` is told the owner's pid each time
 * a new owner makes this process wait.
 */
export async function acquireBuildLock(file: string, onWait: (pid: number) => void): Promise<BuildLock> {
  mkdirSync(path.dirname(file), { recursive: true });
  const owner: LockOwner = { pid: process.pid, processStart: processStart(process.pid), startedAt: new Date().toISOString(), token: randomUUID() };
  let waitedFor: string | undefined;
  for (;;) {
    if (tryCreate(file, JSON.stringify(owner))) break;
    const current = identity(file);
    // Released between the two looks: try again at once.
    if (!current) continue;
    if (current.abandoned) {
      if (takeOver(file, current.id)) continue;
    } else if (current.owner && current.id !== waitedFor) {
      waitedFor = current.id;
      onWait(current.owner.pid);
    }
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
  // Ctrl-C or a crash mid-build: the lock goes with the process where it can (and is taken over
  // where it cannot, e.g. SIGKILL).
  const releaseOnExit = () => release();
  function release() {
    process.off("exit", releaseOnExit);
    if (readOwner(file)?.token === owner.token) unlinkSync(file);
  }
  process.on("exit", releaseOnExit);
  return { release };
}
