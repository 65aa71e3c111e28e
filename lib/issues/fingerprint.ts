// How error events cluster into issues (issue_scan): the client's fingerprint when it sends one;
// otherwise the error type, the message with what varies between occurrences (numbers, hex,
// UUIDs, quoted values, URLs, emails) normalised away, and the top in-app stack frames without
// line and column numbers. Pure code, computed once per error event at ingest.
import { createHash } from "node:crypto";

/** How many in-app frames identify a stack: deep enough to tell call sites apart, shallow enough to survive refactors below them. */
const TOP_FRAMES = 3;

export function normaliseMessage(message: string): string {
  return message
    .replace(/https?:\/\/\S+/g, "<url>")
    .replace(/[\w.+-]+@[\w-]+\.[\w.-]+/g, "<email>")
    .replace(/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, "<uuid>")
    .replace(/(["'`])(?:(?!\1).){0,200}\1/g, "<value>")
    .replace(/\b0x[0-9a-f]+\b/gi, "<hex>")
    .replace(/\b[0-9a-f]{12,}\b/gi, "<hex>")
    .replace(/-?\d+(?:[.,]\d+)*/g, "<n>")
    .replace(/\s+/g, " ")
    .trim();
}

// Frames of the runtime and of libraries say where an error surfaced, not what caused it.
const libraryFrame = /node_modules|node:internal|\(native\)|<anonymous>|^\s*at (?:new )?Promise|libsystem_|libdispatch|UIKitCore|CoreFoundation|Foundation|java\.lang\.|kotlinx?\.coroutines|android\.os\.|dalvik\.|com\.android\.internal/;

/** A frame without what changes between builds: line and column numbers, addresses, offsets. */
function frameKey(line: string): string {
  return line
    .trim()
    .replace(/:\d+(?::\d+)?\)?$/, ")")
    .replace(/:\d+(?::\d+)?/g, "")
    .replace(/\b0x[0-9a-f]+\b/gi, "")
    .replace(/\+ ?\d+$/, "")
    .replace(/^\d+\s+/, "")
    .replace(/\s+/g, " ")
    .trim();
}

export function topFrames(stack: string): string[] {
  const frames = stack
    .split("\n")
    .map((line) => line.trim())
    // Stack lines, not the message line a JavaScript stack starts with.
    .filter((line) => /^at\s|^\d+\s+\S|^#\d+|\(.*:\d+\)|\.(swift|kt|java|js|ts|tsx|dart|m|mm):\d+/.test(line));
  const inApp = frames.filter((line) => !libraryFrame.test(line));
  return (inApp.length > 0 ? inApp : frames).slice(0, TOP_FRAMES).map(frameKey);
}

export interface ErrorParts {
  errorType: string | null;
  message: string | null;
  stack: string | null;
  clientFingerprint?: string | null;
}

/** The issue an error event belongs to, as 32 hex characters. */
export function fingerprintOf(error: ErrorParts): string {
  const parts = error.clientFingerprint
    ? ["client", error.clientFingerprint]
    : ["auto", error.errorType ?? "", normaliseMessage(error.message ?? ""), ...topFrames(error.stack ?? "")];
  return createHash("sha256").update(parts.join("\u0000")).digest("hex").slice(0, 32);
}
