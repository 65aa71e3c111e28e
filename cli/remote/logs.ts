// `taskdeck jobs logs RUN [--follow]`: a run's log lines over REST API v1, oldest first. With
// --follow it keeps asking for the lines written since (a second apart) until the run has ended
// and every line is read, then exits like `--wait` does (0 only if the run completed).
import { setTimeout as sleep } from "node:timers/promises";
import type { Command } from "commander";
import type { ApiRunLogLine } from "@/lib/jobs/run-logs";
import type { ApiRun, RunStatus } from "@/lib/jobs/schemas";
import { exitCodes } from "../exit-codes";
import { jsonOption, type Runner } from "../options";
import { exitCodeForRun } from "../wait";
import { createApiClient } from "./client";

interface LogsPage {
  logs: ApiRunLogLine[];
  nextCursor: string | null;
  hasMore: boolean;
  runStatus: RunStatus;
  complete: boolean;
}

const FOLLOW_INTERVAL_MS = 1000;

export function lineText(line: ApiRunLogLine): string {
  const fields = line.fields ? ` ${Object.entries(line.fields).map(([key, value]) => `${key}=${JSON.stringify(value)}`).join(" ")}` : "";
  return `${line.at}  ${line.level.toUpperCase().padEnd(5)}  ${line.message}${fields}`;
}

export function addLogsCommand(jobs: Command, run: Runner): void {
  jobs
    .command("logs")
    .description("print a run's log lines; --follow keeps printing until the run ends")
    .argument("<run>", "the run's id")
    .option("-f, --follow", "keep printing new lines until the run has ended; exit 0 only if it completed")
    .option("--url <url>", "the Taskdeck server (default: TASKDECK_URL)")
    .addOption(jsonOption())
    .action((runId: string, options: { follow?: boolean; url?: string; json?: boolean }) =>
      run(async () => {
        const client = createApiClient(options);
        const base = `/runs/${encodeURIComponent(runId)}/logs`;
        let after: string | null = null;
        if (!options.follow) {
          // Every line, page by page; --json prints them as one document.
          const lines: ApiRunLogLine[] = [];
          let page: LogsPage;
          do {
            page = await client.get<LogsPage>(`${base}?limit=500${after ? `&after=${after}` : ""}`);
            lines.push(...page.logs);
            after = page.nextCursor;
          } while (page.hasMore);
          process.stdout.write(options.json ? `${JSON.stringify({ logs: lines, runStatus: page.runStatus }, null, 2)}\n` : lines.map((line) => `${lineText(line)}\n`).join(""));
          return exitCodes.ok;
        }
        // Following: one line of text, or one JSON document per line (NDJSON), as they come.
        for (;;) {
          const page: LogsPage = await client.get<LogsPage>(`${base}?limit=500${after ? `&after=${after}` : ""}`);
          for (const line of page.logs) process.stdout.write(options.json ? `${JSON.stringify(line)}\n` : `${lineText(line)}\n`);
          after = page.nextCursor;
          if (page.complete) break;
          if (!page.hasMore) await sleep(FOLLOW_INTERVAL_MS);
        }
        const { run: ended } = await client.get<{ run: ApiRun }>(`/runs/${encodeURIComponent(runId)}`);
        process.stderr.write(`Run ${ended.id} ${ended.status}\n`);
        return exitCodeForRun(ended);
      }),
    );
}
