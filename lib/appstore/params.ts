// Params of the StorePush job types (lib/jobs/catalog.ts), with App Store Connect's own limits, so
// a push that Apple would refuse is refused at trigger time (400 invalid_params) and never queued.
import { z } from "zod";

// Apple's metadata limits, in characters.
export const metadataLimits = { description: 4000, keywords: 100, whatsNew: 4000, promotionalText: 170 } as const;
export const RESPONSE_BODY_LIMIT = 5970;
export const metadataFields = ["description", "keywords", "whatsNew", "promotionalText", "marketingUrl", "supportUrl"] as const;
export type MetadataField = (typeof metadataFields)[number];

// The names App Store Connect gives these fields, for the form's labels and the run's messages.
export const metadataFieldLabels: Record<MetadataField, string> = {
  description: "Description",
  keywords: "Keywords",
  whatsNew: "What's New",
  promotionalText: "Promotional Text",
  marketingUrl: "Marketing URL",
  supportUrl: "Support URL",
};

/** "Description", "Keywords and What's New", "Description, Keywords or Support URL". */
export function metadataFieldList(fields: readonly MetadataField[], conjunction: "and" | "or" = "and"): string {
  const labels = fields.map((field) => metadataFieldLabels[field]);
  return labels.length <= 1 ? (labels[0] ?? "") : `${labels.slice(0, -1).join(", ")} ${conjunction} ${labels.at(-1)}`;
}

export const pullParamsSchema = z
  .object({
    pageSize: z
      .number({ error: "pageSize must be a number" })
      .int("pageSize must be a whole number")
      .min(1, "pageSize must be at least 1")
      .max(200, "pageSize must be at most 200 (App Store Connect's page limit)")
      .default(200)
      .describe("Reviews fetched per App Store Connect page"),
  })
  .strict();

const dottedNumbers = /^\d+(\.\d+){0,3}$/;

// A string, never a number: the CLI would send `--param version=2.10` as the number 2.1.
const targetVersion = z
  .string({ error: 'version must be a string such as "2.4.0" (quote it when it looks like a number)' })
  .regex(dottedNumbers, "version must be dot-separated numbers such as 2.4.0")
  .optional()
  .describe("The version string to change, e.g. 2.4.0 (default: the version being prepared for submission)");

// Whole numbers are accepted too (`--param buildNumber=112` arrives as 112) and read as text.
const buildNumber = z
  .union([z.string(), z.number().int().nonnegative()], { error: 'buildNumber must be a build number such as "112" or "1.2.3"' })
  .transform(String)
  .pipe(z.string().regex(dottedNumbers, "buildNumber must be dot-separated numbers such as 112 or 1.2.3"))
  .describe("The build number (CFBundleVersion) to attach");

const limited = (name: keyof typeof metadataLimits, what: string) =>
  z
    .string({ error: `${name} must be a string` })
    .max(metadataLimits[name], `${name} must be at most ${metadataLimits[name]} characters`)
    .optional()
    .describe(what)
    .meta({ title: metadataFieldLabels[name] });

// http(s) only: Apple shows these links on the store page, and `javascript:` or `data:` is never a link.
const url = (name: "marketingUrl" | "supportUrl", what: string) =>
  z
    .url({ protocol: /^https?$/, hostname: z.regexes.domain, error: `${name} must be an http(s) URL such as https://example.com` })
    .optional()
    .describe(what)
    .meta({ title: metadataFieldLabels[name] });

export const pushMetadataParamsSchema = z
  .object({
    locale: z
      .string({ error: "locale is required, e.g. en-US" })
      .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, "locale must be an App Store locale such as en-US or de-DE")
      .describe("The localization to change, e.g. en-US"),
    version: targetVersion,
    description: limited("description", "The App Store description"),
    keywords: limited("keywords", "Search keywords, one comma-separated string"),
    whatsNew: limited("whatsNew", "What's New in this version (release notes)"),
    promotionalText: limited("promotionalText", "Promotional text, shown above the description"),
    marketingUrl: url("marketingUrl", "Marketing URL"),
    supportUrl: url("supportUrl", "Support URL"),
  })
  .strict()
  .refine((params) => metadataFields.some((field) => params[field] !== undefined), {
    message: `Send at least one of ${metadataFieldList(metadataFields, "or")}`,
  })
  .describe(`A locale and at least one of ${metadataFields.join(", ")}`);

export const pushReviewParamsSchema = z
  .object({
    reviewId: z.string({ error: "reviewId is required" }).min(1, "reviewId is required").describe("The App Store Connect id of the customer review").meta({ title: "Review ID" }),
    responseBody: z
      .string({ error: "responseBody is required" })
      .trim()
      .min(1, "responseBody must not be empty")
      .max(RESPONSE_BODY_LIMIT, `responseBody must be at most ${RESPONSE_BODY_LIMIT} characters`)
      .describe("The developer response; replaces an existing one"),
  })
  .strict();

export const pushBuildParamsSchema = z
  .object({
    buildNumber,
    version: targetVersion,
    submitForReview: z.boolean({ error: "submitForReview must be true or false" }).default(false).describe("Submit the version for App Review once the build is attached"),
  })
  .strict();
