import { DashboardSkeleton } from "@/components/ui/page-skeletons";

export default function Loading() {
  return <DashboardSkeleton />;
}
