-- AlterTable
-- Sessions carry the version they were signed in with; bumping it (sign-out, password change)
-- ends every session of the user, copied cookies included (lib/auth/sessions.ts).
ALTER TABLE "users" ADD COLUMN     "session_version" INTEGER NOT NULL DEFAULT 0;
