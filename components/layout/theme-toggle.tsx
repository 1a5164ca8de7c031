"use client";

import { MoonIcon, SunIcon } from "../ui/icons";
import { THEME_STORAGE_KEY } from "./theme-script";

/**
 * Flips the "dark" class on <html> and remembers the choice. The icon is chosen by CSS
 * (dark: variants) rather than React state, so server and client render the same markup
 * whatever the stored theme is — no hydration mismatch, no flash.
 */
export function ThemeToggle() {
  function toggle() {
    const isDark = document.documentElement.classList.toggle("dark");
    try {
      localStorage.setItem(THEME_STORAGE_KEY, isDark ? "dark" : "light");
    } catch {
      // Private mode or storage disabled: the theme still applies for this page view.
    }
  }
  return (
    <button
      type="button"
      onClick={toggle}
      aria-label="Toggle dark mode"
      title="Toggle dark mode"
      className="flex h-8 w-8 items-center justify-center rounded-lg text-slate-500 transition-colors hover:bg-slate-100 hover:text-slate-900 dark:text-slate-400 dark:hover:bg-slate-800 dark:hover:text-white"
    >
      <MoonIcon className="h-4 w-4 dark:hidden" />
      <SunIcon className="hidden h-4 w-4 dark:block" />
    </button>
  );
}
