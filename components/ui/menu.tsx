"use client";
// A dropdown menu: a button that opens a list of links and actions. Keyboard: Enter/Space/↓ open
// it, ↑↓ move, Escape closes and returns focus, Tab leaves; a click outside closes it.
import { useEffect, useId, useRef, useState } from "react";

interface MenuProps {
  /** The button's content and accessible name. */
  trigger: React.ReactNode;
  label: string;
  align?: "left" | "right";
  children: (close: () => void) => React.ReactNode;
  className?: string;
}

export function Menu({ trigger, label, align = "left", children, className = "" }: MenuProps) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const list = useRef<HTMLDivElement>(null);
  const id = useId();
  const buttonId = `${id}-button`;

  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      if (!list.current?.contains(event.target as Node) && !button.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener("pointerdown", onPointer);
    list.current?.querySelector<HTMLElement>("[role=menuitem],[role=menuitemradio]")?.focus();
    return () => document.removeEventListener("pointerdown", onPointer);
  }, [open]);

  // Focus goes back to the button the menu came from (found by id: refs are for effects).
  const close = () => {
    setOpen(false);
    requestAnimationFrame(() => document.getElementById(buttonId)?.focus());
  };

  const onKeyDown = (event: React.KeyboardEvent) => {
    const items = [...(list.current?.querySelectorAll<HTMLElement>("[role=menuitem],[role=menuitemradio]") ?? [])];
    const index = items.indexOf(document.activeElement as HTMLElement);
    if (event.key === "Escape") {
      event.preventDefault();
      close();
    } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      const next = event.key === "ArrowDown" ? (index + 1) % items.length : (index - 1 + items.length) % items.length;
      items[next]?.focus();
    } else if (event.key === "Tab") {
      setOpen(false);
    }
  };

  return (
    <div className={`relative ${className}`} onKeyDown={onKeyDown}>
      <button
        ref={button}
        id={buttonId}
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? id : undefined}
        aria-label={label}
        onClick={() => setOpen((value) => !value)}
        onKeyDown={(event) => event.key === "ArrowDown" && !open && (event.preventDefault(), setOpen(true))}
        className="flex items-center gap-1.5 rounded-md px-2 py-1.5 text-sm hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-indigo-500 dark:hover:bg-slate-800"
      >
        {trigger}
      </button>
      {open && (
        <div
          ref={list}
          id={id}
          role="menu"
          aria-label={label}
          className={`absolute z-40 mt-1 max-h-[70vh] min-w-56 overflow-auto rounded-lg border border-slate-200 bg-white p-1 shadow-lg dark:border-slate-700 dark:bg-slate-900 ${align === "right" ? "right-0" : "left-0"}`}
        >
          {children(close)}
        </div>
      )}
    </div>
  );
}

export const menuItemClass =
  "flex w-full items-center gap-2 rounded-md px-2.5 py-1.5 text-left text-sm text-slate-700 outline-none hover:bg-slate-100 focus:bg-slate-100 dark:text-slate-200 dark:hover:bg-slate-800 dark:focus:bg-slate-800";

export function MenuHeading({ children }: { children: React.ReactNode }) {
  return <div className="px-2.5 pt-2 pb-1 text-xs font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400">{children}</div>;
}
