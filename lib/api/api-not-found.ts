import "server-only";
import { AppError } from "../errors/app-error";
import { problemResponse } from "./error-response";

/** Unknown API paths answer problem+json like every other API error, not an HTML 404 page. */
export async function apiNotFound(request: Request): Promise<Response> {
  const path = new URL(request.url).pathname;
  return problemResponse(new AppError("NOT_FOUND", `No API endpoint ${request.method} ${path}.`), { instance: path });
}
