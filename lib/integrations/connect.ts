// Connecting, changing and disconnecting a project's integrations: what the settings page and the
// admin CLI both do. Connecting App Store Connect (or pointing it at another app) queues Pull All,
// as StorePush does on app setup.
import { AppError } from "@/lib/errors";
import type { TriggerSource } from "@/lib/jobs/attribution";
import { jobs } from "@/lib/jobs/jobs";
import type { RunRecord } from "@/lib/jobs/runs";
import type { IntegrationKind } from "./kinds";
import { disconnectIntegration, saveIntegration, type IntegrationView } from "./store";

export interface Connected {
  integration: IntegrationView;
  /** The Pull All a new App Store Connect app started. */
  pullAll: RunRecord | null;
}

export async function connectIntegration(
  projectId: string,
  kind: IntegrationKind,
  input: unknown,
  by: { userId: string | null; source: TriggerSource; pullAll?: boolean },
): Promise<Connected> {
  const saved = await saveIntegration(projectId, kind, input, { connectedById: by.userId });
  const newApp = kind === "app_store_connect" && by.pullAll !== false && (saved.created || saved.previousConfig?.appId !== saved.integration.config.appId);
  // A pull already on its way does the same work.
  const pullAll = newApp
    ? await jobs.trigger({ type: "pull_all", projectId, source: by.source }).catch((error: unknown) => {
        if (error instanceof AppError && error.code === "job_already_running") return null;
        throw error;
      })
    : null;
  return { integration: saved.integration, pullAll };
}

export { disconnectIntegration };
