// Parity of the surfaces (issue 16): every ability an admin has over a team's jobs is offered by
// the REST API, the remote CLI and the MCP server, under one name each, and the dashboard offers
// the ones it should. The table below is the list; the test reads each surface itself (the OpenAPI
// document, which the browser suite proves matches the route files; the CLI's command tree; the
// MCP server's tools) and fails when an ability is missing from one, or when a surface offers
// something the table does not know.
import { readFileSync } from "node:fs";
import type { Command } from "commander";
import { describe, expect, it } from "vitest";
import { buildProgram } from "@/cli/main";
import { openApiDocument } from "@/lib/api/openapi";
import { tools } from "@/lib/mcp/tools";

interface Ability {
  rest: string;
  cli: string;
  mcp: string;
  /** Where the dashboard offers it, and a label it shows; null where the dashboard has no need. */
  dashboard: { file: string; shows: string } | null;
}

const abilities: Record<string, Ability> = {
  "list projects": { rest: "GET /api/v1/projects", cli: "projects", mcp: "list-projects", dashboard: { file: "components/layout/switcher.tsx", shows: "Switch project" } },
  "list job types": { rest: "GET /api/v1/projects/{projectId}/job-types", cli: "jobs types", mcp: "list-job-types", dashboard: { file: "components/tasks/job-type-card.tsx", shows: "Run now" } },
  "trigger a job": { rest: "POST /api/v1/projects/{projectId}/jobs", cli: "jobs trigger", mcp: "trigger-job", dashboard: { file: "components/tasks/run-dialog.tsx", shows: "Run now" } },
  "list runs": { rest: "GET /api/v1/projects/{projectId}/runs", cli: "jobs runs", mcp: "list-runs", dashboard: { file: "components/runs/runs-view.tsx", shows: "runs" } },
  "read a run": { rest: "GET /api/v1/runs/{runId}", cli: "jobs show", mcp: "get-run", dashboard: { file: "components/runs/run-actions.tsx", shows: "Retry" } },
  "read a run's log": { rest: "GET /api/v1/runs/{runId}/logs", cli: "jobs logs", mcp: "get-run-logs", dashboard: { file: "components/runs/run-logs.tsx", shows: "Run log" } },
  "cancel a run": { rest: "POST /api/v1/runs/{runId}/cancel", cli: "jobs cancel", mcp: "cancel-run", dashboard: { file: "components/runs/run-actions.tsx", shows: "Cancel run" } },
  "retry a run": { rest: "POST /api/v1/runs/{runId}/retry", cli: "jobs retry", mcp: "retry-run", dashboard: { file: "components/runs/run-actions.tsx", shows: "Retry" } },
  "cancel pending runs": { rest: "POST /api/v1/projects/{projectId}/runs/cancel-pending", cli: "jobs cancel-pending", mcp: "cancel-pending-runs", dashboard: { file: "components/runs/cancel-pending.tsx", shows: "Cancel pending" } },
  "read the overview": { rest: "GET /api/v1/projects/{projectId}/overview", cli: "overview", mcp: "get-overview", dashboard: { file: "components/overview/overview-view.tsx", shows: "Runs per hour" } },
  "list failure groups": { rest: "GET /api/v1/projects/{projectId}/failures", cli: "failures list", mcp: "list-failures", dashboard: { file: "components/failures/failures-view.tsx", shows: "Newest run" } },
  "retry a failure group": { rest: "POST /api/v1/projects/{projectId}/failures/retry", cli: "failures retry", mcp: "retry-failure-group", dashboard: { file: "components/failures/retry-group.tsx", shows: "Retry all" } },
  "read the lane": { rest: "GET /api/v1/projects/{projectId}/lane", cli: "lane show", mcp: "get-lane", dashboard: { file: "components/lanes/lane-banner.tsx", shows: "Lane paused." } },
  "retry the lane": { rest: "POST /api/v1/projects/{projectId}/lane/retry", cli: "lane retry", mcp: "retry-lane", dashboard: { file: "components/lanes/lane-banner.tsx", shows: "Retry failed run" } },
  "skip the lane's failed job": { rest: "POST /api/v1/projects/{projectId}/lane/skip", cli: "lane skip", mcp: "skip-lane", dashboard: { file: "components/lanes/lane-banner.tsx", shows: "Skip and resume" } },
  "read schedules": { rest: "GET /api/v1/projects/{projectId}/schedules", cli: "schedules list", mcp: "get-schedules", dashboard: { file: "components/schedules/interval-select.tsx", shows: "Off" } },
  "set a schedule": { rest: "PUT /api/v1/projects/{projectId}/schedules", cli: "schedules set", mcp: "set-schedule", dashboard: { file: "components/schedules/interval-select.tsx", shows: "Could not change the schedule" } },
  // The seed's named triggers; the dashboard starts the same types with Run now.
  "sync ratings": { rest: "POST /api/v1/projects/{projectId}/ratings/sync", cli: "ratings sync", mcp: "sync-app-ratings", dashboard: null },
  "sync ads": { rest: "POST /api/v1/projects/{projectId}/ads/sync", cli: "ads sync", mcp: "sync-ads", dashboard: null },
  "sync an integration": { rest: "POST /api/v1/projects/{projectId}/integrations/app-store-connect/sync", cli: "integrations sync app-store-connect", mcp: "sync-integration", dashboard: null },
};

