// A project's address on its own opens its Overview for those who may read runs, else its Tasks.
import { redirect } from "next/navigation";
import { can } from "@/lib/auth/access";
import { projectPage } from "@/lib/auth/page-access";

export default async function ProjectPage({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  const { access } = await projectPage(projectId, `/projects/${projectId}`);
  redirect(`/projects/${access.project.slug}/${can(access, "jobs:read") ? "overview" : "tasks"}`);
}
