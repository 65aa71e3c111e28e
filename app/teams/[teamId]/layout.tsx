// Every team page: the shell, without project tabs.
import { AppShell } from "@/components/layout/app-shell";
import { currentUser, navigationFor } from "@/lib/auth/page-access";

export default async function TeamLayout({ children }: { children: React.ReactNode }) {
  const user = await currentUser();
  // Visitors are sent to the login page by the page itself, which knows the exact path to return to.
  if (!user) return children;
  return (
    <AppShell user={user} teams={await navigationFor(user.id)}>
      {children}
    </AppShell>
  );
}
