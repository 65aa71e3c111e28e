// Apple Ads Sync on the surfaces the seed names, against the running stack and its Apple Ads
// sandbox: POST …/ads/sync (202, then 409 naming the active run) and `taskdeck ads sync --wait
// --json`, storing the demo app's two campaigns and not the other app's.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demo } from "@/prisma/seed";
import { createKey, demoTeam, prisma, waitUntilFinished } from "./fixtures";
import { baseUrl, runTaskdeck } from "./helpers";

let key: string;

beforeAll(async () => {
  const team = await demoTeam();
  const admin = await prisma.user.findUniqueOrThrow({ where: { email: demo.admin.email } });
  key = (await createKey(team.id, ["jobs:read", "jobs:write"], { createdById: admin.id })).key;
});
afterAll(() => prisma.$disconnect());

const taskdeck = (args: string[]) => runTaskdeck(args, key);

describe("Apple Ads Sync for one project", () => {
  it("POST …/ads/sync runs apple_ads_sync: 202, 409 while it runs, the demo app's campaigns stored", async () => {
    const post = () => fetch(`${baseUrl()}/api/v1/projects/${demo.project.slug}/ads/sync`, { method: "POST", headers: { Authorization: `Bearer ${key}` } });
    const first = await post();
    expect(first.status).toBe(202);
    const { run } = (await first.json()) as { run: { id: string; type: string } };
    expect(run.type).toBe("apple_ads_sync");
    const again = await post();
    // Either still active (409 naming it) or already done (202): never a second overlapping run.
    if (again.status === 409) expect(await again.json()).toMatchObject({ error: { code: "job_already_running", existingRunId: run.id } });
    else expect(again.status).toBe(202);

    const done = await waitUntilFinished(run.id, 60_000);
    expect(done.status, JSON.stringify(done.result)).toBe("completed");
    expect(done.result).toMatchObject({ campaigns_stored: 2, other_apps_campaigns: 1 });
    const project = await prisma.project.findUniqueOrThrow({ where: { slug: demo.project.slug } });
    const campaigns = await prisma.adCampaignLifetime.findMany({ where: { projectId: project.id }, orderBy: { name: "asc" } });
    expect(campaigns.map((campaign) => campaign.name)).toEqual(["Demo App Discovery", "Demo App US Search"]);
    if (again.status === 202) await waitUntilFinished(((await again.json()) as { run: { id: string } }).run.id, 60_000);
  });

  it("taskdeck ads sync --wait --json prints the completed run", async () => {
    const result = await taskdeck(["ads", "sync", "--project", demo.project.slug, "--wait", "--json"]);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ run: { type: "apple_ads_sync", status: "completed", result: { campaigns_stored: 2 } } });
  });
});
