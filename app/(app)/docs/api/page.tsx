import type { Metadata } from "next";
import { ApiReference } from "@/components/docs/api-reference";
import { PageHeader } from "@/components/ui/page-header";
import { textLinkClass } from "@/components/ui/styles";
import { requirePageActor } from "../../page-auth";

export const metadata: Metadata = { title: "API reference" };

/**
 * The browsable API reference, rendered in the browser from /api/v1/openapi.json. Its "try it"
 * requests go to this origin, so they carry the signed-in session (with its role), or a
 * bearer token entered in the reference's authentication box.
 */
export default async function ApiReferencePage() {
  await requirePageActor();
  return (
    <>
      <PageHeader
        title="API reference"
        description={
          <>
            Every endpoint of the HTTP API, generated from the same schemas the server validates with. Requests you try
            here run as you; the raw document is{" "}
            <a className={textLinkClass} href="/api/v1/openapi.json">
              /api/v1/openapi.json
            </a>
            .
          </>
        }
      />
      <ApiReference specUrl="/api/v1/openapi.json" />
    </>
  );
}
