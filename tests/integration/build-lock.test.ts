// The build lock (scripts/lib/build-lock.ts) with real processes: a second process that needs a
// build waits for the first's and uses it, a lock left by a dead process is taken over, and
// contenders never hold the lock at the same time.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { acquireBuildLock, processStart } from "@/scripts/lib/build-lock";
import { buildLockPath } from "@/scripts/lib/build";
import { waitFor } from "../helpers/fixtures";

const fakeBuild = path.resolve("tests/helpers/fake-next-build.mjs");
const checkouts: string[] = [];

function checkout(): string {
  const root = mkdtempSync(path.join(tmpdir(), "taskdeck-build-lock-"));
  checkouts.push(root);
  mkdirSync(path.join(root, "app"));
  writeFileSync(path.join(root, "app/page.tsx"), "export default function Page() { return null; }\n");
  return root;
}

type Started = { child: ChildProcess; output: () => string; exited: Promise<number | null> };

function start(script: string, args: string[]): Started {
  const child = spawn(process.execPath, ["--import", "tsx", script, ...args], { stdio: ["ignore", "pipe", "inherit"] });
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, output: () => output, exited };
}

const readJournal = async (file: string) => (existsSync(file) ? readFileSync(file, "utf8").trim().split("\n") : []);

/** The pid of a process that has exited: a lock holder killed mid-build. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ["-e", ""]);
  await new Promise((resolve) => child.once("exit", resolve));
  return child.pid!;
}

afterEach(() => {
  for (const root of checkouts.splice(0)) rmSync(root, { recursive: true, force: true });
});

describe("build lock", () => {
  it("makes a second process wait for the first's build, then use it instead of building", async () => {
    const root = checkout();
    const journal = path.join(root, "builds.log");
    const release = path.join(root, "release");
    const command = [fakeBuild, journal, release];
    const first = start("tests/helpers/build-contender.ts", [root, ...command]);
    // The first holds the lock once its build runs.
    await waitFor(() => readJournal(journal), (lines) => lines.length === 1);
    const second = start("tests/helpers/build-contender.ts", [root, ...command]);
    await waitFor(async () => second.output(), (output) => output.includes(`Waiting for another build (pid ${first.child.pid}) to finish…`));
    writeFileSync(release, "");

    expect(await first.exited).toBe(0);
    expect(await second.exited).toBe(0);
    expect(first.output()).toContain("result built");
    expect(second.output()).toContain("result used");
    expect(await readJournal(journal)).toHaveLength(1);
    expect(existsSync(buildLockPath(root))).toBe(false);
  });

  it("takes over a lock whose holder died, without waiting", async () => {
    const root = checkout();
    const lockFile = buildLockPath(root);
    mkdirSync(path.dirname(lockFile), { recursive: true });
    const pid = await deadPid();
    writeFileSync(lockFile, JSON.stringify({ pid, processStart: null, startedAt: new Date().toISOString(), token: "killed-mid-build" }));
    const waitedFor: number[] = [];

    const lock = await acquireBuildLock(lockFile, (owner) => waitedFor.push(owner));

    expect(waitedFor).toEqual([]);
    expect(JSON.parse(readFileSync(lockFile, "utf8"))).toMatchObject({ pid: process.pid });
    lock.release();
    expect(existsSync(lockFile)).toBe(false);
  });

  it("takes over a lock whose pid now belongs to a later process", async () => {
    const root = checkout();
    const lockFile = buildLockPath(root);
    mkdirSync(path.dirname(lockFile), { recursive: true });
    // This test's own pid, alive, but with another start time: the holder died and its pid was reused.
    expect(processStart(process.pid)).not.toBeNull();
    writeFileSync(lockFile, JSON.stringify({ pid: process.pid, processStart: "0", startedAt: new Date().toISOString(), token: "reused-pid" }));

    const lock = await acquireBuildLock(lockFile, () => {});

    expect(JSON.parse(readFileSync(lockFile, "utf8")).token).not.toBe("reused-pid");
    lock.release();
  });

  it("lets contenders racing for a dead holder's lock hold it one at a time", async () => {
    const root = checkout();
    const lockFile = buildLockPath(root);
    const journal = path.join(root, "holders.log");
    mkdirSync(path.dirname(lockFile), { recursive: true });
    writeFileSync(lockFile, JSON.stringify({ pid: await deadPid(), processStart: null, startedAt: new Date().toISOString(), token: "killed" }));

    const holders = [1, 2, 3].map(() => start("tests/helpers/build-lock-holder.ts", [lockFile, journal]));
    expect(await Promise.all(holders.map((holder) => holder.exited))).toEqual([0, 0, 0]);

    const lines = await readJournal(journal);
    expect(lines).toHaveLength(6);
    // Each "in" is followed by the same holder's "out" before anyone else's "in".
    for (let i = 0; i < lines.length; i += 2) expect(lines[i + 1]).toBe(lines[i]!.replace("in", "out"));
    expect(existsSync(lockFile)).toBe(false);
  });
});
