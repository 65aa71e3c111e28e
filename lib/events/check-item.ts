// One ingest item's shape, checked on its own: the fast path (fast-check.ts) when it can decide,
// zod otherwise, whose first issue becomes the item's reason. Pure code.
import { fastCheckItem, type CheckedItem } from "./fast-check";
import { ingestItemSchema } from "./schemas";

export type ItemCheck = CheckedItem | { reason: string };

function firstIssue(error: { issues: Array<{ path: PropertyKey[]; message: string }> }): string {
  const issue = error.issues[0];
  if (!issue) return "invalid event";
  const where = issue.path.length > 0 ? `${issue.path.map(String).join(".")}: ` : "";
  return `${where}${issue.message}`;
}

export function checkItem(raw: unknown): ItemCheck {
  const fast = fastCheckItem(raw);
  if (fast) return fast;
  const parsed = ingestItemSchema.safeParse(raw);
  if (!parsed.success) return { reason: firstIssue(parsed.error) };
  return { item: parsed.data, propertiesJson: JSON.stringify(parsed.data.properties) };
}
