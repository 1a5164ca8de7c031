import { type RefObject, useEffect } from "react";

/**
 * Keeps a native <dialog> shown modally while `open` (focus trap, Escape, backdrop come with
 * showModal) and closes it when `open` turns false. A dialog mounted only while needed
 * passes `true`.
 */
export function useModalDialog(ref: RefObject<HTMLDialogElement | null>, open: boolean) {
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [ref, open]);
}
