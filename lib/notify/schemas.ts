// The inputs of the team notification settings, checked the same in the browser, in the server
// actions and in tests. Pure.
import { z } from "zod";
import { routableTypesSchema, isRoutableType } from "./types";

const blankToNull = (value: unknown) => (typeof value === "string" && value.trim() === "" ? null : value);

export const webhookUrlSchema = z
  .string({ error: "url is required" })
  .trim()
  .min(1, "url is required")
  .max(2000, "url must be at most 2000 characters")
  .pipe(z.url({ protocol: /^https?$/, error: "url must be an http(s) address such as https://example.com/hooks/taskdeck" }))
  // Credentials in a URL end up in logs; receivers check the signature instead.
  .refine((value) => !/^https?:\/\/[^/?#]*@/i.test(value), "url must not contain a user name or password");

export const webhookInputSchema = z
  .object({
    url: webhookUrlSchema,
    description: z.preprocess(blankToNull, z.string().trim().max(200, "description must be at most 200 characters").nullable().default(null)),
    types: routableTypesSchema,
  })
  .strict();

export const webhookChangeSchema = z
  .object({
    url: webhookUrlSchema.optional(),
    description: z.preprocess(blankToNull, z.string().trim().max(200, "description must be at most 200 characters").nullable().optional()),
    types: routableTypesSchema.optional(),
    enabled: z.boolean({ error: "enabled must be true or false" }).optional(),
  })
  .strict();

export const emailPreferenceSchema = z
  .object({
    type: z.string().refine(isRoutableType, "not a notification type"),
    email: z.boolean({ error: "email must be true or false" }),
  })
  .strict();
