// `taskdeck overview`: a project's health at a glance over GET …/overview, as its Overview tab:
// running and queued runs, live workers, the lane, runs by outcome with an hourly sparkline, and
// p50/p95 per job type.
import { Command, Option } from "commander";
import type { ProjectOverview } from "@/lib/jobs/overview";
import { formatDuration } from "@/lib/jobs/eta";
import { failureRatePercent } from "@/lib/jobs/overview-windows";
import { overviewWindowKeys } from "@/lib/jobs/schemas";
import { plural } from "@/lib/plural";
import { exitCodes } from "../exit-codes";
import { jsonOption, type Runner } from "../options";
import { createOutput, table } from "../output";
import { createApiClient } from "./client";
import { path, project, url, type Common } from "./jobs";

const bars = "▁▂▃▄▅▆▇█";

/** One character per hour, its height the hour's runs against the busiest hour ("·" for none). */
export function sparkline(counts: number[]): string {
  const peak = Math.max(...counts, 0);
  return counts.map((count) => (count === 0 || peak === 0 ? "·" : bars[Math.min(bars.length - 1, Math.floor((count / peak) * (bars.length - 1)))])).join("");
}

export function overviewText(overview: ProjectOverview): string {
  const { totals } = overview;
  const percent = failureRatePercent(totals);
  const rate = percent === null ? "" : ` (${percent}% of ended runs)`;
  const lines = [
    `Last ${overview.window === "24h" ? "24 hours" : "7 days"}: ${totals.completed} completed, ${totals.failed} failed${rate}, ${totals.cancelled} cancelled, ${totals.active} active`,
    `Now: ${overview.running} running, ${overview.queued} queued${overview.oldestQueued ? ` (oldest ${overview.oldestQueued.runId}, ${overview.oldestQueued.type}, since ${overview.oldestQueued.createdAt})` : ""}`,
    `Lane: ${overview.lane.paused ? `paused by run ${overview.lane.pausedByRunId} (taskdeck lane show)` : "flowing"}; ${plural(overview.lane.queued.length, "lane run")} queued`,
    `Workers: ${overview.liveWorkers === 0 ? "none live; runs wait until one starts" : `${overview.liveWorkers} live`}`,
  ];
  // A week is 168 hours: summed by 4 hours so the line fits a terminal.
  const step = overview.hours.length > 48 ? 4 : 1;
  const counts: number[] = [];
  for (let index = 0; index < overview.hours.length; index += step) {
    counts.push(overview.hours.slice(index, index + step).reduce((sum, hour) => sum + hour.completed + hour.failed + hour.cancelled + hour.active, 0));
  }
  lines.push(`Runs per ${step === 1 ? "hour" : "4 hours"} since ${overview.hours[0]!.at}: ${sparkline(counts)}`);
  if (overview.durations.length === 0) lines.push("No run ended in this window.");
  else {
    const ms = (value: number | null) => (value === null ? "-" : formatDuration(value));
    lines.push(table([["TYPE", "ENDED", "FAILED", "P50", "P95"], ...overview.durations.map((row) => [row.type, String(row.ended), String(row.failed), ms(row.p50Ms), ms(row.p95Ms)])]));
  }
  return lines.join("\n");
}

export function overviewCommand(run: Runner): Command {
  return new Command("overview")
    .description("a project's health: runs by outcome, p50/p95 per type, running and queued, the lane, live workers")
    .addOption(project())
    .addOption(new Option("-w, --window <window>", "how far back").choices(overviewWindowKeys).default("24h"))
    .addOption(url())
    .addOption(jsonOption())
    .action((options: Common & { project: string; window: string }) =>
      run(async () => {
        const answer = await createApiClient(options).get<{ overview: ProjectOverview }>(`/projects/${path(options.project)}/overview?${new URLSearchParams({ window: options.window })}`);
        createOutput(Boolean(options.json)).result(overviewText(answer.overview), answer);
        return exitCodes.ok;
      }),
    );
}
