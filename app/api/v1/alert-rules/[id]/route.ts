// The operation lives in the route table (lib/api/route-table.ts), served by Next here and by the standalone API host.
export { GET, PATCH, DELETE } from "@/lib/api/routes/alert-rules-id";
