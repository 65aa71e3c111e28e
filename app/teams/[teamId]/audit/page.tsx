// A team's audit log: who triggered, cancelled, retried or skipped runs and lanes, or changed a
// schedule, in which project, when and from which surface. Limited like runs: admins and owners.
import type { Metadata } from "next";
import { AuditLogView } from "@/components/audit/audit-log-view";
import { NotAllowed } from "@/components/ui/not-allowed";
import { userActor, visibleProjects } from "@/lib/auth/access";
import { teamPage } from "@/lib/auth/page-access";
import { jobRoles } from "@/lib/auth/permissions";
import { auditActions, teamAuditLog, type AuditAction } from "@/lib/jobs/audit";

export const metadata: Metadata = { title: "Audit log" };

type Search = Record<string, string | string[] | undefined>;
const one = (value: string | string[] | undefined) => (typeof value === "string" ? value : undefined);

export default async function AuditLogPage({ params, searchParams }: { params: Promise<{ teamId: string }>; searchParams: Promise<Search> }) {
  const { teamId } = await params;
  const search = await searchParams;
  const { user, team, allowed } = await teamPage(teamId, `/teams/${teamId}/audit`, jobRoles);
  if (!allowed) return <NotAllowed title="Audit log" message={`The audit log tells what was done to runs, which need the admin or owner role in ${team.name}.`} />;
  const projects = (await visibleProjects(userActor(user))).filter((project) => project.teamId === team.id);
  // A filter or page link that names nothing real is said so, and the log is shown unfiltered.
  const problems: string[] = [];
  const projectSlug = one(search.project);
  const project = projectSlug ? projects.find((candidate) => candidate.slug === projectSlug) : undefined;
  if (projectSlug && !project) problems.push(`No project "${projectSlug}" in ${team.name}`);
  const actionParam = one(search.action);
  const action = auditActions.find((candidate) => candidate === actionParam) as AuditAction | undefined;
  if (actionParam && !action) problems.push(`"${actionParam}" is not an action of the audit log`);
  const beforeParam = one(search.before);
  const before = beforeParam && /^\d{1,18}$/.test(beforeParam) ? beforeParam : null;
  if (beforeParam && !before) problems.push("That page link is not valid; showing the newest events");
  const page = await teamAuditLog(team.id, { projectIds: project ? [project.id] : projects.map((candidate) => candidate.id), action, before });
  return (
    <AuditLogView
      team={team}
      projects={projects.map(({ slug, name }) => ({ slug, name }))}
      filters={{ project: project?.slug ?? null, action: action ?? null }}
      problems={problems}
      page={page}
      firstPage={before === null}
    />
  );
}
