"use client";
// A lane type's interval for this project: every 5, 15 or 30 minutes, or off.
import { useRouter } from "next/navigation";
import { useId, useTransition } from "react";
import { setIntervalAction } from "@/app/projects/[projectId]/schedules/actions";
import { useToast } from "@/components/ui/toaster";

export function IntervalSelect({ projectId, type, label, value, disabled }: { projectId: string; type: string; label: string; value: number | null; disabled: boolean }) {
  const id = useId();
  const router = useRouter();
  const toast = useToast();
  const [pending, startTransition] = useTransition();
  const change = (raw: string) =>
    startTransition(async () => {
      const intervalMinutes = raw === "off" ? null : Number(raw);
      const result = await setIntervalAction(projectId, { type, intervalMinutes });
      if (!result.ok) {
        toast({ title: "Could not change the schedule", description: result.error.message, tone: "error" });
        return;
      }
      toast({ title: intervalMinutes === null ? `${label} is no longer scheduled` : `${label} runs every ${intervalMinutes} minutes` });
      router.refresh();
    });
  return (
    <div className="flex items-center gap-2 text-sm">
      <label htmlFor={id} className="text-slate-600 dark:text-slate-400">
        Run every
      </label>
      <select
        id={id}
        value={value === null ? "off" : String(value)}
        disabled={disabled || pending}
        onChange={(event) => change(event.target.value)}
        className="rounded-md border border-slate-300 bg-white py-1.5 pr-8 pl-2.5 text-sm shadow-sm disabled:opacity-60 dark:border-slate-700 dark:bg-slate-900"
      >
        <option value="off">Off</option>
        <option value="5">5 minutes</option>
        <option value="15">15 minutes</option>
        <option value="30">30 minutes</option>
      </select>
    </div>
  );
}
