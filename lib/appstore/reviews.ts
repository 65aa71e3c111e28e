// App Store reviews as every job writes them (Pull All, Pull Changes, Push Review and the reviews
// sync): one row per (app, store, external id). The reviewer's side (rating, title, body,
// nickname, territory, date) is written once when the review is first stored and never changed
// after; the developer's reply is refreshed whenever a page says what it is now, so replies added,
// edited or deleted in App Store Connect flow back.
import { getPool, type Queryable } from "@/lib/db/pool";
import type { CustomerReview, CustomerReviewResponse, ResourceIdentifier } from "./types";

/** Where reviews go: the project and its app row (lib/apps/store-app.ts). */
export interface ReviewTarget {
  projectId: string;
  appId: string;
}

export interface SavedReviews {
  /** Reviews stored for the first time, newest first. */
  inserted: CustomerReview[];
  /** Known reviews whose reply changed (added, edited, published or deleted). */
  responsesChanged: number;
}

const APP_STORE = "app_store";

// The listing shows a publication late (the reason for the pending pass): a reply already known to
// be PUBLISHED, listed again unchanged as PENDING_PUBLISH, stays PUBLISHED.
const KEPT_STATE = `CASE WHEN app_store_reviews.response_state = 'PUBLISHED' AND EXCLUDED.response_state = 'PENDING_PUBLISH'
       AND app_store_reviews.response_asc_id IS NOT DISTINCT FROM EXCLUDED.response_asc_id
       AND app_store_reviews.response_body IS NOT DISTINCT FROM EXCLUDED.response_body THEN 'PUBLISHED' ELSE EXCLUDED.response_state END`;

export interface ResponseFields {
  responseAscId: string | null;
  responseBody: string | null;
  responseState: string | null;
  responseUpdatedAt: Date | null;
}

export function responseFields(response: CustomerReviewResponse | null): ResponseFields {
  return {
    responseAscId: response?.id ?? null,
    responseBody: response?.attributes.responseBody ?? null,
    responseState: response?.attributes.state ?? null,
    responseUpdatedAt: response?.attributes.lastModifiedDate ? new Date(response.attributes.lastModifiedDate) : null,
  };
}

/** The review's response as the page tells it: the response, null for none, undefined when the page did not say. */
function responseOf(review: CustomerReview, included: Map<string, CustomerReviewResponse>): CustomerReviewResponse | null | undefined {
  const relationship = review.relationships?.response;
  if (!relationship || relationship.data === undefined) return undefined;
  const id = (relationship.data as ResourceIdentifier | null)?.id;
  if (!id) return null;
  // A response named but not included: we know there is one, not what it says.
  return included.get(id) ?? undefined;
}

/**
 * Saves one page of reviews with the responses the page included. One statement per kind of row:
 * reviews whose reply the page told (inserted, or the reply refreshed when it differs) and reviews
 * whose reply it did not (inserted, or left as they are).
 */
export async function saveReviews(target: ReviewTarget, reviews: CustomerReview[], included: Map<string, CustomerReviewResponse>, db: Queryable = getPool()): Promise<SavedReviews> {
  // A page never lists a review twice, but one statement must not touch a row twice either.
  const unique = [...new Map(reviews.map((review) => [review.id, review])).values()];
  const told = unique.map((review) => ({ review, response: responseOf(review, included) }));
  const withReply = told.filter((row) => row.response !== undefined);
  const withoutReply = told.filter((row) => row.response === undefined).map((row) => row.review);

  const insertedIds = new Set<string>();
  let responsesChanged = 0;
  if (withReply.length > 0) {
    const fields = withReply.map((row) => responseFields(row.response ?? null));
    const { rows } = await db.query<{ external_id: string; inserted: boolean }>(
      `${insertSql(true)}
       ON CONFLICT (app_id, store, external_id) DO UPDATE SET
         response_asc_id = EXCLUDED.response_asc_id, response_body = EXCLUDED.response_body,
         response_state = ${KEPT_STATE}, response_updated_at = EXCLUDED.response_updated_at, synced_at = EXCLUDED.synced_at
       WHERE (app_store_reviews.response_asc_id, app_store_reviews.response_body, app_store_reviews.response_state, app_store_reviews.response_updated_at)
             IS DISTINCT FROM (EXCLUDED.response_asc_id, EXCLUDED.response_body, ${KEPT_STATE}, EXCLUDED.response_updated_at)
       RETURNING external_id, (xmax = 0) AS inserted`,
      [
        ...reviewColumns(target, withReply.map((row) => row.review)),
        fields.map((field) => field.responseAscId),
        fields.map((field) => field.responseBody),
        fields.map((field) => field.responseState),
        fields.map((field) => field.responseUpdatedAt?.toISOString() ?? null),
      ],
    );
    for (const row of rows) {
      if (row.inserted) insertedIds.add(row.external_id);
      else responsesChanged += 1;
    }
  }
  if (withoutReply.length > 0) {
    const { rows } = await db.query<{ external_id: string }>(
      `${insertSql(false)} ON CONFLICT (app_id, store, external_id) DO NOTHING RETURNING external_id`,
      reviewColumns(target, withoutReply),
    );
    for (const row of rows) insertedIds.add(row.external_id);
  }
  return { inserted: unique.filter((review) => insertedIds.has(review.id)), responsesChanged };
}

