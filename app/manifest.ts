import type { MetadataRoute } from "next";

/**
 * The web app manifest (served at /manifest.webmanifest, linked by Next.js): lets a browser
 * install DocState with its own name and icons (rendered by scripts/render-icons.ts).
 */
export default function manifest(): MetadataRoute.Manifest {
  return {
    name: "DocState",
    short_name: "DocState",
    description: "Document workflow engine",
    start_url: "/",
    display: "standalone",
    background_color: "#f8fafc",
    theme_color: "#4f46e5",
    icons: [
      { src: "/icons/icon-192.png", sizes: "192x192", type: "image/png", purpose: "any" },
      { src: "/icons/icon-512.png", sizes: "512x512", type: "image/png", purpose: "any" },
      { src: "/icons/icon-maskable-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
    ],
  };
}
