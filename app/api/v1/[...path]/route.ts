import { problemResponse } from "@/lib/api/error-response";
import { AppError } from "@/lib/errors/app-error";

// Unknown API paths answer problem+json like every other API error, not an HTML 404 page.
async function notFound(request: Request): Promise<Response> {
  const path = new URL(request.url).pathname;
  return problemResponse(new AppError("NOT_FOUND", `No API endpoint ${request.method} ${path}.`), { instance: path });
}

export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE };
