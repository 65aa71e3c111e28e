// Job type labels for any screen, the browser's included: the catalog is plain code shared by
// web, worker and CLI (PRODUCT.md "Job semantics" 1).
import { catalog } from "@/lib/jobs/catalog";

export function jobTypeLabel(type: string): string {
  return catalog.label(type);
}
