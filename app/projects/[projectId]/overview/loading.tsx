import { SkeletonPage } from "@/components/ui/skeleton-page";

export default function Loading() {
  return <SkeletonPage label="Loading the overview" />;
}
