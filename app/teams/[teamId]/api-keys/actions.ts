"use server";
// Server actions of the API keys page: create (the key is returned once) and revoke.
import { z } from "zod";
import { createApiKey, createKeySchema, revokeApiKey } from "@/lib/auth/api-keys";
import { jobRoles } from "@/lib/auth/permissions";
import { teamAction } from "@/lib/auth/action";

export const createApiKeyAction = teamAction(jobRoles, createKeySchema, async ({ user, team, input }) => {
  const { key, record } = await createApiKey(team.id, user.id, input);
  return { key, name: record.name, prefix: record.prefix };
});

export const revokeApiKeyAction = teamAction(jobRoles, z.object({ keyId: z.string().max(100) }).strict(), async ({ team, input }) => {
  await revokeApiKey(team.id, input.keyId);
  return { revoked: input.keyId };
});
