import { apiNotFound } from "@/lib/api/api-not-found";

export { apiNotFound as GET, apiNotFound as POST, apiNotFound as PUT, apiNotFound as PATCH, apiNotFound as DELETE };
