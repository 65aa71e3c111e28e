import "server-only";
// What the Run now form's pickers offer (GET /api/dashboard/projects/:projectId/picker-options):
// the locales, versions and builds Pull All copied, whole (a project has dozens, not thousands),
// and its reviews searched and paged here, newest first, since an app can have thousands. Every
// query is scoped by project; reviews by the app the App Store Connect connection names, the one
// push_review answers on.
import { z } from "zod";
import { getPool } from "@/lib/db/pool";
import { paramPickers } from "@/lib/jobs/definition";
import { decodeReviewCursor, encodeReviewCursor } from "@/lib/store/cursor";

export const pickerQuerySchema = z
  .object({
    kind: z.enum(paramPickers, { error: `kind must be one of ${paramPickers.join(", ")}` }),
    q: z.string().trim().max(200, "q must be at most 200 characters").optional(),
    // A support inbox: the reviews nobody answered yet come first, all of them on request.
    reply: z.enum(["unanswered", "any"], { error: "reply must be unanswered or any" }).default("unanswered"),
    cursor: z.string().max(200).optional(),
    limit: z.coerce.number({ error: "limit must be a number" }).int().min(1).max(50, "limit must be at most 50").default(20),
  })
  .strict();
export type PickerQuery = z.output<typeof pickerQuerySchema>;

export interface LocaleOption {
  value: string;
  /** The versions that have this localization, newest first. */
  versions: string[];
}
export interface VersionOption {
  value: string;
  platform: string;
  state: string;
  createdDate: string | null;
}
export interface BuildOption {
  /** The build number (CFBundleVersion), what push_build's buildNumber takes. */
  value: string;
  processingState: string;
  uploadedDate: string | null;
  expired: boolean;
  /** The version this build is attached to, when a pulled version names it. */
  version: string | null;
}
export interface ReviewOption {
  /** The review's App Store Connect id, what push_review's reviewId takes. */
  value: string;
  rating: number;
  title: string | null;
  /** The start of the body: enough for a line in a list, never the whole review. */
  body: string | null;
  reviewerNickname: string | null;
  territory: string;
  createdDate: string;
  responseState: string | null;
}

/** `total` counts what the search keeps; `pulled` says whether there is any of it at all (else: "run Pull All first"). */
export type PickerOptions =
  | { kind: "locale"; options: LocaleOption[]; total: number; pulled: boolean; nextCursor: null }
  | { kind: "version"; options: VersionOption[]; total: number; pulled: boolean; nextCursor: null }
  | { kind: "build"; options: BuildOption[]; total: number; pulled: boolean; nextCursor: null }
  | { kind: "review"; options: ReviewOption[]; total: number; pulled: boolean; nextCursor: string | null };

// Builds pile up over the years; the newest are the ones anyone attaches (an older one can be typed).
const BUILDS_SHOWN = 200;
const BODY_CHARACTERS = 240;
const iso = (date: Date | null) => date?.toISOString() ?? null;

export async function pickerOptions(projectId: string, query: PickerQuery): Promise<PickerOptions> {
  switch (query.kind) {
    case "locale":
      return whole("locale", await locales(projectId));
    case "version":
      return whole("version", await versions(projectId));
    case "build":
      return whole("build", await builds(projectId));
    case "review":
      return reviews(projectId, query);
  }
}

function whole<K extends "locale" | "version" | "build", O>(kind: K, options: O[]) {
  return { kind, options, total: options.length, pulled: options.length > 0, nextCursor: null } as Extract<PickerOptions, { kind: K }>;
}

async function locales(projectId: string): Promise<LocaleOption[]> {
  const { rows } = await getPool().query<{ locale: string; versions: string[] }>(
    `SELECT l.locale, array_agg(v.version_string ORDER BY v.created_date DESC NULLS LAST, v.version_string DESC) AS versions
       FROM app_store_localizations l JOIN app_store_versions v ON v.id = l.version_id
      WHERE l.project_id = $1::uuid
      GROUP BY l.locale ORDER BY l.locale`,
    [projectId],
  );
  // A version string on two platforms is named once.
  return rows.map((row) => ({ value: row.locale, versions: [...new Set(row.versions)] }));
}

