"use client";
// "Run now": the job type's params form (defaults filled in, checked inline with the same zod
// schema the server uses) and "Notify me when done". A duplicate trigger is not an error: it says
// "Already running" and links to the run in progress. With `retryOf` it is "Retry with changes":
// the form holds a failed run's params, and submitting retries that run with the edited ones.
import Link from "next/link";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { useToast } from "@/components/ui/toaster";
import { catalog } from "@/lib/jobs/catalog";
import { pickersFilledBy } from "@/lib/jobs/definition";
import { labelParamIssues } from "@/lib/jobs/param-labels";
import { ApiRequestError, getJobTypes, retryRun, triggerJob, type DashboardJobType } from "../api";
import { fieldsOf, initialValues, ParamsFields, valuesFromParams, valuesToParams, type ParamValues } from "./params-form";

interface RunDialogProps {
  open: boolean;
  onClose: () => void;
  project: { id: string; slug: string; name: string };
  jobType: DashboardJobType;
  /** "Retry with changes": the failed or cancelled run whose params the form starts from. */
  retryOf?: { runId: string; params: Record<string, unknown> };
}

export function RunDialog({ open, onClose, project, jobType, retryOf }: RunDialogProps) {
  const queryClient = useQueryClient();
  const router = useRouter();
  const toast = useToast();
  const notifyId = useId();
  const startValues = () => (retryOf ? valuesFromParams(jobType.paramsSchema, retryOf.params) : initialValues(jobType.paramsSchema));
  const [values, setValues] = useState<ParamValues>(startValues);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [notify, setNotify] = useState(false);
  const [existingRunId, setExistingRunId] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  // "Nothing pulled yet": Run now for Pull All opens over this form, which keeps what was typed.
  const [pulling, setPulling] = useState(false);
  const hasPickers = Object.keys(jobType.pickers ?? {}).length > 0;
  const jobTypes = useQuery({ queryKey: ["job-types", project.id], queryFn: async () => (await getJobTypes(project.id)).jobTypes, enabled: open && hasPickers });
  const pullType = jobTypes.data?.find((candidate) => candidate.type === pickersFilledBy);

  const close = () => {
    setErrors({});
    setExistingRunId(null);
    setFormError(null);
    onClose();
  };

  const trigger = useMutation({
    mutationFn: (params: Record<string, unknown>) => (retryOf ? retryRun(retryOf.runId, params) : triggerJob(project.id, { type: jobType.type, params, notify })),
    onSuccess: ({ run }) => {
      close();
      if (retryOf) {
        toast({ title: `${jobType.label} retried with changes`, description: "A new run was started; the failed one keeps its params and error." });
        router.push(`/projects/${project.slug}/runs/${run.id}`);
        return;
      }
      toast({ title: `${jobType.label} started`, description: notify ? "We will email you when it ends." : undefined, action: { label: "Watch it", href: `/projects/${project.slug}/runs/${run.id}` } });
      setValues(startValues());
      setNotify(false);
    },
    onError: (error) => {
      // A run to link to; without one (a scheduled run holds the project), the server's message says what is happening.
      const existing = error instanceof ApiRequestError && error.code === "job_already_running" ? ((error.body.existingRunId as string | null) ?? null) : null;
      if (existing) {
        setExistingRunId(existing);
        return;
      }
      const issues = error instanceof ApiRequestError && Array.isArray(error.body.issues) ? (error.body.issues as Array<{ path: string; message: string }>) : [];
      setErrors(issuesByField(issues));
      const general = issues.find((issue) => issue.path === "params" || issue.path === "(body)");
      setFormError(general ? `${error.message}: ${general.message}` : error.message);
    },
    onSettled: () => Promise.all(["job-types", "runs", "lane", "dashboard-run"].map((key) => queryClient.invalidateQueries({ queryKey: [key] }))),
  });

  function submit(event: React.FormEvent) {
    event.preventDefault();
    setFormError(null);
    setExistingRunId(null);
    const params = valuesToParams(jobType.paramsSchema, values);
    // The catalog's own schema, so the messages here are the server's messages.
    const paramsSchema = catalog.get(jobType.type)?.paramsSchema;
    const checked = paramsSchema?.safeParse(params);
    if (paramsSchema && checked && !checked.success) {
      const { issues } = labelParamIssues(paramsSchema, checked.error);
      setErrors(Object.fromEntries(issues.map((issue) => [String(issue.path[0] ?? ""), issue.message])));
      // A rule about the params as a whole ("send at least one of …") belongs to no single field.
      setFormError(issues.find((issue) => issue.path.length === 0)?.message ?? null);
      return;
    }
    setErrors({});
    trigger.mutate(params);
  }

  const hasParams = fieldsOf(jobType.paramsSchema).length > 0;
  const formId = retryOf ? `retry-${retryOf.runId}` : `run-${jobType.type}`;
  return (
    <>
      <Dialog
        open={open}
        onClose={close}
        size="md"
        title={retryOf ? `Retry ${jobType.label} with changes` : `Run ${jobType.label}`}
        description={
          retryOf ? (
            <>
              The form holds run <span className="font-mono">{retryOf.runId.slice(0, 8)}</span>&apos;s params. Change what made it fail; the new run is linked to it as its retry.
            </>
          ) : (
            <>For {project.name}. {jobType.ordering === "lane" ? "It joins the project's lane and runs after the lane runs before it." : null}</>
          )
        }
        footer={
          <>
            <Button variant="secondary" onClick={close}>
              Cancel
            </Button>
            {/* Outside the form (the footer stays in view), tied to it by the form attribute. */}
            <Button type="submit" form={formId} disabled={trigger.isPending}>
              {trigger.isPending ? "Starting…" : retryOf ? "Retry with these params" : "Start run"}
            </Button>
          </>
        }
      >
        <form id={formId} onSubmit={submit} noValidate className="space-y-5">
          {hasParams ? (
            <ParamsFields
              schema={jobType.paramsSchema}
              values={values}
              errors={errors}
              onChange={(name, value) => setValues((current) => ({ ...current, [name]: value }))}
              pickers={hasPickers ? { projectId: project.id, fields: jobType.pickers, onRunPull: pullType ? () => setPulling(true) : undefined } : undefined}
            />
          ) : (
            <p className="text-slate-600 dark:text-slate-400">This job type takes no parameters.</p>
          )}
          {/* A retry notifies as the run it retries did. */}
          {!retryOf && (
            <label htmlFor={notifyId} className="flex items-center gap-2 rounded-md bg-slate-50 px-3 py-2 text-sm dark:bg-slate-800/60">
              <input id={notifyId} type="checkbox" checked={notify} onChange={(event) => setNotify(event.target.checked)} className="size-4 rounded border-slate-300" />
              Notify me when done
              <span className="text-xs text-slate-600 dark:text-slate-400">(an email when the run completes, fails or is cancelled)</span>
            </label>
          )}
          {existingRunId && (
            <p role="status" className="rounded-md border border-blue-200 bg-blue-50 px-3 py-2 text-sm text-blue-900 dark:border-blue-900 dark:bg-blue-950/60 dark:text-blue-100">
              <strong>Already running.</strong> A {jobType.label} run is already pending or running for {project.name}.{" "}
              <Link href={`/projects/${project.slug}/runs/${existingRunId}`} className="font-medium underline underline-offset-2" onClick={close}>
                See the run in progress
              </Link>
            </p>
          )}
          {formError && !existingRunId && (
            <p role="alert" className="text-sm text-red-600 dark:text-red-400">
              {formError}
            </p>
          )}
        </form>
      </Dialog>
      {pullType && pulling && <RunDialog open onClose={() => setPulling(false)} project={project} jobType={pullType} />}
    </>
  );
}

// Server issues name fields as "params.pageSize"; the form's fields are "pageSize".
function issuesByField(issues: Array<{ path: string; message: string }>): Record<string, string> {
  return Object.fromEntries(issues.map((issue) => [issue.path.replace(/^params\./, ""), issue.message]));
}
