import fs from "node:fs";
import path from "node:path";

/* Helpers for the tests that keep docs/*.md true to the code. */

export const repoRoot = path.resolve(__dirname, "../..");

export function readGuide(name: string): string {
  return fs.readFileSync(path.join(repoRoot, "docs", name), "utf8");
}

/** Every non-test TypeScript source under the given folders, as [relative path, text]. */
export function sourceFiles(...folders: string[]): [string, string][] {
  const out: [string, string][] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name))
        out.push([path.relative(repoRoot, full), fs.readFileSync(full, "utf8")]);
    }
  };
  for (const folder of folders) walk(path.join(repoRoot, folder));
  return out;
}

/** The words written as inline code in a markdown text: `like_this`. */
export function inlineCode(markdown: string): Set<string> {
  return new Set([...markdown.matchAll(/`([^`\n]+)`/g)].map((m) => m[1]!));
}
