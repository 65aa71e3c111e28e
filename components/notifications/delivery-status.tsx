// How a delivery stands, in words and colour: delivered, retrying (and when), failed for good.
import type { DeliveryView } from "@/lib/notify/webhooks";

const styles = {
  sent: "bg-emerald-50 text-emerald-700 ring-emerald-300 dark:bg-emerald-950 dark:text-emerald-300 dark:ring-emerald-800",
  pending: "bg-amber-50 text-amber-800 ring-amber-300 dark:bg-amber-950 dark:text-amber-300 dark:ring-amber-800",
  failed: "bg-red-50 text-red-700 ring-red-300 dark:bg-red-950 dark:text-red-300 dark:ring-red-800",
  held: "bg-slate-100 text-slate-700 ring-slate-300 dark:bg-slate-800 dark:text-slate-200 dark:ring-slate-600",
} as const;

export function deliveryLabel(delivery: Pick<DeliveryView, "status" | "attempts">): string {
  if (delivery.status === "sent") return "Delivered";
  if (delivery.status === "failed") return "Failed";
  if (delivery.status === "held") return "Held";
  return delivery.attempts === 0 ? "Queued" : "Retrying";
}

export function DeliveryStatus({ delivery }: { delivery: Pick<DeliveryView, "status" | "attempts"> }) {
  return <span className={`inline-flex rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset ${styles[delivery.status]}`}>{deliveryLabel(delivery)}</span>;
}