// $1 project, $2 app, $3… the reviewer's side of each review as arrays, then (for pages that told
// the reply) $10… the reply's fields.
function insertSql(withReply: boolean): string {
  const responseColumns = withReply ? "r.response_asc_id, r.response_body, r.response_state, r.response_updated_at" : "NULL, NULL, NULL, NULL";
  const replyArrays = withReply ? ", $10::text[], $11::text[], $12::text[], $13::timestamptz[]" : "";
  const replyNames = withReply ? ", response_asc_id, response_body, response_state, response_updated_at" : "";
  return `INSERT INTO app_store_reviews (id, project_id, app_id, store, external_id, rating, title, body, reviewer_nickname, territory, created_date,
            response_asc_id, response_body, response_state, response_updated_at, synced_at)
     SELECT gen_random_uuid(), $1::uuid, $2::uuid, '${APP_STORE}', r.external_id, r.rating, r.title, r.body, r.reviewer_nickname, r.territory, r.created_date,
            ${responseColumns}, now()
       FROM unnest($3::text[], $4::int[], $5::text[], $6::text[], $7::text[], $8::text[], $9::timestamptz[]${replyArrays})
         AS r(external_id, rating, title, body, reviewer_nickname, territory, created_date${replyNames})`;
}

function reviewColumns(target: ReviewTarget, reviews: CustomerReview[]): unknown[] {
  return [
    target.projectId,
    target.appId,
    reviews.map((review) => review.id),
    reviews.map((review) => review.attributes.rating),
    reviews.map((review) => review.attributes.title ?? null),
    reviews.map((review) => review.attributes.body ?? null),
    reviews.map((review) => review.attributes.reviewerNickname ?? null),
    reviews.map((review) => review.attributes.territory),
    reviews.map((review) => review.attributes.createdDate),
  ];
}

/** Which of these review ids the app already has. */
export async function knownReviewIds(appId: string, externalIds: string[]): Promise<Set<string>> {
  if (externalIds.length === 0) return new Set();
  const { rows } = await getPool().query<{ external_id: string }>(
    `SELECT external_id FROM app_store_reviews WHERE app_id = $1::uuid AND store = '${APP_STORE}' AND external_id = ANY($2::text[])`,
    [appId, externalIds],
  );
  return new Set(rows.map((row) => row.external_id));
}

export async function reviewCount(appId: string): Promise<number> {
  const { rows } = await getPool().query<{ count: string }>(`SELECT count(*) AS count FROM app_store_reviews WHERE app_id = $1::uuid AND store = '${APP_STORE}'`, [appId]);
  return Number(rows[0]?.count ?? 0);
}

/** Sets a known review's reply (Push Review, the pending pass); false when the app has no such review. */
export async function setReviewResponse(appId: string, externalId: string, fields: ResponseFields): Promise<boolean> {
  const { rowCount } = await getPool().query(
    `UPDATE app_store_reviews SET response_asc_id = $3, response_body = $4, response_state = $5, response_updated_at = $6::timestamptz, synced_at = now()
      WHERE app_id = $1::uuid AND store = '${APP_STORE}' AND external_id = $2`,
    [appId, externalId, fields.responseAscId, fields.responseBody, fields.responseState, fields.responseUpdatedAt?.toISOString() ?? null],
  );
  return (rowCount ?? 0) > 0;
}

/** The app's replies Apple has not published yet, with their response ids. */
export async function pendingResponses(appId: string): Promise<Array<{ externalId: string; responseAscId: string }>> {
  const { rows } = await getPool().query<{ externalId: string; responseAscId: string }>(
    `SELECT external_id AS "externalId", response_asc_id AS "responseAscId" FROM app_store_reviews
      WHERE app_id = $1::uuid AND store = '${APP_STORE}' AND response_state = 'PENDING_PUBLISH' AND response_asc_id IS NOT NULL
      ORDER BY created_date DESC`,
    [appId],
  );
  return rows;
}
