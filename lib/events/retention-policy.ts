// A project's retention policy (project settings): days per event table, or the server's default.
import { z } from "zod";
import { prisma } from "@/lib/db/prisma";
import { invalid } from "@/lib/errors";
import { defaultRetentionDays } from "./retention";
import { eventTables, type EventTable } from "./tables";

const days = (name: string) =>
  z
    .number({ error: `${name} must be a number of days` })
    .int(`${name} must be a whole number of days`)
    .min(1, `${name} must be at least 1 day`)
    .max(3650, `${name} must be at most 3650 days`)
    .nullable();

/** Null for a table: use the server's default. */
export const retentionPolicySchema = z.strictObject({
  events: days("Events retention"),
  metric_events: days("Metric events retention"),
  funnel_events: days("Funnel events retention"),
});

export type RetentionPolicyInput = z.input<typeof retentionPolicySchema>;

export type RetentionPolicyView = Record<EventTable, { days: number; custom: number | null; defaultDays: number }>;

const fields = { events: "eventsRetentionDays", metric_events: "metricEventsRetentionDays", funnel_events: "funnelEventsRetentionDays" } as const satisfies Record<EventTable, string>;

export async function retentionPolicy(projectId: string): Promise<RetentionPolicyView> {
  const project = await prisma.project.findUniqueOrThrow({ where: { id: projectId }, select: { eventsRetentionDays: true, metricEventsRetentionDays: true, funnelEventsRetentionDays: true } });
  return Object.fromEntries(
    eventTables.map((table) => {
      const custom = project[fields[table]];
      return [table, { days: custom ?? defaultRetentionDays(table), custom, defaultDays: defaultRetentionDays(table) }];
    }),
  ) as RetentionPolicyView;
}

export async function updateRetentionPolicy(projectId: string, input: RetentionPolicyInput): Promise<RetentionPolicyView> {
  const parsed = retentionPolicySchema.safeParse(input);
  if (!parsed.success) throw invalid("bad_request", "Please correct the highlighted fields", parsed.error);
  await prisma.project.update({
    where: { id: projectId },
    data: { eventsRetentionDays: parsed.data.events, metricEventsRetentionDays: parsed.data.metric_events, funnelEventsRetentionDays: parsed.data.funnel_events },
  });
  return retentionPolicy(projectId);
}
