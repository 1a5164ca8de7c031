/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite loads its WASM and data files relative to its own module; bundling breaks that
  // ("path argument ... Received an instance of URL"), so both stay plain Node modules.
  // json-schema-to-typescript (typegen) pulls in prettier and a $ref resolver: loaded by Node, not bundled.
  serverExternalPackages: [
    "@electric-sql/pglite",
    "pglite-prisma-adapter",
    "@node-rs/argon2",
    "pino",
    "json-schema-to-typescript",
  ],
  poweredByHeader: false,
  typedRoutes: false,
};

export default nextConfig;
