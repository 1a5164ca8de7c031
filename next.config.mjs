/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite loads its WASM and data files relative to its own module; bundling breaks that
  // ("path argument ... Received an instance of URL"), so both stay plain Node modules.
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "@node-rs/argon2", "pino"],
  poweredByHeader: false,
  typedRoutes: false,
};

export default nextConfig;
