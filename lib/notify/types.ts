// What a team can hear about (PRODUCT.md semantics 13), one entry per notification type: its label
// and description for the settings pages, who in the team may receive it by email and whether they
// do until they choose, and the zod schema of its data (what webhooks receive and emails are
// written from). Pure: the settings pages render their checkboxes from here. The emails themselves
// are lib/notify/emails.ts.
import { z } from "zod";

const projectRef = z.object({ id: z.uuid(), slug: z.string(), name: z.string() });
const appRef = z.object({ id: z.string(), name: z.string(), platform: z.string() });
const url = z.url();

const issueSummary = z.object({
  id: z.string(),
  project: projectRef,
  title: z.string(),
  status: z.enum(["new", "regressed"]),
  count: z.number().int().nonnegative(),
  usersAffected: z.number().int().nonnegative(),
  firstSeenAt: z.iso.datetime({ offset: true }),
  lastSeenAt: z.iso.datetime({ offset: true }),
  url: url.optional(),
});

const rating = z.object({ average: z.number().min(0).max(5).nullable(), count: z.number().int().nonnegative() });

const review = z.object({
  rating: z.number().int().min(1).max(5),
  title: z.string().nullable(),
  body: z.string().nullable(),
  reviewer: z.string().nullable(),
  territory: z.string().nullable(),
  createdAt: z.iso.datetime({ offset: true }),
});

/**
 * `audience`: who in the team may get it by email (members: everyone in the team; admins: admins
 * and owners, who are the ones that see runs). `emailByDefault`: whether they do until they choose.
 * `routable`: teams choose it for emails and webhooks; the rest go to named recipients only.
 */
export const notificationTypes = {
  "issue.new": {
    label: "New and regressed issues",
    description: "After each issue scan: the production errors that became new issues or came back after being resolved.",
    audience: "members",
    emailByDefault: true,
    routable: true,
    data: z.object({ issues: z.array(issueSummary).min(1), newCount: z.number().int().nonnegative(), regressedCount: z.number().int().nonnegative() }),
  },
  "issue.digest": {
    label: "Issue digest",
    description: "Each project's summary of its issues, at the cadence the project chose; nothing is sent when nothing changed.",
    audience: "members",
    emailByDefault: true,
    routable: true,
    data: z.object({
      project: projectRef,
      from: z.iso.datetime({ offset: true }),
      to: z.iso.datetime({ offset: true }),
      newCount: z.number().int().nonnegative(),
      regressedCount: z.number().int().nonnegative(),
      issues: z.array(issueSummary),
      url: url.optional(),
    }),
  },
  "app.rating_changed": {
    label: "App rating changed",
    description: "An app's worldwide App Store rating count went up since the last ratings sync.",
    audience: "members",
    emailByDefault: true,
    routable: true,
    data: z.object({ project: projectRef, app: appRef, previous: rating, current: rating, url: url.optional() }),
  },
  "app.review_new": {
    label: "New app reviews",
    description: "New App Store reviews of an app that already had reviews on file.",
    audience: "members",
    emailByDefault: true,
    routable: true,
    data: z.object({ project: projectRef, app: appRef, newCount: z.number().int().positive(), reviews: z.array(review).max(20), url: url.optional() }),
  },
  "run.failed": {
    label: "Failed runs",
    description: "A job of one of the team's projects failed (a lane pauses behind it).",
    audience: "admins",
    emailByDefault: false,
    routable: true,
    data: z.object({
      project: projectRef,
      run: z.object({ id: z.uuid(), type: z.string(), label: z.string(), error: z.string().nullable(), trigger: z.string(), url }),
    }),
  },
  // Sent to named recipients only: the person who asked with "Notify me when done", and the
  // server owner's SYSTEM_JOBS_ALERT_EMAIL for system runs (semantics 11).
  "run.finished": {
    label: "Run finished",
    description: "A run that someone asked to be told about ended.",
    audience: "admins",
    emailByDefault: false,
    routable: false,
    data: z.object({
      run: z.object({ id: z.uuid(), type: z.string(), label: z.string(), status: z.enum(["completed", "failed", "cancelled"]), url: url.nullable() }),
    }),
  },
  // "Send test" on a webhook: delivered to that webhook alone.
  "webhook.test": {
    label: "Webhook test",
    description: "A test delivery sent from the webhook's settings.",
    audience: "admins",
    emailByDefault: false,
    routable: false,
    data: z.object({ message: z.string() }),
  },
} as const satisfies Record<string, NotificationTypeDefinition>;

interface NotificationTypeDefinition {
  label: string;
  description: string;
  audience: "members" | "admins";
  emailByDefault: boolean;
  routable: boolean;
  data: z.ZodType;
}

export type NotificationType = keyof typeof notificationTypes;
export type NotificationData<T extends NotificationType> = z.input<(typeof notificationTypes)[T]["data"]>;

/** The types a team routes to members' email and to webhooks. */
export type RoutableType = { [T in NotificationType]: (typeof notificationTypes)[T]["routable"] extends true ? T : never }[NotificationType];

/** The routable types, in the order the pages list them. */
export const routableTypes = (Object.keys(notificationTypes) as NotificationType[]).filter((type): type is RoutableType => notificationTypes[type].routable);

export function isRoutableType(value: string): value is RoutableType {
  return (routableTypes as string[]).includes(value);
}

/** The routable types a member of this role may receive by email. */
export function emailTypesFor(role: "owner" | "admin" | "member"): RoutableType[] {
  return routableTypes.filter((type) => notificationTypes[type].audience === "members" || role !== "member");
}

export const routableTypesSchema = z
  .array(z.string(), { error: "types must be a list" })
  .min(1, "choose at least one notification type")
  .refine((types) => types.every(isRoutableType), { message: `each type must be one of ${routableTypes.join(", ")}` })
  .transform((types) => routableTypes.filter((type) => types.includes(type)));
