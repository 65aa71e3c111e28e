// The app users list's cursor: the last user of a page, as their lifetime revenue (a decimal
// string, to the cent, so no float rounding moves the page boundary) and id, in the list's order
// (most revenue first, then id). Opaque to people, checked when read back.
import { z } from "zod";
import { AppError } from "@/lib/errors";

export interface AppUserPosition {
  /** Lifetime revenue in USD as the database holds it: "12.99", "0.00". */
  lifetimeRevenueUsd: string;
  id: string;
}

// Decimal(12, 2): up to ten digits before the point (refunds may leave a negative total).
const revenuePattern = /^-?\d{1,10}(\.\d{1,2})?$/;

export function encodeAppUserCursor(user: AppUserPosition): string {
  return Buffer.from(`${user.lifetimeRevenueUsd}|${user.id}`).toString("base64url");
}

export function decodeAppUserCursor(cursor: string): AppUserPosition {
  const [revenue, id, ...rest] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  if (rest.length > 0 || !revenuePattern.test(revenue ?? "") || !z.uuid().safeParse(id).success) {
    throw new AppError("bad_request", "cursor is not a cursor from a previous page", { issues: [{ path: "cursor", message: "not a cursor from a previous page" }] });
  }
  return { lifetimeRevenueUsd: revenue!, id: id! };
}