async function versions(projectId: string): Promise<VersionOption[]> {
  const { rows } = await getPool().query<{ version_string: string; platform: string; app_version_state: string; created_date: Date | null }>(
    `SELECT version_string, platform, app_version_state, created_date FROM app_store_versions
      WHERE project_id = $1::uuid ORDER BY created_date DESC NULLS LAST, version_string DESC`,
    [projectId],
  );
  // One option per version string: the same string on two platforms is one value in params.
  const seen = new Set<string>();
  return rows
    .filter((row) => !seen.has(row.version_string) && Boolean(seen.add(row.version_string)))
    .map((row) => ({ value: row.version_string, platform: row.platform, state: row.app_version_state, createdDate: iso(row.created_date) }));
}

async function builds(projectId: string): Promise<BuildOption[]> {
  const { rows } = await getPool().query<{ version: string; processing_state: string; uploaded_date: Date | null; expired: boolean; attached_to: string | null }>(
    `SELECT b.version, b.processing_state, b.uploaded_date, b.expired,
            (SELECT v.version_string FROM app_store_versions v WHERE v.project_id = b.project_id AND v.build_asc_id = b.asc_id
              ORDER BY v.created_date DESC NULLS LAST LIMIT 1) AS attached_to
       FROM app_store_builds b
      WHERE b.project_id = $1::uuid
      ORDER BY b.uploaded_date DESC NULLS LAST, b.version DESC
      LIMIT ${BUILDS_SHOWN}`,
    [projectId],
  );
  return rows.map((row) => ({ value: row.version, processingState: row.processing_state, uploadedDate: iso(row.uploaded_date), expired: row.expired, version: row.attached_to }));
}

/** `%` and `_` typed into the search are characters, not wildcards. */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}

async function reviews(projectId: string, query: PickerQuery): Promise<Extract<PickerOptions, { kind: "review" }>> {
  const after = query.cursor ? decodeReviewCursor(query.cursor) : null;
  // $1 project; $2 the search as a LIKE pattern (title, body, nickname) and $3 as typed (the review's
  // id, pasted); $4 unanswered only. An app with thousands of reviews is a scan of its rows in the
  // project's (project_id, created_date) index: milliseconds, so no text index.
  const ofApp = `r.project_id = $1::uuid AND a.deleted_at IS NULL
      AND a.apple_app_store_id = (SELECT i.config->>'appId' FROM integrations i WHERE i.project_id = $1::uuid AND i.kind = 'app_store_connect')`;
  const filters = `${ofApp}
      AND ($2::text IS NULL OR r.external_id = $3::text OR r.title ILIKE $2::text OR r.body ILIKE $2::text OR r.reviewer_nickname ILIKE $2::text)
      AND (NOT $4::boolean OR r.response_state IS NULL)`;
  const values = [projectId, query.q ? likePattern(query.q) : null, query.q ?? "", query.reply === "unanswered"];
  const pool = getPool();
  const [page, count, any] = await Promise.all([
    pool.query<{ id: string; external_id: string; rating: number; title: string | null; body: string | null; reviewer_nickname: string | null; territory: string; created_date: Date; response_state: string | null }>(
      `SELECT r.id, r.external_id, r.rating, r.title, left(r.body, ${BODY_CHARACTERS}) AS body, r.reviewer_nickname, r.territory, r.created_date, r.response_state
         FROM app_store_reviews r JOIN apps a ON a.id = r.app_id
        WHERE ${filters} AND ($5::timestamptz IS NULL OR (r.created_date, r.id) < ($5::timestamptz, $6::uuid))
        ORDER BY r.created_date DESC, r.id DESC
        LIMIT $7`,
      [...values, after?.createdDate ?? null, after?.id ?? null, query.limit + 1],
    ),
    pool.query<{ total: number }>(`SELECT count(*)::int AS total FROM app_store_reviews r JOIN apps a ON a.id = r.app_id WHERE ${filters}`, values),
    pool.query(`SELECT 1 FROM app_store_reviews r JOIN apps a ON a.id = r.app_id WHERE ${ofApp} LIMIT 1`, [projectId]),
  ]);
  const rows = page.rows.slice(0, query.limit);
  return {
    kind: "review",
    total: count.rows[0]?.total ?? 0,
    pulled: (any.rowCount ?? 0) > 0,
    nextCursor: page.rows.length > query.limit ? encodeReviewCursor({ createdDate: rows.at(-1)!.created_date, id: rows.at(-1)!.id }) : null,
    options: rows.map((row) => ({
      value: row.external_id,
      rating: row.rating,
      title: row.title,
      body: row.body,
      reviewerNickname: row.reviewer_nickname,
      territory: row.territory,
      createdDate: row.created_date.toISOString(),
      responseState: row.response_state,
    })),
  };
}
