"use client";

import { useEffect, useRef } from "react";

interface Shortcuts {
  isReadOnly: boolean;
  selectAll: () => void;
  undo: () => void;
  redo: () => void;
  copy: () => void;
  paste: () => void;
  duplicate: () => void;
  addState: () => void;
  /** Saves what React Flow holds (after it moved cards with the arrow keys). */
  commit: () => void;
}

/**
 * The designer's keyboard: Ctrl/Cmd+A, Z, Shift+Z (or Y), C, V, D (duplicate) and N (new
 * state); Delete is React Flow's own. Listens on the document: after a click on the empty
 * canvas or a Delete, focus is on the page body, where a listener on the designer's element
 * would hear nothing. Typing in a field or a dialog is never a shortcut.
 */
export function useDesignerShortcuts(shortcuts: Shortcuts) {
  const latest = useRef(shortcuts);
  useEffect(() => {
    latest.current = shortcuts;
  });
  useEffect(() => {
    const isTyping = (target: EventTarget | null) =>
      target instanceof HTMLElement &&
      Boolean(target.closest("input, textarea, select, [contenteditable=true], [role=dialog]"));
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || isTyping(event.target)) return;
      const s = latest.current;
      const mod = event.metaKey || event.ctrlKey;
      const key = event.key.toLowerCase();
      if (mod && key === "a") {
        event.preventDefault();
        s.selectAll();
        return;
      }
      if (s.isReadOnly) return;
      if (mod && key === "z") {
        event.preventDefault();
        if (event.shiftKey) s.redo();
        else s.undo();
      } else if (mod && key === "y") {
        event.preventDefault();
        s.redo();
      } else if (mod && key === "c") s.copy();
      else if (mod && key === "v") {
        event.preventDefault();
        s.paste();
      } else if (mod && key === "d") {
        event.preventDefault();
        s.duplicate();
      } else if (!mod && !event.altKey && key === "n") {
        event.preventDefault();
        s.addState();
      }
    };
    // React Flow moves the selected cards with the arrow keys (a focused card); commit once the key is let go.
    const onKeyUp = (event: KeyboardEvent) => {
      if (
        !latest.current.isReadOnly &&
        event.key.startsWith("Arrow") &&
        event.target instanceof HTMLElement &&
        event.target.closest(".react-flow__node")
      )
        latest.current.commit();
    };
    document.addEventListener("keydown", onKeyDown);
    document.addEventListener("keyup", onKeyUp);
    return () => {
      document.removeEventListener("keydown", onKeyDown);
      document.removeEventListener("keyup", onKeyUp);
    };
  }, []);
}
