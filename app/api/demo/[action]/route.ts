import { getEnv } from "@/lib/config/env";
import { isDemoReceiverEnabled } from "@/lib/config/demo-receiver";
import { demoExtraction, type DemoActionRequest } from "@/lib/services/demo/demo-receiver";

export const dynamic = "force-dynamic";

const notFound = () =>
  Response.json(
    { type: "about:blank", title: "Not Found", status: 404, code: "NOT_FOUND", detail: "No demo receiver here." },
    { status: 404, headers: { "content-type": "application/problem+json" } },
  );

/**
 * The embedded demo's webhook receiver (see lib/services/demo/demo-receiver.ts): on only
 * while the demo is (isDemoReceiverEnabled), else 404. It reads only the webhook body and
 * changes nothing in DocState; the worker reaches it through the one loopback prefix the
 * SSRF guard allows for the demo.
 */
export async function POST(request: Request, context: { params: Promise<{ action: string }> }) {
  const { action } = await context.params;
  if (!isDemoReceiverEnabled(getEnv()) || action !== "extract") return notFound();
  let body: DemoActionRequest;
  try {
    body = (await request.json()) as DemoActionRequest;
    if (typeof body?.idempotencyKey !== "string" || typeof body.document?.title !== "string") throw new Error();
  } catch {
    return Response.json({ error: "expected a DocState webhook body" }, { status: 400 });
  }
  const answer = demoExtraction(body);
  await new Promise((resolve) => setTimeout(resolve, answer.delayMs));
  return Response.json(answer.body, { status: answer.status, headers: answer.headers });
}
