/** localStorage key of the chosen theme: "light" or "dark"; absent = follow the system. */
export const THEME_STORAGE_KEY = "docstate-theme";

/**
 * Runs in <head> before the first paint, so a dark page never flashes light: applies the
 * stored choice, or the system preference when nothing is stored. Kept tiny and ES5.
 */
export const THEME_SCRIPT =
  `(function(){try{var t=localStorage.getItem(${JSON.stringify(THEME_STORAGE_KEY)});` +
  `var d=t?t==="dark":window.matchMedia("(prefers-color-scheme: dark)").matches;` +
  `document.documentElement.classList.toggle("dark",d)}catch(e){}})()`;
