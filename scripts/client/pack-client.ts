// npm run client:pack — builds @docstate/client into .client-package/ and packs it as a tarball
// there (npm install ./docstate-client-<version>.tgz in the integrating project).
import { execFileSync } from "node:child_process";
import path from "node:path";
import { buildClientPackage } from "./build-client-package";

const outDir = path.resolve(".client-package");
await buildClientPackage(path.join(outDir, "package"));
const tarball = execFileSync("npm", ["pack", "--pack-destination", outDir], {
  cwd: path.join(outDir, "package"),
  encoding: "utf8",
}).trim();
console.log(`packed ${path.join(outDir, tarball.split("\n").pop()!)}`);
