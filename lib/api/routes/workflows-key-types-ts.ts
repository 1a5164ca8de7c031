import { apiRoute } from "../api-route";
import { generateWorkflowTypes } from "../../services/workflows/generate-workflow-types";
import { workflowKeyParams, workflowTypesQuery } from "../../contracts/workflow-requests";

/** TypeScript types of a published workflow version, for the typed client (see docs/integration.md). */
export const GET = apiRoute(
  { role: "viewer", params: workflowKeyParams, query: workflowTypesQuery },
  async ({ db, params, query }) => {
    const types = await generateWorkflowTypes(db, { key: params.key, version: query.version });
    return new Response(types.source, {
      headers: {
        "content-type": "text/plain; charset=utf-8",
        "content-disposition": `inline; filename="${params.key}.types.ts"`,
        "cache-control": "no-store",
        "x-docstate-workflow-version": String(types.version),
        // A guard schema that became `unknown` is said here too, not only in a comment.
        ...(types.warnings.length ? { "x-docstate-typegen-warnings": String(types.warnings.length) } : {}),
      },
    });
  },
);
