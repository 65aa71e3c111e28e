// The reviews list's cursor: the last review of a page, as its created date and id (newest first,
// the order of the (app_id, created_date DESC) index). Opaque to people, checked when read back.
import { z } from "zod";
import { AppError } from "@/lib/errors";

export interface ReviewPosition {
  createdDate: Date;
  id: string;
}

export function encodeReviewCursor(review: ReviewPosition): string {
  return Buffer.from(`${review.createdDate.toISOString()}|${review.id}`).toString("base64url");
}

export function decodeReviewCursor(cursor: string): ReviewPosition {
  const [at, id, ...rest] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  const createdDate = new Date(at ?? "");
  if (rest.length > 0 || !z.uuid().safeParse(id).success || Number.isNaN(createdDate.getTime())) {
    throw new AppError("bad_request", "cursor is not a cursor from a previous page", { issues: [{ path: "cursor", message: "not a cursor from a previous page" }] });
  }
  return { createdDate, id: id! };
}
