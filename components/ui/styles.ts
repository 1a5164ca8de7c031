/*
 * Shared class lists for controls, so buttons and inputs look the same on every page
 * without a component library.
 */

const BUTTON_BASE =
  "inline-flex items-center justify-center gap-1.5 rounded-lg text-sm font-medium transition-colors focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500/50 focus-visible:ring-offset-2 focus-visible:ring-offset-white disabled:pointer-events-none disabled:opacity-50 dark:focus-visible:ring-offset-slate-950";

export const buttonClass = {
  primary: `${BUTTON_BASE} bg-indigo-600 px-3 py-2 text-white shadow-sm hover:bg-indigo-500`,
  secondary: `${BUTTON_BASE} border border-slate-300 bg-white px-3 py-2 text-slate-700 shadow-sm hover:bg-slate-50 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-200 dark:hover:bg-slate-800`,
  danger: `${BUTTON_BASE} bg-red-600 px-3 py-2 text-white shadow-sm hover:bg-red-500`,
  ghost: `${BUTTON_BASE} px-2 py-1.5 text-slate-600 hover:bg-slate-100 hover:text-slate-900 dark:text-slate-400 dark:hover:bg-slate-800 dark:hover:text-white`,
  small: `${BUTTON_BASE} border border-slate-300 bg-white px-2 py-1 text-xs text-slate-700 hover:bg-slate-50 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-200 dark:hover:bg-slate-800`,
  smallDanger: `${BUTTON_BASE} border border-red-200 bg-white px-2 py-1 text-xs text-red-700 hover:bg-red-50 dark:border-red-900/60 dark:bg-slate-900 dark:text-red-300 dark:hover:bg-red-950/40`,
} as const;

export const inputClass =
  "block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm placeholder:text-slate-400 focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-500/30 aria-[invalid=true]:border-red-500 aria-[invalid=true]:ring-red-500/20 dark:border-slate-700 dark:bg-slate-950 dark:text-slate-100 dark:placeholder:text-slate-500";

export const selectClass = `${inputClass} select-chevron disabled:cursor-not-allowed disabled:bg-slate-50 disabled:text-slate-400 dark:disabled:bg-slate-900 dark:disabled:text-slate-500`;

/**
 * A link inside running text: underlined, so it is told apart by more than colour (WCAG 1.4.1).
 * Links that stand alone (table cells, headings, cards) need no underline until hovered.
 */
export const textLinkClass =
  "text-indigo-600 underline underline-offset-2 hover:text-indigo-800 dark:text-indigo-400 dark:hover:text-indigo-300";

export const labelClass = "block text-sm font-medium text-slate-700 dark:text-slate-300";

export const cardClass =
  "rounded-xl border border-slate-200 bg-white shadow-sm dark:border-slate-800 dark:bg-slate-900";
