// A campaign's or ad group's figures as the Revenue page writes them: counts, spend in its
// currency, cost per install and tap-through rate ("—" when there is nothing to divide by). One
// place, so the wide table, the phone list and the totals agree.
import { none } from "@/components/store/store-section";
import type { AdMetrics } from "@/lib/revenue/types";
import { costPerInstall, moneyText, numberText, rateText } from "./format";

export interface AdFigures {
  impressions: string;
  taps: string;
  installs: string;
  spend: React.ReactNode;
  costPerInstall: React.ReactNode;
  tapThroughRate: React.ReactNode;
}

export function adFigures(metrics: AdMetrics): AdFigures {
  const cost = costPerInstall(metrics.spend, metrics.installs);
  return {
    impressions: numberText(metrics.impressions),
    taps: numberText(metrics.taps),
    installs: numberText(metrics.installs),
    spend: moneyText(metrics.spend, metrics.currency),
    costPerInstall: cost === null ? none : moneyText(cost, metrics.currency),
    tapThroughRate: rateText(metrics.taps, metrics.impressions) ?? none,
  };
}

/** The totals row: spend once per currency; cost per install only when one currency adds up. */
export function totalFigures(totals: { impressions: number; taps: number; installs: number; spend: Array<{ amount: number; currency: string | null }> }): AdFigures {
  const [only, ...others] = totals.spend;
  if (only && others.length === 0) return adFigures({ ...totals, spend: only.amount, currency: only.currency });
  return {
    ...adFigures({ ...totals, spend: 0, currency: null }),
    spend: totals.spend.map((spend) => (
      <span key={spend.currency ?? ""} className="block">
        {moneyText(spend.amount, spend.currency)}
      </span>
    )),
    costPerInstall: none,
  };
}

export const figureColumns = [
  { key: "impressions", label: "Impressions" },
  { key: "taps", label: "Taps" },
  { key: "installs", label: "Installs" },
  { key: "spend", label: "Spend" },
  { key: "costPerInstall", label: "Cost per install" },
  { key: "tapThroughRate", label: "Tap-through rate" },
] as const satisfies ReadonlyArray<{ key: keyof AdFigures; label: string }>;
