// The error App Store Connect answered with, as one exception whose message is what a run's error
// shows, e.g. "App Store Connect 401 NOT_AUTHORIZED: Authentication credentials are missing or
// invalid." That message is what people see when a lane pauses, so it carries Apple's words.
import type { ErrorDocument, ErrorObject } from "./types";

export class AppStoreConnectError extends Error {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly detail: string | undefined;

  constructor(status: number, error: Pick<ErrorObject, "code" | "title" | "detail">) {
    // A 401's detail is always Apple's generic advice on generating tokens; every other detail says
    // what exactly was wrong (which attribute, which state), so it belongs in the message.
    const detail = error.detail && status !== 401 ? `${/[.!?]$/.test(error.title) ? "" : "."} ${error.detail}` : "";
    super(`App Store Connect ${status} ${error.code}: ${error.title}${detail}`);
    this.name = "AppStoreConnectError";
    this.status = status;
    this.code = error.code;
    this.title = error.title;
    this.detail = error.detail;
  }
}

/** Reads the first error of an error document; a body that is not one still gives a clear error. */
export function errorFromBody(status: number, statusText: string, body: unknown): AppStoreConnectError {
  const first = (body as Partial<ErrorDocument> | null)?.errors?.[0];
  if (first && typeof first.code === "string" && typeof first.title === "string") return new AppStoreConnectError(status, first);
  return new AppStoreConnectError(status, { code: "HTTP_ERROR", title: statusText || "Unexpected response" });
}
