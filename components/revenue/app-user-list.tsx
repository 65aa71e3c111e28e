// App users most revenue first: who (RevenueCat's app user id), their subscription, what they paid
// in all, and where they came from. A table on wide screens; a short block each on phones.
import { dayText } from "@/components/store/format";
import { none } from "@/components/store/store-section";
import type { AppUserRow } from "@/lib/revenue/types";
import { SubscriptionBadge } from "./badges";
import { attributionParts, storeName, usdText, type AttributionPart } from "./format";

const cell = "px-3 py-2 align-baseline first:pl-5 last:pr-5";
// Reverse-DNS product ids wrap after a dot rather than mid-word.
const breakable = (id: string) => id.split(/(?<=\.)/).flatMap((part, index) => (index === 0 ? [part] : [<wbr key={index} />, part]));
const kindNames: Record<AttributionPart["kind"], string> = { source: "Media source", campaign: "Campaign", adGroup: "Ad group", keyword: "Keyword", creative: "Creative" };

function partTitle(part: AttributionPart): string {
  if (part.unresolved) return `${kindNames[part.kind]} id: Apple Ads Sync names it once it has seen the ${part.kind === "campaign" ? "campaign" : "ad group"}`;
  return part.id ? `${kindNames[part.kind]} ${part.id}` : kindNames[part.kind];
}

function Attribution({ user }: { user: AppUserRow }) {
  const parts = attributionParts(user);
  if (parts.length === 0) return none;
  return (
    <span className="break-words">
      {parts.map((part, index) => (
        <span key={part.kind}>
          {/* The dot keeps to the part before it, so a wrapped line never starts with one. */}
          {index > 0 && <span className="text-slate-400 dark:text-slate-500">{"\u00a0· "}</span>}
          <span title={partTitle(part)} className={part.unresolved ? "font-mono text-xs" : part.kind === "source" ? "font-medium text-slate-800 dark:text-slate-200" : undefined}>
            {part.text}
          </span>
        </span>
      ))}
    </span>
  );
}

const expires = (user: AppUserRow) => (user.expiresAt ? <time dateTime={user.expiresAt}>{dayText(user.expiresAt)}</time> : none);
const product = (user: AppUserRow) => (user.productId ? <span className="font-mono text-xs break-words">{breakable(user.productId)}</span> : none);
const store = (user: AppUserRow) => (user.store ? storeName(user.store) : none);

function UserId({ user }: { user: AppUserRow }) {
  return (
    <span title={user.appUserId} className="block truncate font-mono text-xs">
      {user.appUserId}
    </span>
  );
}

export function AppUserList({ users }: { users: AppUserRow[] }) {
  return (
    <>
      <div className="hidden overflow-x-auto lg:block">
        <table aria-label="App users" className="w-full table-fixed text-left text-sm">
          <colgroup>
            <col className="w-[15%]" />
            <col className="w-[12%]" />
            <col className="w-[17%]" />
            <col className="w-[10%]" />
            <col className="w-[10%]" />
            <col className="w-[9%]" />
            <col />
          </colgroup>
          <thead className="border-y border-slate-200 bg-slate-50 text-xs text-slate-500 dark:border-slate-800 dark:bg-slate-900/60 dark:text-slate-400">
            <tr>
              {["App user", "Status", "Product", "Store", "Expires", "Revenue", "Attribution"].map((heading) => (
                <th key={heading} scope="col" className={`${cell} font-medium ${heading === "Revenue" ? "text-right" : ""}`}>
                  {heading}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
            {users.map((user) => (
              <tr key={user.id} data-app-user-id={user.appUserId}>
                <th scope="row" className={`${cell} font-normal`}>
                  <UserId user={user} />
                </th>
                <td className={cell}>
                  <SubscriptionBadge status={user.subscriptionStatus} />
                </td>
                <td className={cell}>{product(user)}</td>
                <td className={`${cell} text-slate-600 dark:text-slate-300`}>{store(user)}</td>
                <td className={`${cell} whitespace-nowrap text-slate-600 dark:text-slate-300`}>{expires(user)}</td>
                <td className={`${cell} text-right font-medium whitespace-nowrap tabular-nums`}>{usdText(user.lifetimeRevenueUsd)}</td>
                <td className={`${cell} text-slate-600 dark:text-slate-400`}>
                  <Attribution user={user} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ul aria-label="App users" className="divide-y divide-slate-100 border-t border-slate-200 lg:hidden dark:divide-slate-800 dark:border-slate-800">
        {users.map((user) => (
          <li key={user.id} data-app-user-id={user.appUserId} className="px-5 py-3 text-sm">
            <p className="flex items-baseline justify-between gap-3">
              <span className="min-w-0">
                <UserId user={user} />
              </span>
              <span className="shrink-0 font-semibold tabular-nums">{usdText(user.lifetimeRevenueUsd)}</span>
            </p>
            <p className="mt-1 flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-slate-600 dark:text-slate-400">
              <SubscriptionBadge status={user.subscriptionStatus} />
              {user.store && <span>{storeName(user.store)}</span>}
              {user.store && user.expiresAt && <span aria-hidden="true">·</span>}
              {user.expiresAt && (
                <span>
                  {user.subscriptionStatus === "expired" ? "expired" : "expires"} {expires(user)}
                </span>
              )}
            </p>
            {user.productId && <p className="mt-1 font-mono text-xs break-words text-slate-500 dark:text-slate-400">{breakable(user.productId)}</p>}
            {attributionParts(user).length > 0 && (
              <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">
                <Attribution user={user} />
              </p>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}
