// The Tasks view of a project: its job types with "Run now", and its runs with live progress.
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { AppError } from "@/lib/api/errors";
import { canUseJobs, findProjectForUser } from "@/lib/auth/access";
import { requirePageUser } from "@/lib/auth/session";
import { projectJobTypes } from "@/lib/jobs/catalog";
import { AppShell } from "@/components/layout/app-shell";
import { TasksView } from "@/components/tasks/tasks-view";

export const metadata: Metadata = { title: "Tasks" };

export default async function TasksPage({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  const user = await requirePageUser(`/projects/${projectId}/tasks`);
  const access = await findProjectForUser(user.id, projectId).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  });
  const jobTypes = projectJobTypes().map(({ type, label, description, schedule, ordering }) => ({ type, label, description, schedule, ordering }));
  return (
    <AppShell user={user} project={access.project}>
      <TasksView project={access.project} jobTypes={jobTypes} canUseJobs={canUseJobs(access.role)} />
    </AppShell>
  );
}
