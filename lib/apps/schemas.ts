// What an app is, as admins enter it (PRODUCT.md "Domain data"). Pure: the settings form checks the
// same schema in the browser that the server action checks again.
import { z } from "zod";
import { nameSchema } from "@/lib/validation";

export const appPlatforms = ["apple", "android", "web", "other"] as const;
export type AppPlatform = (typeof appPlatforms)[number];

export const platformLabels: Record<AppPlatform, string> = {
  apple: "Apple (App Store)",
  android: "Android",
  web: "Web",
  other: "Other",
};

// Empty fields in a form mean "none".
const blankToNull = (value: unknown) => (typeof value === "string" && value.trim() === "" ? null : value);

export const appInputSchema = z
  .object({
    name: nameSchema("name"),
    platform: z.enum(appPlatforms, { error: "platform must be apple, android, web or other" }),
    bundleId: z.preprocess(
      blankToNull,
      z
        .string({ error: "bundleId must be text" })
        .trim()
        .max(155, "bundleId must be at most 155 characters")
        // Apple bundle ids and Android package names: reverse-DNS words.
        .regex(/^[A-Za-z0-9][A-Za-z0-9_-]*(\.[A-Za-z0-9_-]+)+$/, "bundleId is a reverse-DNS name such as com.example.app")
        .nullable()
        .default(null),
    ),
    appleAppStoreId: z.preprocess(
      blankToNull,
      z
        .string({ error: "appleAppStoreId must be text" })
        .trim()
        .regex(/^\d{1,12}$/, "appleAppStoreId is the app's numeric App Store id, e.g. 1234567890")
        .nullable()
        .default(null),
    ),
  })
  .strict()
  .refine((app) => app.appleAppStoreId === null || app.platform === "apple", {
    path: ["appleAppStoreId"],
    message: "only Apple apps have an App Store id",
  });

export type AppInput = z.input<typeof appInputSchema>;
export type ParsedAppInput = z.output<typeof appInputSchema>;
