// The 7-day grace of soft deletes (PRODUCT.md "Domain data"): how long a deleted project, app,
// ingest key or attachment stays restorable before the cleanup jobs remove it. Pure code.
export const SOFT_DELETE_GRACE_DAYS = 7;
const DAY_MS = 86_400_000;

/** Deleted before this instant: past the grace period, no longer restorable. */
export function graceCutoff(now: Date): Date {
  return new Date(now.getTime() - SOFT_DELETE_GRACE_DAYS * DAY_MS);
}

/** When a resource deleted at `deletedAt` is removed for good. */
export function purgeAt(deletedAt: Date): Date {
  return new Date(deletedAt.getTime() + SOFT_DELETE_GRACE_DAYS * DAY_MS);
}
