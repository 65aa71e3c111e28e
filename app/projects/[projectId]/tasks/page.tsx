// The Tasks view of a project: its job types with "Run now", and its runs with live progress.
import type { Metadata } from "next";
import { can } from "@/lib/auth/access";
import { projectPage } from "@/lib/auth/page-access";
import { projectJobTypes } from "@/lib/jobs/catalog";
import { AppShell } from "@/components/layout/app-shell";
import { TasksView } from "@/components/tasks/tasks-view";

export const metadata: Metadata = { title: "Tasks" };

export default async function TasksPage({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  const { user, access } = await projectPage(projectId, `/projects/${projectId}/tasks`);
  const jobTypes = projectJobTypes().map(({ type, label, description, schedule, ordering }) => ({ type, label, description, schedule, ordering }));
  return (
    <AppShell user={user} project={access.project} apiKeysHref={can(access, "jobs:write") ? `/teams/${access.project.teamId}/api-keys` : undefined}>
      <TasksView project={access.project} jobTypes={jobTypes} canUseJobs={can(access, "jobs:write")} />
    </AppShell>
  );
}
