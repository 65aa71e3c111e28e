// Apple Ads states and RevenueCat subscription statuses as badges, in the Store page's colours:
// green runs or pays, amber waits, red needs a look, grey is over or unknown.
import { humanise } from "@/components/store/format";
import { adStatusTone, subscriptionLabel, subscriptionTone, type Tone } from "./format";

const tones: Record<Tone, string> = {
  live: "bg-emerald-50 text-emerald-700 ring-emerald-300 dark:bg-emerald-950 dark:text-emerald-300 dark:ring-emerald-800",
  waiting: "bg-amber-50 text-amber-800 ring-amber-300 dark:bg-amber-950 dark:text-amber-300 dark:ring-amber-800",
  trouble: "bg-red-50 text-red-700 ring-red-300 dark:bg-red-950 dark:text-red-300 dark:ring-red-800",
  past: "bg-slate-100 text-slate-700 ring-slate-300 dark:bg-slate-800 dark:text-slate-200 dark:ring-slate-600",
  quiet: "bg-white text-slate-500 ring-slate-200 dark:bg-slate-900 dark:text-slate-400 dark:ring-slate-700",
};

function Badge({ tone, children }: { tone: Tone; children: React.ReactNode }) {
  return <span className={`inline-flex rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset ${tones[tone]}`}>{children}</span>;
}

export function AdStatusBadge({ status }: { status: string }) {
  return <Badge tone={adStatusTone(status)}>{humanise(status)}</Badge>;
}

export function SubscriptionBadge({ status }: { status: string }) {
  return <Badge tone={subscriptionTone(status)}>{subscriptionLabel(status)}</Badge>;
}