// REST operations that are not abilities over jobs, each with why no other surface has them.
const notJobAbilities: Record<string, string> = {
  "POST /api/v1/ingest/events": "apps send events with an ingest key, not a team key",
  "POST /api/v1/ingest/attachments": "apps send attachments with an ingest key",
  "DELETE /api/v1/ingest/attachments/{attachmentId}": "apps withdraw their own attachments with an ingest key",
  "GET /api/v1/projects/{projectId}/issues": "issues are the event store's, read in the dashboard's Issues tab",
  "GET /api/v1/issues/{issueId}": "issues are the event store's, read in the dashboard's Issues tab",
  "POST /api/v1/issues/{issueId}/resolve": "issues are the event store's, triaged in the dashboard's Issues tab",
  "POST /api/v1/issues/{issueId}/ignore": "issues are the event store's, triaged in the dashboard's Issues tab",
};
// CLI commands that are not abilities of a surface: the local server owner's, and the bridge itself.
const localCommands = ["admin", "mcp"];

const restOperations = () =>
  Object.entries(openApiDocument("/").paths as Record<string, Record<string, unknown>>).flatMap(([path, operations]) =>
    Object.keys(operations)
      .filter((method) => ["get", "post", "put", "patch", "delete"].includes(method))
      .map((method) => `${method.toUpperCase()} ${path}`),
  );

// The CLI's commands that do something (leaves), by their words: "jobs trigger", "ratings sync".
function cliCommands(command: Command, prefix: string[] = []): string[] {
  return command.commands.flatMap((sub) => {
    const words = [...prefix, sub.name()];
    return sub.commands.length === 0 ? [words.join(" ")] : cliCommands(sub, words);
  });
}

describe("every surface offers the same abilities over jobs", () => {
  const rest = restOperations();
  const cli = cliCommands(buildProgram()).filter((command) => !localCommands.includes(command.split(" ")[0]!));
  const mcp = tools.map((tool) => tool.name);

  it.each(Object.entries(abilities))("%s: REST, CLI, MCP and the dashboard", (_name, ability) => {
    expect(rest).toContain(ability.rest);
    expect(cli).toContain(ability.cli);
    expect(mcp).toContain(ability.mcp);
    if (ability.dashboard) expect(readFileSync(ability.dashboard.file, "utf8")).toContain(ability.dashboard.shows);
  });

  it("knows everything each surface offers, so a new one is added everywhere or not at all", () => {
    const known = Object.values(abilities);
    expect(rest.filter((operation) => !known.some((ability) => ability.rest === operation) && !(operation in notJobAbilities))).toEqual([]);
    expect(cli.filter((command) => !known.some((ability) => ability.cli === command))).toEqual([]);
    expect(mcp.filter((tool) => !known.some((ability) => ability.mcp === tool))).toEqual([]);
  });

  it("names each ability once per surface", () => {
    for (const surface of ["rest", "cli", "mcp"] as const) {
      const names = Object.values(abilities).map((ability) => ability[surface]);
      expect(new Set(names).size, surface).toBe(names.length);
    }
  });
});
