// The ratings section of `npm run bench`: app_store_ratings_sync's work (lib/ratings/sync.ts) for 50
// apps in 10 projects across the 175 storefronts, against the iTunes Lookup sandbox with a delay
// per answer like Apple's, beside the floor of the same storefront requests made bare (one fetch per
// storefront, nothing stored). Repetitions are interleaved; the request counts come from the
// sandbox's own log.
import { performance } from "node:perf_hooks";
import { randomUUID } from "node:crypto";

export interface RatingsBenchOptions {
  apps: number;
  projects: number;
  repetitions: number;
  /** Milliseconds the sandbox waits before each answer. */
  delayMs: number;
}

export interface RatingsBenchResult {
  apps: number;
  projects: number;
  storefronts: number;
  delayMs: number;
  /** Lookup requests of one sync, from the sandbox's log. */
  requestsPerSync: number;
  /** What one request per app per storefront would take. */
  naiveRequests: number;
  syncSeconds: number[];
  bareSeconds: number[];
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

export async function benchRatings(options: RatingsBenchOptions): Promise<RatingsBenchResult> {
  const { overrideEnv } = await import("@/lib/env");
  const { prisma } = await import("@/lib/db/prisma");
  const { startItunesSandbox } = await import("@/sandbox/itunes/server");
  const { marketedStorefronts } = await import("@/lib/itunes/storefronts");
  const { syncRatings } = await import("@/lib/ratings/sync");

  const suffix = randomUUID().slice(0, 8);
  const apps = Array.from({ length: options.apps }, (_, index) => ({
    trackId: 1_950_000_000 + index,
    bundleId: `com.bench.ratings${index}`,
    trackName: `Bench ${index}`,
    version: "1.0.0",
    currentVersionReleaseDate: "2026-11-01T00:00:00Z",
    seed: index,
  }));
  const sandbox = await startItunesSandbox({ apps, delayMs: options.delayMs });
  overrideEnv({ ITUNES_LOOKUP_URL: sandbox.url, ITUNES_STOREFRONTS: "" });
  try {
    const team = await prisma.team.create({ data: { name: `Bench ratings ${suffix}`, slug: `bench-ratings-${suffix}` } });
    const projects: Array<{ id: string; slug: string; name: string; teamId: string }> = [];
    for (let index = 0; index < options.projects; index += 1) {
      const project = await prisma.project.create({ data: { teamId: team.id, name: `Bench ratings ${index}`, slug: `bench-ratings-${suffix}-${index}` } });
      projects.push({ id: project.id, slug: project.slug, name: project.name, teamId: team.id });
    }
    await prisma.app.createMany({
      data: apps.map((app, index) => ({
        projectId: projects[index % projects.length]!.id,
        name: app.trackName,
        platform: "apple" as const,
        bundleId: app.bundleId,
        appleAppStoreId: String(app.trackId),
      })),
    });
    const controller = new AbortController();
    const context = { runId: randomUUID(), progress: () => {}, isCancelled: () => false, signal: controller.signal, log: () => {}, warn: () => {} };
    const ids = apps.map((app) => String(app.trackId)).join(",");

    const syncSeconds: number[] = [];
    const bareSeconds: number[] = [];
    let requestsPerSync = 0;
    for (let repetition = 0; repetition < options.repetitions; repetition += 1) {
      const since = sandbox.requests.length;
      const started = performance.now();
      await syncRatings(projects, context);
      syncSeconds.push((performance.now() - started) / 1000);
      requestsPerSync = sandbox.requests.length - since;

      const bareStarted = performance.now();
      for (const country of marketedStorefronts) await (await fetch(`${sandbox.url}?id=${ids}&entity=software&country=${country}`)).arrayBuffer();
      bareSeconds.push((performance.now() - bareStarted) / 1000);
    }
    return {
      apps: options.apps,
      projects: options.projects,
      storefronts: marketedStorefronts.length,
      delayMs: options.delayMs,
      requestsPerSync,
      naiveRequests: options.apps * marketedStorefronts.length,
      syncSeconds,
      bareSeconds,
    };
  } finally {
    await sandbox.close();
  }
}

export function ratingsMarkdown(result: RatingsBenchResult, machine: string): string {
  const sync = median(result.syncSeconds);
  const bare = median(result.bareSeconds);
  return [
    "## Store",
    "",
    `App Store Ratings Sync for ${result.apps} apps in ${result.projects} projects across ${result.storefronts} storefronts, against the iTunes Lookup sandbox answering after ${result.delayMs} ms (about Apple's latency); medians of ${result.syncSeconds.length} interleaved repetitions. Target: at most ${result.storefronts} Lookup requests.`,
    "",
    "| | Lookup requests | Wall time | Ratio |",
    "| --- | ---: | ---: | ---: |",
    `| \`app_store_ratings_sync\` (stores every country and the worldwide cache) | ${result.requestsPerSync} | ${sync.toFixed(1)} s | ${(bare / sync).toFixed(2)}× the floor |`,
    `| Floor: the same ${result.storefronts} requests, bare | ${result.storefronts} | ${bare.toFixed(1)} s | 1.00× |`,
    `| One request per app per storefront (not run) | ${result.naiveRequests.toLocaleString("en-US")} | ≈ ${((result.naiveRequests * result.delayMs) / 60_000).toFixed(0)} min at ${result.delayMs} ms | |`,
    "",
    `Machine: ${machine}`,
    "",
  ].join("\n");
}
