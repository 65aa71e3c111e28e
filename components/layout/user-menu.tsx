"use client";
// Who is signed in, the theme, the settings of their teams (notifications for everyone, API keys
// for admins), and signing out: one step, straight to the login page (issue 20).
import { signOut } from "next-auth/react";
import Link from "next/link";
import { useState } from "react";
import { Bell, ChevronDown, History, Key, Logout, Monitor, Moon, Sun } from "@/components/ui/icons";
import { Menu, MenuHeading, menuItemClass } from "@/components/ui/menu";
import { useTheme, type ThemeChoice } from "@/components/ui/theme";

const themes: Array<{ choice: ThemeChoice; label: string; Icon: typeof Sun }> = [
  { choice: "light", label: "Light", Icon: Sun },
  { choice: "dark", label: "Dark", Icon: Moon },
  { choice: "system", label: "System", Icon: Monitor },
];

export function UserMenu({ user, teams }: { user: { email: string; name: string | null }; teams: Array<{ slug: string; name: string; role: string }> }) {
  const [theme, setTheme] = useTheme();
  const [signingOut, setSigningOut] = useState(false);
  const initials = (user.name ?? user.email).split(/[\s@.]+/).filter(Boolean).slice(0, 2).map((part) => part[0]!.toUpperCase()).join("");
  return (
    <Menu
      label={`Account menu for ${user.name ?? user.email}`}
      align="right"
      trigger={
        <span className="flex items-center gap-2">
          {/* The initials are drawn by CSS, not text: the button's name ("Account menu for …") then
              contains all the text it shows, as axe's label-content-name-mismatch asks. */}
          <span
            aria-hidden="true"
            data-initials={initials}
            className="flex size-7 items-center justify-center rounded-full bg-indigo-100 text-xs font-semibold text-indigo-700 before:content-[attr(data-initials)] dark:bg-indigo-950 dark:text-indigo-300"
          />
          <span className="hidden max-w-40 truncate sm:inline">{user.name ?? user.email}</span>
          <ChevronDown className="size-4 text-slate-400" />
        </span>
      }
    >
      {(close) => (
        <>
          <div className="border-b border-slate-100 px-2.5 py-2 text-sm dark:border-slate-800">
            <p className="font-medium">{user.name ?? user.email}</p>
            {user.name && <p className="truncate text-slate-500 dark:text-slate-400">{user.email}</p>}
          </div>
          <MenuHeading>Theme</MenuHeading>
          {themes.map(({ choice, label, Icon }) => (
            <button key={choice} type="button" role="menuitemradio" aria-checked={theme === choice} onClick={() => setTheme(choice)} className={menuItemClass}>
              <Icon className="size-4 text-slate-400" />
              <span className="flex-1">{label}</span>
              {theme === choice && <span aria-hidden="true" className="text-indigo-600 dark:text-indigo-400">●</span>}
            </button>
          ))}
          {teams.map((team) => (
            <div key={team.slug} role="group" aria-label={teams.length > 1 ? team.name : "Team settings"}>
              {/* One team needs no heading; several are told apart by name. */}
              {teams.length > 1 && <MenuHeading>{team.name}</MenuHeading>}
              <Link role="menuitem" href={`/teams/${team.slug}/notifications`} onClick={close} className={menuItemClass} aria-label={teams.length > 1 ? `Notifications of ${team.name}` : undefined}>
                <Bell className="size-4 text-slate-400" />
                Notifications
              </Link>
              {team.role !== "member" && (
                <Link role="menuitem" href={`/teams/${team.slug}/api-keys`} onClick={close} className={menuItemClass} aria-label={teams.length > 1 ? `API keys of ${team.name}` : undefined}>
                  <Key className="size-4 text-slate-400" />
                  API keys
                </Link>
              )}
              {team.role !== "member" && (
                <Link role="menuitem" href={`/teams/${team.slug}/audit`} onClick={close} className={menuItemClass} aria-label={teams.length > 1 ? `Audit log of ${team.name}` : undefined}>
                  <History className="size-4 text-slate-400" />
                  Audit log
                </Link>
              )}
            </div>
          ))}
          <div className="my-1 border-t border-slate-100 dark:border-slate-800" />
          {/* next-auth's POST to /api/auth/signout (with its CSRF token), which ends the sessions, then the login page. */}
          <button
            type="button"
            role="menuitem"
            disabled={signingOut}
            onClick={() => {
              setSigningOut(true);
              void signOut({ callbackUrl: "/login" });
            }}
            className={menuItemClass}
          >
            <Logout className="size-4 text-slate-400" />
            {signingOut ? "Signing out…" : "Sign out"}
          </button>
        </>
      )}
    </Menu>
  );
}
