// Secrets never reach a run's log (issue 19): every secret a run opens (an integration's API key,
// private key, client secret) is remembered for that run, and its log lines and fields are written
// with each occurrence replaced. Fields whose names say they hold a secret are replaced whatever
// their value, and so are the shapes of well-known credentials, for secrets the run never opened.
import { AsyncLocalStorage } from "node:async_hooks";

export const REDACTED = "[redacted]";

const scope = new AsyncLocalStorage<Set<string>>();
// Secrets of the process itself (its encryption key, its AI provider key), for every run.
const processSecrets = new Set<string>();

// Shorter values are not worth hiding, and hiding them would mangle ordinary words.
const MIN_SECRET_LENGTH = 8;
const SECRET_FIELD = /(pass(word)?|secret|token|api[-_]?key|private[-_]?key|authorization|credential|cookie)/i;
// PEM blocks, bearer tokens and JWTs, and RevenueCat/OpenAI-style keys.
const SHAPES = [
  /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(-----END [A-Z ]*PRIVATE KEY-----|$)/g,
  /\bBearer\s+[A-Za-z0-9._~+/=-]{8,}/gi,
  /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g,
  /\b(sk|pk|rk|sk-proj)[-_][A-Za-z0-9_-]{12,}/g,
];

/** Runs `work` with a run's own set of secrets to hide. */
export function withRedaction<T>(work: () => Promise<T>): Promise<T> {
  return scope.run(new Set(), work);
}

/** Hides `values` from the current run's log (and from every run's, for the process's own secrets). */
export function rememberSecrets(values: Iterable<unknown>, options: { processWide?: boolean } = {}): void {
  const into = options.processWide ? processSecrets : scope.getStore();
  if (!into) return;
  for (const value of values) {
    if (typeof value === "string" && value.length >= MIN_SECRET_LENGTH) into.add(value);
    // A PEM key may be logged without its line breaks, or one line of it at a time.
    if (typeof value === "string" && value.includes("-----BEGIN")) for (const line of value.split(/\r?\n/)) if (line.length >= 16 && !line.startsWith("-----")) into.add(line);
  }
}

export function redactText(text: string): string {
  let redacted = text;
  for (const secrets of [scope.getStore(), processSecrets]) for (const secret of secrets ?? []) if (redacted.includes(secret)) redacted = redacted.replaceAll(secret, REDACTED);
  for (const shape of SHAPES) redacted = redacted.replace(shape, REDACTED);
  return redacted;
}

/** A copy of `value` with secrets hidden, in strings at any depth and under secret-sounding keys. */
export function redactValue(value: unknown, depth = 0): unknown {
  if (typeof value === "string") return redactText(value);
  if (depth > 8 || value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((item) => redactValue(item, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, SECRET_FIELD.test(key) && inner !== null && inner !== undefined ? REDACTED : redactValue(inner, depth + 1)]));
}
