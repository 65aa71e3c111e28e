"use client";
import { signOut } from "next-auth/react";
import Link from "next/link";
import { Button } from "@/components/ui/button";

export function LogoutForm() {
  return (
    <div className="flex justify-center gap-3">
      <Link href="/" className="rounded-md px-3 py-2 text-sm text-slate-700 hover:bg-slate-100 dark:text-slate-200 dark:hover:bg-slate-800">
        Cancel
      </Link>
      <Button onClick={() => void signOut({ callbackUrl: "/login" })}>Sign out</Button>
    </div>
  );
}
