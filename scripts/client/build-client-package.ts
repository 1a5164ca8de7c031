import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { build } from "esbuild";

const root = path.resolve(import.meta.dirname, "../..");

/**
 * Builds lib/client as the installable package @docstate/client in `outDir`: one ESM bundle
 * (openapi-fetch stays a dependency), its declarations (relative imports with .js so
 * node16/nodenext and bundler resolution both find them), a package.json and a README.
 */
export async function buildClientPackage(outDir: string): Promise<void> {
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.mkdirSync(outDir, { recursive: true });
  await build({
    entryPoints: [path.join(root, "lib/client/index.ts")],
    outfile: path.join(outDir, "index.js"),
    bundle: true,
    format: "esm",
    platform: "node",
    target: "node20",
    external: ["openapi-fetch"],
    logLevel: "error",
  });
  const types = path.join(outDir, "types");
  execFileSync(
    path.join(root, "node_modules/.bin/tsc"),
    [
      "--declaration",
      "--emitDeclarationOnly",
      "--skipLibCheck",
      "--strict",
      "--target",
      "ES2022",
      "--module",
      "esnext",
      "--moduleResolution",
      "bundler",
      "--lib",
      "ES2022,DOM",
      "--types",
      "node",
      "--outDir",
      types,
      path.join(root, "lib/client/index.ts"),
    ],
    { cwd: root, stdio: "inherit" },
  );
  for (const file of walk(types)) {
    const text = fs.readFileSync(file, "utf8").replace(/(from\s+["'])(\.{1,2}\/[^"']+?)(["'])/g, "$1$2.js$3");
    fs.writeFileSync(file, text);
  }
  const rootPackage = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
  const manifest = {
    name: "@docstate/client",
    version: rootPackage.version,
    description: "Typed client for the DocState HTTP API: errors, idempotent feeds, webhook verification",
    type: "module",
    exports: { ".": { types: "./types/index.d.ts", default: "./index.js" } },
    types: "./types/index.d.ts",
    files: ["index.js", "types", "README.md"],
    engines: { node: ">=20" },
    dependencies: { "openapi-fetch": rootPackage.dependencies["openapi-fetch"] },
    license: "UNLICENSED",
  };
  fs.writeFileSync(path.join(outDir, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  fs.writeFileSync(
    path.join(outDir, "README.md"),
    "# @docstate/client\n\nThe typed DocState API client. See docs/integration.md in the DocState repository.\n",
  );
}

function walk(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? walk(path.join(dir, entry.name)) : [path.join(dir, entry.name)]));
}
