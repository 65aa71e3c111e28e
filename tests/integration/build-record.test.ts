// The recorded build (scripts/lib/build-record.ts, scripts/lib/build.ts) on a real checkout with a
// stand-in for `next build`: a recorded build of the current inputs is used, a changed input
// builds again, and a build made by npm run build is used by the next start.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { buildLockPath, buildNow, ensureBuild } from "@/scripts/lib/build";
import { buildInputsHash, isBuildFresh, readBuildRecord, recordBuild } from "@/scripts/lib/build-record";

const fakeBuild = path.resolve("tests/helpers/fake-next-build.mjs");
const checkouts: string[] = [];
const quiet = () => {};

function checkout(): { root: string; command: string[]; builds: () => number } {
  const root = mkdtempSync(path.join(tmpdir(), "taskdeck-build-record-"));
  checkouts.push(root);
  mkdirSync(path.join(root, "app"));
  mkdirSync(path.join(root, "lib"));
  writeFileSync(path.join(root, "app/page.tsx"), "export default function Page() { return null; }\n");
  writeFileSync(path.join(root, "lib/format.ts"), "export const format = (n: number) => String(n);\n");
  writeFileSync(path.join(root, "package-lock.json"), "{}\n");
  const journal = path.join(root, "builds.log");
  const builds = () => (existsSync(journal) ? readFileSync(journal, "utf8").trim().split("\n").length : 0);
  return { root, command: [fakeBuild, journal], builds };
}

afterEach(() => {
  for (const root of checkouts.splice(0)) rmSync(root, { recursive: true, force: true });
});

describe("recorded build", () => {
  it("counts a recorded build of the current inputs as fresh, and any changed input as stale", () => {
    const { root } = checkout();
    mkdirSync(path.join(root, ".next"));
    writeFileSync(path.join(root, ".next/BUILD_ID"), "abc");
    recordBuild(root, buildInputsHash(root));
    expect(isBuildFresh(root)).toBe(true);

    writeFileSync(path.join(root, "lib/format.ts"), "export const format = (n: number) => n.toFixed(2);\n");
    expect(isBuildFresh(root)).toBe(false);
    recordBuild(root, buildInputsHash(root));
    writeFileSync(path.join(root, "app/new-page.tsx"), "export default function New() { return null; }\n");
    expect(isBuildFresh(root)).toBe(false);
    recordBuild(root, buildInputsHash(root));
    unlinkSync(path.join(root, "app/new-page.tsx"));
    expect(isBuildFresh(root)).toBe(false);
    recordBuild(root, buildInputsHash(root));
    writeFileSync(path.join(root, "package-lock.json"), '{ "lockfileVersion": 3 }\n');
    expect(isBuildFresh(root)).toBe(false);
  });

  it("does not count a build without a record, or a record without a build, as fresh", () => {
    const { root } = checkout();
    mkdirSync(path.join(root, ".next"));
    // A bare `next build` leaves BUILD_ID but no record of what it built.
    writeFileSync(path.join(root, ".next/BUILD_ID"), "abc");
    expect(isBuildFresh(root)).toBe(false);
    recordBuild(root, buildInputsHash(root));
    unlinkSync(path.join(root, ".next/BUILD_ID"));
    expect(isBuildFresh(root)).toBe(false);
  });

  it("does not depend on where the checkout lives", () => {
    const first = checkout();
    const second = checkout();
    expect(buildInputsHash(first.root)).toBe(buildInputsHash(second.root));
  });

  it("uses a build made by npm run build, and builds again after a source change", async () => {
    const { root, command, builds } = checkout();
    expect(await buildNow(quiet, { root, command })).toMatchObject({ built: true });
    expect(readBuildRecord(root)?.inputsHash).toBe(buildInputsHash(root));

    expect(await ensureBuild(quiet, { root, command })).toEqual({ built: false, seconds: 0 });
    expect(builds()).toBe(1);

    writeFileSync(path.join(root, "app/page.tsx"), "export default function Page() { return 'changed'; }\n");
    expect(await ensureBuild(quiet, { root, command })).toMatchObject({ built: true });
    expect(builds()).toBe(2);
    expect(await ensureBuild(quiet, { root, command })).toMatchObject({ built: false });
    expect(builds()).toBe(2);
  });

  it("always builds for npm run build, even when the recorded build is fresh", async () => {
    const { root, command, builds } = checkout();
    await ensureBuild(quiet, { root, command });
    await buildNow(quiet, { root, command });
    expect(builds()).toBe(2);
  });

  it("leaves no record and no lock after a failed build, so the next start builds again", async () => {
    const { root, command, builds } = checkout();
    await buildNow(quiet, { root, command });
    writeFileSync(path.join(root, "app/page.tsx"), "export default function Page() { return 'broken'; }\n");
    writeFileSync(path.join(root, "fail"), "");

    await expect(ensureBuild(quiet, { root, command })).rejects.toThrow("next build failed");
    expect(readBuildRecord(root)).toBeNull();
    expect(existsSync(buildLockPath(root))).toBe(false);

    unlinkSync(path.join(root, "fail"));
    expect(await ensureBuild(quiet, { root, command })).toMatchObject({ built: true });
    expect(builds()).toBe(3);
  });
});
