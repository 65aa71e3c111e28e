// The CLI's exit codes: distinct per kind of outcome, so scripts and agents can branch on them.
// Documented in the README ("API and CLI"); keep the two in step.
export const exitCodes = {
  ok: 0,
  runFailed: 1,
  runCancelled: 2,
  waitTimedOut: 3,
  badInput: 4,
  unauthorized: 5,
  forbidden: 6,
  notFound: 7,
  conflict: 8,
  rateLimited: 9,
  unreachable: 10,
  serverError: 11,
  interrupted: 130,
} as const;

export type ExitCode = (typeof exitCodes)[keyof typeof exitCodes];

/** An expected failure: its message is printed as is (no stack) and the process exits with its code. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode,
    /** Machine-readable details, printed with --json. */
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = "CliError";
  }
}

/** The exit code for an HTTP error status from the API. */
export function exitCodeForStatus(status: number): ExitCode {
  if (status === 400 || status === 413 || status === 422) return exitCodes.badInput;
  if (status === 401) return exitCodes.unauthorized;
  if (status === 403) return exitCodes.forbidden;
  if (status === 404) return exitCodes.notFound;
  if (status === 409) return exitCodes.conflict;
  if (status === 429) return exitCodes.rateLimited;
  return exitCodes.serverError;
}
