// The seed's named commands (PRODUCT.md "CLI"): `taskdeck ratings sync`, `taskdeck ads sync` and
// `taskdeck integrations sync app-store-connect`, each triggering its job type for a project
// through the seed route of the same name, with --wait and --json like `jobs trigger`.
import { Command } from "commander";
import { jsonOption, type Runner } from "../options";
import { createApiClient } from "./client";
import type { ApiRun } from "@/lib/jobs/schemas";
import { finishWithRun, path, project, timeout, url, wait, type Common } from "./jobs";

type SyncOptions = Common & { project: string; notify?: boolean; wait?: boolean; timeout?: number };

function syncCommand(run: Runner, name: string, description: string, route: (project: string) => string): Command {
  return new Command(name)
    .description(description)
    .addOption(project())
    .option("--notify", "email the key's creator when the run ends")
    .addOption(wait())
    .addOption(timeout())
    .addOption(url())
    .addOption(jsonOption())
    .action((options: SyncOptions) =>
      run(async () => {
        const client = createApiClient(options);
        const { run: created } = await client.post<{ run: ApiRun }>(route(path(options.project)), options.notify ? { notify: true } : {});
        return finishWithRun(client, created, options, "Triggered");
      }),
    );
}

export function ratingsCommand(run: Runner): Command {
  return new Command("ratings")
    .description("App Store ratings of a project's apps")
    .addCommand(syncCommand(run, "sync", "sync the project's App Store ratings in every storefront now (app_store_ratings_sync)", (id) => `/projects/${id}/ratings/sync`));
}

export function adsCommand(run: Runner): Command {
  return new Command("ads")
    .description("Apple Ads campaigns of a project's apps")
    .addCommand(syncCommand(run, "sync", "resolve Apple Ads names and pull lifetime campaign and ad-group totals now (apple_ads_sync)", (id) => `/projects/${id}/ads/sync`));
}

export function integrationsCommand(run: Runner): Command {
  const sync = new Command("sync")
    .description("sync a project's data from one of its integrations now")
    .addCommand(
      syncCommand(run, "app-store-connect", "pull every App Store review and reply of the project's apps now (app_store_connect_reviews_sync)", (id) => `/projects/${id}/integrations/app-store-connect/sync`),
    );
  return new Command("integrations").description("a project's integrations").addCommand(sync);
}
