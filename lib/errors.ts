// One error type for every layer (web, worker, CLI): a code that maps to an HTTP status and a safe
// message, and the `{ error: { code, message, issues? } }` envelope every surface answers with.
// Anything that is not an AppError is reported as a 500 without internals.
import { z } from "zod";

export const errorStatus = {
  bad_request: 400,
  invalid_params: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  job_already_running: 409,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof errorStatus;

export interface FieldIssue {
  path: string;
  message: string;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly issues?: FieldIssue[];
  readonly details?: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, extra: { issues?: FieldIssue[]; details?: Record<string, unknown> } = {}) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.issues = extra.issues;
    this.details = extra.details;
  }

  get status(): number {
    return errorStatus[this.code];
  }
}

export function issuesFromZod(error: z.ZodError, prefix: string[] = []): FieldIssue[] {
  return error.issues.map((issue) => ({
    path: [...prefix, ...issue.path.map(String)].join(".") || "(body)",
    message: issue.message,
  }));
}

export function invalid(code: "bad_request" | "invalid_params", message: string, error: z.ZodError, prefix: string[] = []) {
  return new AppError(code, message, { issues: issuesFromZod(error, prefix) });
}

export const errorBodySchema = z
  .object({
    error: z
      .object({
        code: z.enum(Object.keys(errorStatus) as [ErrorCode, ...ErrorCode[]]),
        message: z.string().describe("What went wrong, in words meant for people"),
        issues: z.array(z.object({ path: z.string(), message: z.string() })).optional().describe("Field by field, for 400"),
        existingRunId: z.uuid().nullable().optional().describe("For job_already_running (409): the run that is pending or running; null while a scheduled run across projects is working on this project"),
        retryAfterSeconds: z.number().int().optional().describe("For rate_limited (429), also sent as Retry-After"),
      })
      .catchall(z.unknown()),
  });

export interface ErrorBody {
  error: { code: ErrorCode; message: string; issues?: FieldIssue[] } & Record<string, unknown>;
}

export function errorBody(error: AppError): ErrorBody {
  return {
    error: {
      code: error.code,
      message: error.message,
      ...(error.issues ? { issues: error.issues } : {}),
      ...error.details,
    },
  };
}
