"use client";
// Danger zone: deleting the project, confirmed by typing its name. It is hidden at once and
// restorable from the team page for the grace period; then it goes for good with its events.
import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import { deleteProjectAction } from "@/app/projects/[projectId]/settings/actions";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { FormError, inputClass } from "@/components/ui/form";
import { useToast } from "@/components/ui/toaster";
import { useHydrated } from "@/components/ui/use-hydrated";

export function DeleteProjectSection({ project, graceDays }: { project: { id: string; name: string }; graceDays: number }) {
  const router = useRouter();
  const toast = useToast();
  const hydrated = useHydrated();
  const formId = useId();
  const nameId = useId();
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const confirmed = typed === project.name;

  const close = () => {
    setOpen(false);
    setTyped("");
    setError(null);
  };

  function submit(event: React.FormEvent) {
    event.preventDefault();
    if (!confirmed) return;
    startTransition(async () => {
      const result = await deleteProjectAction(project.id, { name: typed });
      if (!result.ok) return setError(result.error.message);
      toast({ title: `${project.name} deleted`, description: `Restore it from the team page within ${graceDays} days.` });
      router.push(`/teams/${result.data.team.slug}`);
    });
  }

  const consequences = `${project.name} is hidden at once from the dashboard, the API and the CLI: its ingest keys stop working, its active runs are cancelled and its schedules stop. For ${graceDays} days an admin can restore it from the team page; then it is removed for good with all its events, runs, apps and store data.`;
  return (
    <section aria-labelledby="danger-heading" className="rounded-xl border border-red-300 p-5 dark:border-red-900">
      <h2 id="danger-heading" className="text-base font-semibold text-red-700 dark:text-red-400">
        Danger zone
      </h2>
      <div className="mt-2 flex flex-wrap items-center justify-between gap-3">
        <p className="max-w-2xl text-sm text-slate-600 dark:text-slate-400">{consequences}</p>
        <Button variant="danger" disabled={!hydrated} onClick={() => setOpen(true)}>
          Delete project
        </Button>
      </div>
      <Dialog
        open={open}
        onClose={close}
        title={`Delete ${project.name}?`}
        footer={
          <>
            <Button variant="secondary" onClick={close} autoFocus>
              Keep it
            </Button>
            <Button type="submit" form={formId} variant="danger" disabled={!confirmed || pending}>
              {pending ? "Deleting…" : "Delete this project"}
            </Button>
          </>
        }
      >
        <form id={formId} onSubmit={submit} noValidate className="space-y-3">
          <p className="text-slate-600 dark:text-slate-300">{consequences}</p>
          <div>
            <label htmlFor={nameId} className="block font-medium">
              Type <span className="font-mono">{project.name}</span> to confirm
            </label>
            <input id={nameId} value={typed} onChange={(event) => setTyped(event.target.value)} autoComplete="off" spellCheck={false} className={inputClass} />
          </div>
          <FormError message={error} />
        </form>
      </Dialog>
    </section>
  );
}
