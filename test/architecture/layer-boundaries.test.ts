import fs from "node:fs";
import path from "node:path";
import { ESLint, type Linter } from "eslint";
import { afterAll, describe, expect, it } from "vitest";

/*
 * The layer rules (docs/architecture.md, "Layers") are enforced by the lint config. These
 * plant violations, each as a file in the layer it would live in, and expect the real
 * config to refuse them, and the allowed counterparts to pass, so a config edit that
 * silently stops enforcing a rule fails here.
 */

const root = path.resolve(__dirname, "../..");
const eslint = new ESLint({ cwd: root });
const planted: string[] = [];

async function lint(file: string, code: string): Promise<Linter.LintMessage[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return result!.messages.filter((m) => m.ruleId === "boundaries/dependencies" || m.ruleId === "import-x/no-cycle");
}

const refused = (messages: Linter.LintMessage[]) => messages.map((m) => m.ruleId);

afterAll(() => {
  for (const file of planted) fs.rmSync(file, { force: true });
});

describe("the lint config enforces the layers", () => {
  it.each([
    [
      "the engine imports nothing of ours",
      "lib/engine/planted.ts",
      `import { getDb } from "../db/client";\nexport const x = getDb;`,
    ],
    [
      "db reads the engine's types only",
      "lib/db/planted.ts",
      `import { findState } from "../engine";\nexport const x = findState;`,
    ],
    [
      "services never import the worker",
      "lib/services/planted.ts",
      `import { runJob } from "../worker/run-job";\nexport const x = runJob;`,
    ],
    [
      "services never import an edge",
      "lib/services/planted.ts",
      `import { json } from "../api/api-route";\nexport const x = json;`,
    ],
    [
      "components never import server code at runtime",
      "components/planted.tsx",
      `import { getDocument } from "@/lib/services/documents/get-document";\nexport const x = getDocument;`,
    ],
    [
      "components never import app/",
      "components/planted.tsx",
      `import { fireTransitionAction } from "@/app/(app)/documents/[id]/actions";\nexport const x = fireTransitionAction;`,
    ],
    [
      "lib never imports test/",
      "lib/worker/planted.ts",
      `import { ADMIN } from "../../test/helpers/fixtures";\nexport const x = ADMIN;`,
    ],
    [
      "the client never imports server code",
      "lib/client/planted.ts",
      `import { getDocument } from "../services/documents/get-document";\nexport const x = getDocument;`,
    ],
    [
      "examples reach DocState through the client only",
      "examples/planted.ts",
      `import { AppError } from "../lib/errors/app-error";\nexport const x = AppError;`,
    ],
    [
      "scripts never import test/",
      "scripts/planted.ts",
      `import { ADMIN } from "../test/helpers/fixtures";\nexport const x = ADMIN;`,
    ],
  ])("%s", async (_rule, file, code) => {
    expect(refused(await lint(file, code))).toContain("boundaries/dependencies");
  });

  it.each([
    [
      "services use the engine and db",
      "lib/services/planted.ts",
      `import { findState } from "../engine";\nimport { executorFor } from "../db/sql/sql-executor";\nexport const x = [findState, executorFor];`,
    ],
    [
      "db imports engine types",
      "lib/db/planted.ts",
      `import type { WorkflowDefinition } from "../engine";\nexport type X = WorkflowDefinition;`,
    ],
    [
      "components import service types",
      "components/planted.tsx",
      `import type { DocumentView } from "@/lib/services/documents/document-view";\nexport type X = DocumentView;`,
    ],
    [
      "the worker uses services",
      "lib/worker/planted.ts",
      `import { getDocument } from "../services/documents/get-document";\nexport const x = getDocument;`,
    ],
    [
      "examples use the client",
      "examples/planted.ts",
      `import { createDocStateClient } from "../lib/client";\nexport const x = createDocStateClient;`,
    ],
  ])("allows: %s", async (_rule, file, code) => {
    expect(await lint(file, code)).toEqual([]);
  });

  it("refuses an import cycle", async () => {
    const dir = path.join(root, "lib/services");
    const a = path.join(dir, `planted-cycle-a-${process.pid}.ts`);
    const b = path.join(dir, `planted-cycle-b-${process.pid}.ts`);
    planted.push(a, b);
    fs.writeFileSync(a, `import { b } from "./${path.basename(b, ".ts")}";\nexport const a = () => b;\n`);
    fs.writeFileSync(b, `import { a } from "./${path.basename(a, ".ts")}";\nexport const b = () => a;\n`);
    const [result] = await eslint.lintFiles([a]);
    expect(result!.messages.map((m) => m.ruleId)).toContain("import-x/no-cycle");
  });
});
