// A project's apps (PRODUCT.md "Domain data"): added, edited and removed through lib/apps, with
// bad input refused field by field and nothing written, and every app reachable only through its
// own project.
import { afterAll, describe, expect, it } from "vitest";
import { createApp, deleteApp, listApps, updateApp } from "@/lib/apps/apps";
import { prisma } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import { createProject } from "../helpers/fixtures";
import { releaseAll } from "../helpers/teardown";

afterAll(() => releaseAll());

const refused = async (attempt: Promise<unknown>) => {
  const error = (await attempt.catch((caught: unknown) => caught)) as AppError;
  expect(error).toBeInstanceOf(AppError);
  return error;
};

describe("apps", () => {
  it("are added, listed in the order added, edited and removed", async () => {
    const { project } = await createProject();
    const ios = await createApp(project.id, { name: " Demo iOS ", platform: "apple", bundleId: "com.example.demo", appleAppStoreId: "1234567890" });
    const android = await createApp(project.id, { name: "Demo Android", platform: "android", bundleId: "com.example.demo", appleAppStoreId: "" });
    expect(ios).toMatchObject({ name: "Demo iOS", platform: "apple", bundleId: "com.example.demo", appleAppStoreId: "1234567890", latestAppVersion: null, ratingAverage: null });
    expect(android).toMatchObject({ platform: "android", appleAppStoreId: null });
    expect((await listApps(project.id)).map((app) => app.id)).toEqual([ios.id, android.id]);

    const renamed = await updateApp(project.id, android.id, { name: "Demo for Android", platform: "android", bundleId: "com.example.demo" });
    expect(renamed.name).toBe("Demo for Android");
    await deleteApp(project.id, ios.id);
    expect((await listApps(project.id)).map((app) => app.name)).toEqual(["Demo for Android"]);
  });

  it("refuse bad input field by field, writing nothing", async () => {
    const { project } = await createProject();
    const cases: Array<[unknown, string, string]> = [
      [{ name: "", platform: "apple" }, "name", "name is required"],
      [{ name: "X", platform: "windows" }, "platform", "platform must be apple, android, web or other"],
      [{ name: "X", platform: "apple", bundleId: "not a bundle" }, "bundleId", "bundleId is a reverse-DNS name such as com.example.app"],
      [{ name: "X", platform: "android", appleAppStoreId: "123" }, "appleAppStoreId", "only Apple apps have an App Store id"],
      [{ name: "X", platform: "apple", appleAppStoreId: "12ab" }, "appleAppStoreId", "appleAppStoreId is the app's numeric App Store id, e.g. 1234567890"],
      [{ name: "X", platform: "apple", extra: true }, "(body)", 'Unrecognized key: "extra"'],
    ];
    for (const [input, path, message] of cases) {
      const error = await refused(createApp(project.id, input as never));
      expect([error.status, error.issues?.[0]]).toEqual([400, { path, message }]);
    }
    expect(await prisma.app.count({ where: { projectId: project.id } })).toBe(0);
  });

  it("keep bundle ids and App Store ids unique within a project, with a 409 naming the field", async () => {
    const { project } = await createProject();
    const { project: other } = await createProject();
    await createApp(project.id, { name: "One", platform: "apple", bundleId: "com.example.one", appleAppStoreId: "111" });
    const sameBundle = await refused(createApp(project.id, { name: "Two", platform: "apple", bundleId: "com.example.one" }));
    expect([sameBundle.status, sameBundle.issues]).toEqual([409, [{ path: "bundleId", message: "another app of this project has this bundle id" }]]);
    const sameStoreId = await refused(createApp(project.id, { name: "Three", platform: "apple", bundleId: "com.example.three", appleAppStoreId: "111" }));
    expect([sameStoreId.status, sameStoreId.issues?.[0]?.path]).toEqual([409, "appleAppStoreId"]);
    // Another project may have the same ids, and one bundle id may name an Apple and an Android app.
    await createApp(other.id, { name: "One elsewhere", platform: "apple", bundleId: "com.example.one", appleAppStoreId: "111" });
    await createApp(project.id, { name: "One for Android", platform: "android", bundleId: "com.example.one" });
    expect(await prisma.app.count({ where: { projectId: project.id } })).toBe(2);
  });

  it("are not found through another project", async () => {
    const { project } = await createProject();
    const { project: other } = await createProject();
    const app = await createApp(project.id, { name: "Mine", platform: "web" });
    for (const attempt of [() => updateApp(other.id, app.id, { name: "Taken", platform: "web" }), () => deleteApp(other.id, app.id), () => deleteApp(project.id, "not-a-uuid")]) {
      expect((await refused(attempt())).status).toBe(404);
    }
    expect((await prisma.app.findUniqueOrThrow({ where: { id: app.id } })).name).toBe("Mine");
  });

  it("forget what store jobs learned when the ids they used change", async () => {
    const { project } = await createProject();
    const app = await createApp(project.id, { name: "Rated", platform: "apple", bundleId: "com.example.rated", appleAppStoreId: "222" });
    const learned = { latestAppVersion: "2.4.0", latestAppVersionSource: "app_store" as const, ratingAverage: 4.6, ratingCount: 1200 };
    await prisma.app.update({ where: { id: app.id }, data: learned });
    // A new name keeps them…
    expect(await updateApp(project.id, app.id, { name: "Rated app", platform: "apple", bundleId: "com.example.rated", appleAppStoreId: "222" })).toMatchObject(learned);
    // …another App Store id does not: they were about another app.
    expect(await updateApp(project.id, app.id, { name: "Rated app", platform: "apple", bundleId: "com.example.rated", appleAppStoreId: "333" })).toMatchObject({
      latestAppVersion: null,
      latestAppVersionSource: null,
      ratingAverage: null,
      ratingCount: null,
    });
  });
});
