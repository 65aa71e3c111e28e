// A project's Tasks: its job types with "Run now", their recent history, and the latest runs.
import type { Metadata } from "next";
import { TasksView } from "@/components/tasks/tasks-view";
import { can } from "@/lib/auth/access";
import { projectPage } from "@/lib/auth/page-access";
import { dashboardJobTypes } from "@/lib/dashboard/job-types";

export const metadata: Metadata = { title: "Tasks" };

export default async function TasksPage({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  const { access } = await projectPage(projectId, `/projects/${projectId}/tasks`);
  return (
    <TasksView
      project={access.project}
      initialJobTypes={await dashboardJobTypes(access)}
      canRun={can(access, "jobs:write")}
      canRead={can(access, "jobs:read")}
    />
  );
}
