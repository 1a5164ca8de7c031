import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { INVOICE_TYPES_PATH, renderInvoiceTypes } from "./invoice-types-source";

const root = path.resolve(__dirname, "../..");
const typesFile = path.join(root, "test/typegen/typed-fire.types.ts");
const generatedFile = path.join(root, INVOICE_TYPES_PATH);

/** Type errors of typed-fire.types.ts, with the generated file's text optionally replaced. */
function diagnostics(generatedText?: string): string[] {
  const config = ts.getParsedCommandLineOfConfigFile(
    path.join(root, "tsconfig.json"),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: () => undefined,
    },
  )!;
  const options = { ...config.options, incremental: false, noEmit: true, plugins: [] };
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  host.readFile = (file) =>
    generatedText !== undefined && path.resolve(file) === generatedFile ? generatedText : readFile(file);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (file, language, onError, shouldCreate) =>
    generatedText !== undefined && path.resolve(file) === generatedFile
      ? ts.createSourceFile(file, generatedText, language)
      : getSourceFile(file, language, onError, shouldCreate);
  const program = ts.createProgram([typesFile], options, host);
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const line = d.file ? d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1 : 0;
    return `${d.file ? path.relative(root, d.file.fileName) : ""}:${line} TS${d.code} ${ts.flattenDiagnosticMessageText(d.messageText, " ")}`;
  });
}

describe("typed transitions generated for the demo invoice workflow", () => {
  it("the committed generated file is typegen's current output for the definition", async () => {
    expect(fs.readFileSync(generatedFile, "utf8")).toBe((await renderInvoiceTypes()).source);
  });

  it("compile-time: every wrong fire, key, state and metadata in typed-fire.types.ts is a type error", () => {
    // A @ts-expect-error that no longer matches an error is itself an error (TS2578), so none
    // at all means each expected mistake is refused and each correct call compiles.
    expect(diagnostics()).toEqual([]);
  });

  it("control: with loose types (any state, any transition) the expected errors disappear", () => {
    const loose = `export type InvoiceProcessing = { key: string; version: number; state: string;
      transitionsFrom: Record<string, string>; metadata: Record<string, unknown> };`;
    const unused = diagnostics(loose).filter((d) => d.includes("TS2578"));
    expect(unused.length).toBeGreaterThanOrEqual(8);
  });
});
