// Renders DocState's icons from one SVG mark, offline, with the machine's Chromium (the same
// browser the e2e suite drives). Run `npx tsx scripts/render-icons.ts` after changing the mark
// and commit what it writes:
//   app/icon.svg, app/favicon.ico (16/32/48), app/apple-icon.png (180, full bleed) — Next.js
//   metadata file conventions, linked from every page's <head> by Next itself;
//   public/icons/icon-{192,512}.png and icon-maskable-512.png — the web manifest's (app/manifest.ts).
import { mkdirSync, writeFileSync } from "node:fs";
import { chromium } from "@playwright/test";

// The sidebar's brand square (from-indigo-500 to-violet-600) with a "D" drawn as a path, so
// no font is needed to render it.
const GRADIENT = `<linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#6366f1"/><stop offset="1" stop-color="#7c3aed"/></linearGradient>`;
const LETTER = `<path d="M10 8.5h4.5a7.5 7.5 0 0 1 0 15H10z" fill="none" stroke="#fff" stroke-width="3.2" stroke-linejoin="round"/>`;

/** The mark: a rounded square, transparent around it (tabs, bookmarks, the manifest's "any" icons). */
const MARK = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><defs>${GRADIENT}</defs><rect width="32" height="32" rx="7" fill="url(#g)"/>${LETTER}</svg>\n`;

/**
 * Full bleed: the platform rounds or masks the corners itself (iOS home screen, Android's
 * maskable icons); the letter stays inside the central 80 % safe zone.
 */
function fullBleed(letterScale: number): string {
  const offset = 16 * (1 - letterScale);
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><defs>${GRADIENT}</defs><rect width="32" height="32" fill="url(#g)"/><g transform="translate(${offset} ${offset}) scale(${letterScale})">${LETTER}</g></svg>`;
}

/** An ICO file holding PNG images (supported by every browser that reads favicon.ico). */
function ico(pngs: { size: number; data: Buffer }[]): Buffer {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0); // reserved
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(pngs.length, 4);
  let offset = 6 + 16 * pngs.length;
  const entries = pngs.map(({ size, data }) => {
    const entry = Buffer.alloc(16);
    entry.writeUInt8(size >= 256 ? 0 : size, 0); // width (0 = 256)
    entry.writeUInt8(size >= 256 ? 0 : size, 1); // height
    entry.writeUInt8(0, 2); // no palette
    entry.writeUInt8(0, 3); // reserved
    entry.writeUInt16LE(1, 4); // colour planes
    entry.writeUInt16LE(32, 6); // bits per pixel
    entry.writeUInt32LE(data.length, 8);
    entry.writeUInt32LE(offset, 12);
    offset += data.length;
    return entry;
  });
  return Buffer.concat([header, ...entries, ...pngs.map((p) => p.data)]);
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--no-first-run"],
});
try {
  const page = await browser.newPage();
  const render = async (svg: string, size: number): Promise<Buffer> => {
    await page.setViewportSize({ width: size, height: size });
    const src = `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}`;
    await page.setContent(
      `<html><body style="margin:0;background:transparent"><img src="${src}" width="${size}" height="${size}" style="display:block"></body></html>`,
    );
    await page.locator("img").evaluate((img: HTMLImageElement) => img.decode());
    return page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
  };

  mkdirSync("public/icons", { recursive: true });
  writeFileSync("app/icon.svg", MARK);
  const favicon = [];
  for (const size of [16, 32, 48]) favicon.push({ size, data: await render(MARK, size) });
  writeFileSync("app/favicon.ico", ico(favicon));
  writeFileSync("app/apple-icon.png", await render(fullBleed(1), 180));
  writeFileSync("public/icons/icon-192.png", await render(MARK, 192));
  writeFileSync("public/icons/icon-512.png", await render(MARK, 512));
  writeFileSync("public/icons/icon-maskable-512.png", await render(fullBleed(0.8), 512));
  console.log("wrote app/icon.svg, app/favicon.ico, app/apple-icon.png and public/icons/*.png");
} finally {
  await browser.close();
}
