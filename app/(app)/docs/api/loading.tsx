import { ApiReferenceSkeleton } from "@/components/docs/api-reference-skeleton";

export default function Loading() {
  return <ApiReferenceSkeleton />;
}
