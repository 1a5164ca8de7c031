// npm run client:generate — rewrites lib/client/generated/api-types.ts from the OpenAPI document.
import fs from "node:fs";
import { CLIENT_TYPES_PATH, renderClientTypes } from "./client-types-source";

fs.writeFileSync(CLIENT_TYPES_PATH, await renderClientTypes());
console.log(`wrote ${CLIENT_TYPES_PATH}`);
