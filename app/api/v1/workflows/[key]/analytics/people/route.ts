// The operation lives in the route table (lib/api/route-table.ts), served by Next here and by the standalone API host.
export { GET } from "@/lib/api/routes/workflows-key-analytics-people";
