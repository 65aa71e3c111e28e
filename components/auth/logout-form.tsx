"use client";
// The /logout page's choice, in a card like the login form's: Sign out (next-auth's POST, which
// ends the sessions) goes to the login page; Cancel goes back to the dashboard.
import { signOut } from "next-auth/react";
import { useState } from "react";
import { Button, ButtonLink } from "@/components/ui/button";

export function LogoutForm() {
  const [pending, setPending] = useState(false);
  return (
    <div className="flex gap-3 rounded-lg border border-slate-200 bg-white p-6 shadow-sm dark:border-slate-800 dark:bg-slate-900">
      <ButtonLink href="/" variant="secondary" className="flex-1">
        Cancel
      </ButtonLink>
      <Button
        className="flex-1"
        disabled={pending}
        onClick={() => {
          setPending(true);
          void signOut({ callbackUrl: "/login" });
        }}
      >
        {pending ? "Signing out…" : "Sign out"}
      </Button>
    </div>
  );
}
