import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readGuide, repoRoot } from "./guide-files";

const guide = readGuide("migrations.md");
const runner = fs.readFileSync(path.join(repoRoot, "lib/db/migrate.ts"), "utf8");

describe("docs/migrations.md", () => {
  it("names commands, files and folders that exist", () => {
    const scripts = JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8")).scripts;
    for (const [, script] of guide.matchAll(/`npm run ([\w:-]+)`/g)) expect(scripts, script).toHaveProperty(script!);
    for (const file of ["lib/db/migrate.ts", "prisma/schema.prisma", "test/db/schema-drift.test.ts"]) {
      expect(guide).toContain(file);
      expect(fs.existsSync(path.join(repoRoot, file)), file).toBe(true);
    }
  });

  it("describes the folder naming every committed migration follows", () => {
    expect(guide).toContain("`prisma/migrations/<timestamp>_<name>/migration.sql`");
    const folders = fs
      .readdirSync(path.join(repoRoot, "prisma/migrations"), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name);
    expect(folders.length).toBeGreaterThan(0);
    for (const folder of folders) expect(folder).toMatch(/^\d{14}_[a-z0-9_]+$/);
    expect("20270115093000_document_priority").toMatch(/^\d{14}_[a-z0-9_]+$/);
  });

  it("quotes the runner's lock and its refusals as the runner words them", () => {
    expect(runner).toContain("pg_advisory_lock");
    expect(runner).toMatch(/await conn\.exec\("BEGIN"\)/);
    const quoted = [
      "failed and was rolled back: ",
      "was modified after it was applied (checksum mismatch)",
      "failed or is half-applied",
      "which this version of DocState does not know (newer database?)",
    ];
    for (const text of quoted) {
      expect(guide).toContain(text.trim());
      expect(runner).toContain(text);
    }
  });
});
