// A team's notification settings: the signed-in member's email choices, and for admins the team's
// webhooks.
import type { EmailPreferenceView } from "@/lib/notify/preferences";
import type { WebhookView } from "@/lib/notify/webhooks";
import { EmailPreferences } from "./email-preferences";
import { WebhooksSection } from "./webhooks-section";

interface NotificationsViewProps {
  team: { id: string; slug: string; name: string };
  email: string;
  preferences: EmailPreferenceView[];
  /** Null for members, who do not manage webhooks. */
  webhooks: WebhookView[] | null;
}

export function NotificationsView({ team, email, preferences, webhooks }: NotificationsViewProps) {
  return (
    <div className="space-y-8">
      <header>
        <p className="text-sm text-slate-500 dark:text-slate-400">{team.name} · Team settings</p>
        <h1 className="text-xl font-semibold tracking-tight">Notifications</h1>
        <p className="mt-1 max-w-2xl text-sm text-slate-600 dark:text-slate-400">
          What {team.name} hears about its projects: new and regressed issues, digests, ratings and reviews of its apps, and failed runs. Each member
          chooses their emails; the team&apos;s webhooks receive what they subscribe to.
        </p>
      </header>
      <EmailPreferences teamId={team.id} email={email} preferences={preferences} />
      {webhooks ? (
        <WebhooksSection team={team} webhooks={webhooks} />
      ) : (
        <p className="text-sm text-slate-600 dark:text-slate-400">Admins and owners of {team.name} manage its webhooks.</p>
      )}
    </div>
  );
}
