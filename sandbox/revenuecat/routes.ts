// The sandbox's RevenueCat v2 customer endpoints (INTEGRATIONS.md §1a): list envelopes paged with
// `starting_after` and `limit` (clamped to 1–100, default 20), a relative `/v2/…` next_page that is
// absent on the last page, and get-customer's nested active_entitlements and (with
// `expand=attributes`) attributes envelopes, which page on their own endpoints.
import type { ListEnvelope } from "@/lib/revenuecat/types";
import { activeEntitlementsOf, type SandboxCustomer } from "./data";

export interface SandboxAccount {
  projectId: string;
  customers: SandboxCustomer[];
  byId: Map<string, SandboxCustomer>;
}

export type Answer = { status: 200; body: unknown } | { status: 403 | 404; type: "authorization_error" | "resource_missing"; message: string };

const customerLists = {
  subscriptions: (entry: SandboxCustomer) => ({ items: entry.subscriptions, key: (item: { id: string }) => item.id }),
  purchases: (entry: SandboxCustomer) => ({ items: entry.purchases, key: (item: { id: string }) => item.id }),
  aliases: (entry: SandboxCustomer) => ({ items: entry.aliases, key: (item: { id: string }) => item.id }),
  active_entitlements: (entry: SandboxCustomer) => ({ items: activeEntitlementsOf(entry), key: (item: { entitlement_id: string }) => item.entitlement_id }),
  attributes: (entry: SandboxCustomer) => ({ items: entry.attributes, key: (item: { name: string }) => item.name }),
} as const;

export function clampLimit(raw: string | null): number {
  const limit = raw === null || raw.trim() === "" ? Number.NaN : Math.trunc(Number(raw));
  return Number.isFinite(limit) ? Math.min(100, Math.max(1, limit)) : 20;
}

/** `path` is below /v2 (e.g. /projects/p/customers), already stripped of any prefix. */
export function answer(account: SandboxAccount, path: string, query: URLSearchParams, options: { nestedPageSize: number }): Answer {
  const match = path.match(/^\/projects\/([^/]+)\/customers(?:\/([^/]+)(?:\/([a-z_]+))?)?$/);
  if (!match) return { status: 404, type: "resource_missing", message: "Resource not found" };
  const projectId = decodeURIComponent(match[1]!);
  if (projectId !== account.projectId) return { status: 403, type: "authorization_error", message: "API key is not authorized for this project" };
  const customersPath = `/v2/projects/${encodeURIComponent(projectId)}/customers`;
  const search = query.toString();
  const url = `/v2${path}${search ? `?${search}` : ""}`;

  if (!match[2]) {
    const page = pageOf(account.customers, (entry) => entry.customer.id, query.get("starting_after"), clampLimit(query.get("limit")));
    return { status: 200, body: envelope(page.items.map((entry) => entry.customer), page.last && `${customersPath}?limit=${page.limit}&starting_after=${encodeURIComponent(page.last)}`, url) };
  }

  const entry = account.byId.get(decodeURIComponent(match[2]));
  if (!entry) return { status: 404, type: "resource_missing", message: "Customer not found" };
  const customerPath = `${customersPath}/${encodeURIComponent(entry.customer.id)}`;
  const list = match[3];
  if (list !== undefined) {
    if (!(list in customerLists)) return { status: 404, type: "resource_missing", message: "Resource not found" };
    const { items, key } = customerLists[list as keyof typeof customerLists](entry) as { items: unknown[]; key: (item: unknown) => string };
    const page = pageOf(items, key, query.get("starting_after"), clampLimit(query.get("limit")));
    return { status: 200, body: envelope(page.items, page.last && `${customerPath}/${list}?limit=${page.limit}&starting_after=${encodeURIComponent(page.last)}`, url) };
  }

  // The nested envelopes show a first page; the rest is on the list's own endpoint.
  const nested = (name: "active_entitlements" | "attributes") => {
    const { items, key } = customerLists[name](entry) as { items: unknown[]; key: (item: unknown) => string };
    const page = pageOf(items, key, null, options.nestedPageSize);
    return envelope(page.items, page.last && `${customerPath}/${name}?starting_after=${encodeURIComponent(page.last)}`, `${customerPath}/${name}`);
  };
  const expand = query.getAll("expand").flatMap((value) => value.split(","));
  return {
    status: 200,
    body: { ...entry.customer, active_entitlements: nested("active_entitlements"), ...(expand.includes("attributes") ? { attributes: nested("attributes") } : {}) },
  };
}

function envelope<T>(items: T[], nextPage: string | null, url: string): ListEnvelope<T> {
  return { object: "list", items, ...(nextPage ? { next_page: nextPage } : {}), url };
}

// The page after `startingAfter`: the item with that key, or (if it is gone) the first key after
// it, as the lists are sorted by key. `last` is the cursor of the next page, null on the last one.
function pageOf<T>(items: T[], key: (item: T) => string, startingAfter: string | null, limit: number) {
  let start = 0;
  if (startingAfter !== null) {
    const at = items.findIndex((item) => key(item) === startingAfter);
    const after = items.findIndex((item) => key(item) > startingAfter);
    start = at >= 0 ? at + 1 : after >= 0 ? after : items.length;
  }
  const page = items.slice(start, start + limit);
  const more = start + limit < items.length && page.length > 0;
  return { items: page, limit, last: more ? key(page.at(-1)!) : null };
}
