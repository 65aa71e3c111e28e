// A team's notifications: what each member gets by email (everyone, for themselves) and the team's
// webhooks (admins and owners).
import type { Metadata } from "next";
import { NotificationsView } from "@/components/notifications/notifications-view";
import { teamPage } from "@/lib/auth/page-access";
import { jobRoles } from "@/lib/auth/permissions";
import { listEmailPreferences } from "@/lib/notify/preferences";
import { listWebhooks } from "@/lib/notify/webhooks";

export const metadata: Metadata = { title: "Notifications" };

export default async function NotificationsPage({ params }: { params: Promise<{ teamId: string }> }) {
  const { teamId } = await params;
  const { user, team, role, membershipId, allowed } = await teamPage(teamId, `/teams/${teamId}/notifications`, jobRoles);
  const [preferences, webhooks] = await Promise.all([listEmailPreferences(membershipId, role), allowed ? listWebhooks(team.id) : null]);
  return <NotificationsView team={team} email={user.email} preferences={preferences} webhooks={webhooks} />;
}
