// Which team notifications a member gets by email (semantics 13): each member chooses per type,
// among the types their role may receive; a type they never chose follows its default
// (lib/notify/types.ts).
import { prisma } from "@/lib/db/prisma";
import { AppError, invalid } from "@/lib/errors";
import type { Role } from "@/lib/generated/prisma/client";
import { emailPreferenceSchema } from "./schemas";
import { emailTypesFor, notificationTypes, type RoutableType } from "./types";

export interface EmailPreferenceView {
  type: RoutableType;
  label: string;
  description: string;
  email: boolean;
  /** Never chosen: the type's default holds. */
  byDefault: boolean;
}

export async function listEmailPreferences(membershipId: string, role: Role): Promise<EmailPreferenceView[]> {
  const chosen = await prisma.emailPreference.findMany({ where: { membershipId } });
  return emailTypesFor(role).map((type) => {
    const choice = chosen.find((row) => row.type === type);
    const { label, description, emailByDefault } = notificationTypes[type];
    return { type, label, description, email: choice?.email ?? emailByDefault, byDefault: choice === undefined };
  });
}

export async function setEmailPreference(membershipId: string, role: Role, input: unknown): Promise<EmailPreferenceView[]> {
  const parsed = emailPreferenceSchema.safeParse(input);
  if (!parsed.success) throw invalid("bad_request", "Invalid email preference", parsed.error);
  const type = parsed.data.type as RoutableType;
  if (!emailTypesFor(role).includes(type)) throw new AppError("forbidden", `${notificationTypes[type].label} emails go to the team's admins and owners`);
  await prisma.emailPreference.upsert({
    where: { membershipId_type: { membershipId, type } },
    create: { membershipId, type, email: parsed.data.email },
    update: { email: parsed.data.email },
  });
  return listEmailPreferences(membershipId, role);
}
