// The email of each team notification type (lib/notify/types.ts), written from its data. Pure: the
// outbox stores what this returns. Every email ends with where to change what one receives.
import { renderEmail, type EmailContent } from "./email-layout";
import type { NotificationData, RoutableType } from "./types";

export interface EmailContext {
  team: { slug: string; name: string };
  appUrl: string;
}

type Issue = NotificationData<"issue.new">["issues"][number];

const issueLine = (issue: Issue) =>
  `${issue.status === "regressed" ? "Regressed" : "New"}: ${issue.title} (${issue.project.name}; ${issue.count} event${issue.count === 1 ? "" : "s"}, ${issue.usersAffected} user${issue.usersAffected === 1 ? "" : "s"})`;

const stars = (average: number | null) => (average === null ? "no rating" : `${average.toFixed(2)} ★`);

const renderers: { [T in RoutableType]: (data: NotificationData<T>) => Parameters<typeof renderEmail>[0] } = {
  "issue.new": (data) => ({
    subject: `${data.newCount} new and ${data.regressedCount} regressed issue${data.newCount + data.regressedCount === 1 ? "" : "s"} in production`,
    lists: [{ title: "Issues", items: data.issues.map(issueLine) }],
    ...(data.issues.length === 1 && data.issues[0]!.url ? { link: { label: "View the issue", href: data.issues[0]!.url } } : {}),
  }),
  "issue.digest": (data) => ({
    subject: `Issue digest for ${data.project.name}: ${data.newCount} new, ${data.regressedCount} regressed`,
    rows: [
      ["Since", data.from],
      ["Until", data.to],
    ],
    lists: data.issues.length ? [{ title: "Issues", items: data.issues.map(issueLine) }] : [],
    ...(data.url ? { link: { label: "View the issues", href: data.url } } : {}),
  }),
  "app.rating_changed": (data) => ({
    subject: `${data.app.name} has ${data.current.count - data.previous.count} new rating${data.current.count - data.previous.count === 1 ? "" : "s"}`,
    rows: [
      ["Project", data.project.name],
      ["Before", `${stars(data.previous.average)} from ${data.previous.count} ratings`],
      ["Now", `${stars(data.current.average)} from ${data.current.count} ratings`],
    ],
    ...(data.url ? { link: { label: "View the ratings", href: data.url } } : {}),
  }),
  "app.review_new": (data) => ({
    subject: `${data.newCount} new review${data.newCount === 1 ? "" : "s"} of ${data.app.name}`,
    rows: [["Project", data.project.name]],
    lists: [
      {
        title: data.reviews.length < data.newCount ? `The latest ${data.reviews.length}` : "Reviews",
        items: data.reviews.map((review) => `${"★".repeat(review.rating)} ${review.title ?? ""}${review.body ? ` — ${review.body.slice(0, 300)}` : ""}${review.territory ? ` (${review.territory})` : ""}`.trim()),
      },
    ],
    ...(data.url ? { link: { label: "View the reviews", href: data.url } } : {}),
  }),
  "run.failed": (data) => ({
    subject: `${data.run.label} for ${data.project.name} failed`,
    rows: [
      ["Error", data.run.error ?? "(no message)"],
      ["Triggered by", data.run.trigger],
      ["Run", data.run.id],
    ],
    link: { label: "View the run", href: data.run.url },
  }),
};

export function notificationEmail<T extends RoutableType>(type: T, data: NotificationData<T>, context: EmailContext): EmailContent {
  const document = (renderers[type] as (data: NotificationData<T>) => Parameters<typeof renderEmail>[0])(data);
  const manage = `${context.appUrl}/teams/${context.team.slug}/notifications`;
  return renderEmail({ ...document, footer: `You get this as a member of ${context.team.name}. Choose what Taskdeck emails you: ${manage}` });
}
