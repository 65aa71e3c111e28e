// Pure parts of the App Store Connect client: how long a 429 is waited out, and how Apple's errors
// read in a run's error message.
import { describe, expect, it } from "vitest";
import { retryAfterMs } from "@/lib/appstore/client";
import { AppStoreConnectError, errorFromBody } from "@/lib/appstore/errors";

describe("retryAfterMs", () => {
  it("honours Retry-After in seconds when App Store Connect sends it", () => {
    expect(retryAfterMs("3", 0)).toBe(3000);
    expect(retryAfterMs("0", 4)).toBe(0);
  });

  it("backs off exponentially from 1 s without it, capped at a minute", () => {
    expect([0, 1, 2, 3].map((attempt) => retryAfterMs(null, attempt))).toEqual([1000, 2000, 4000, 8000]);
    expect(retryAfterMs(null, 10)).toBe(60_000);
    expect(retryAfterMs("soon", 1)).toBe(2000);
    expect(retryAfterMs("86400", 0)).toBe(60_000);
  });
});

describe("AppStoreConnectError", () => {
  it("reads Apple's first error, with its string status, as status code title", () => {
    const error = errorFromBody(401, "Unauthorized", {
      errors: [{ status: "401", code: "NOT_AUTHORIZED", title: "Authentication credentials are missing or invalid.", detail: "Provide a properly configured and signed bearer token…" }],
    });
    expect(error).toBeInstanceOf(AppStoreConnectError);
    expect(error.message).toBe("App Store Connect 401 NOT_AUTHORIZED: Authentication credentials are missing or invalid.");
    expect([error.status, error.code, error.title]).toEqual([401, "NOT_AUTHORIZED", "Authentication credentials are missing or invalid."]);
  });

  it("adds the detail that says what was wrong", () => {
    const error = errorFromBody(409, "Conflict", {
      errors: [{ status: "409", code: "STATE_ERROR", title: "The request cannot be fulfilled because of the state of another resource.", detail: "Version 2.3.0 is live." }],
    });
    expect(error.message).toBe("App Store Connect 409 STATE_ERROR: The request cannot be fulfilled because of the state of another resource. Version 2.3.0 is live.");
    expect(error.detail).toBe("Version 2.3.0 is live.");
  });

  it("ends a title without a full stop before adding the detail", () => {
    const error = errorFromBody(404, "Not Found", {
      errors: [{ status: "404", code: "NOT_FOUND", title: "The specified resource does not exist", detail: "There is no resource of type 'customerReviews' with id 'x'" }],
    });
    expect(error.message).toBe("App Store Connect 404 NOT_FOUND: The specified resource does not exist. There is no resource of type 'customerReviews' with id 'x'");
  });

  it("still says something clear when the body is not an error document", () => {
    expect(errorFromBody(502, "Bad Gateway", null).message).toBe("App Store Connect 502 HTTP_ERROR: Bad Gateway");
  });
});
