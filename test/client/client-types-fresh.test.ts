import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { CLIENT_TYPES_PATH, renderClientTypes } from "../../scripts/client/client-types-source";

describe("the client's generated API types", () => {
  it("match the OpenAPI document the app serves (run `npm run client:generate` when this fails)", async () => {
    const committed = fs.readFileSync(CLIENT_TYPES_PATH, "utf8");
    expect(committed === (await renderClientTypes()), "lib/client/generated/api-types.ts is out of date").toBe(true);
  });
});
