// An Analytics Reports segment file (INTEGRATIONS.md §5): fetched from its pre-signed URL with no
// bearer token (the signature is the credential, and S3 refuses a second one), gunzipped, and read
// as tab-separated rows keyed by header name, because Apple may reorder the columns.
import { gunzipSync } from "node:zlib";
import { reach } from "@/lib/runtime/reach";

/** The URL's signature has expired (S3 answers 403): list the instance's segments again for fresh URLs. */
export class SegmentUrlExpiredError extends Error {
  constructor() {
    super("The segment's download URL has expired");
    this.name = "SegmentUrlExpiredError";
  }
}

/** One row: normalized header name (see `headerKey`) → the cell as written. */
export type SegmentRow = Record<string, string>;

/** "Total Session Duration (seconds)" and "total session duration" are the same column. */
export const headerKey = (header: string) => header.replace(/\(.*?\)/g, "").trim().replace(/\s+/g, " ").toLowerCase();

export async function downloadSegment(url: string, signal?: AbortSignal): Promise<SegmentRow[]> {
  const response = await reach("App Store Connect analytics storage", new URL(url), { method: "GET", signal });
  if (response.status === 403) throw new SegmentUrlExpiredError();
  if (!response.ok) throw new Error(`Downloading an analytics segment failed: HTTP ${response.status} ${response.statusText}`);
  return parseSegment(Buffer.from(await response.arrayBuffer()));
}

/** Gzip is what Apple sends; a file that is not gzipped (no magic bytes) is read as it is. */
export function parseSegment(file: Buffer): SegmentRow[] {
  const gzipped = file.length >= 2 && file[0] === 0x1f && file[1] === 0x8b;
  return parseTsv((gzipped ? gunzipSync(file) : file).toString("utf8"));
}

export function parseTsv(text: string): SegmentRow[] {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/).filter((line) => line.trim() !== "");
  const [header, ...body] = lines;
  if (header === undefined) return [];
  const columns = header.split("\t").map(headerKey);
  return body.map((line) => {
    const cells = line.split("\t");
    return Object.fromEntries(columns.map((column, index) => [column, (cells[index] ?? "").trim()]));
  });
}
