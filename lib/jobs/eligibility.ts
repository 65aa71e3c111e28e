// Which projects a cron that reaches projects works on (PRODUCT.md "Job semantics" 12). A type's
// definition names its rule; each rule is one condition on `project`, so the same SQL answers
// "every eligible project" (the fan-out, each_project crons) and "is this one eligible" (a
// project's effective schedule). No cron reaches a soft-deleted project or app.
import { getPool } from "@/lib/db/pool";
import type { EligibilityRule } from "./definition";
import type { ProjectRef } from "./handler";

const conditions: Record<EligibilityRule, string> = {
  every_project: "true",
  apple_app: `EXISTS (SELECT 1 FROM apps WHERE apps.project_id = project.id AND apps.deleted_at IS NULL AND apps.platform = 'apple')`,
  apple_app_with_bundle_id: `EXISTS (SELECT 1 FROM apps WHERE apps.project_id = project.id AND apps.deleted_at IS NULL AND apps.platform = 'apple' AND apps.bundle_id IS NOT NULL)`,
  app_store_connect: `EXISTS (SELECT 1 FROM integrations WHERE integrations.project_id = project.id AND integrations.kind = 'app_store_connect')`,
  app_store_connect_app: `EXISTS (SELECT 1 FROM integrations WHERE integrations.project_id = project.id AND integrations.kind = 'app_store_connect')
    AND EXISTS (SELECT 1 FROM apps WHERE apps.project_id = project.id AND apps.deleted_at IS NULL AND apps.platform = 'apple' AND apps.apple_app_store_id IS NOT NULL)`,
  revenuecat: `EXISTS (SELECT 1 FROM integrations WHERE integrations.project_id = project.id AND integrations.kind = 'revenuecat')`,
  apple_ads: `EXISTS (SELECT 1 FROM integrations WHERE integrations.project_id = project.id AND integrations.kind = 'apple_ads')`,
};

/** The eligible projects, in a stable order (oldest first), so a fan-out's progress reads the same every day. */
export async function eligibleProjects(rule: EligibilityRule): Promise<ProjectRef[]> {
  const { rows } = await getPool().query<ProjectRef>(
    `SELECT project.id, project.slug, project.name, project.team_id AS "teamId" FROM projects AS project
      WHERE project.deleted_at IS NULL AND ${conditions[rule]} ORDER BY project.created_at, project.id`,
  );
  return rows;
}

/** The projects among `projectIds` that the rule reaches. */
export async function eligibleAmong(rule: EligibilityRule, projectIds: string[]): Promise<Set<string>> {
  if (projectIds.length === 0) return new Set();
  const { rows } = await getPool().query<{ id: string }>(`SELECT project.id FROM projects AS project WHERE project.id = ANY($1::uuid[]) AND project.deleted_at IS NULL AND ${conditions[rule]}`, [projectIds]);
  return new Set(rows.map((row) => row.id));
}
