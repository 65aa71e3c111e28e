"use client";
// Toasts: short confirmations of what an action did ("Run started", "Lane resumed"), announced to
// screen readers through a polite live region, dismissed after a few seconds or by hand.
import Link from "next/link";
import { createContext, useCallback, useContext, useMemo, useState } from "react";
import { Alert, Check, Cross } from "./icons";

export interface Toast {
  title: string;
  description?: string;
  tone?: "success" | "error" | "info";
  action?: { label: string; href: string };
}

const ToastContext = createContext<(toast: Toast) => void>(() => {});
export const useToast = () => useContext(ToastContext);

const VISIBLE_MS = 6000;

export function ToastProvider({ children }: { children: React.ReactNode }) {
  const [toasts, setToasts] = useState<Array<Toast & { id: number }>>([]);
  const dismiss = useCallback((id: number) => setToasts((current) => current.filter((toast) => toast.id !== id)), []);
  const show = useCallback(
    (toast: Toast) => {
      const id = Date.now() + Math.random();
      setToasts((current) => [...current.slice(-3), { ...toast, id }]);
      setTimeout(() => dismiss(id), VISIBLE_MS);
    },
    [dismiss],
  );
  const value = useMemo(() => show, [show]);
  return (
    <ToastContext.Provider value={value}>
      {children}
      <div aria-live="polite" className="pointer-events-none fixed inset-x-0 bottom-0 z-50 flex flex-col items-center gap-2 p-4 sm:items-end">
        {toasts.map((toast) => (
          <div
            key={toast.id}
            role="status"
            className="pointer-events-auto flex w-full max-w-sm items-start gap-3 rounded-lg border border-slate-200 bg-white p-3 text-sm shadow-lg dark:border-slate-700 dark:bg-slate-900"
          >
            {toast.tone === "error" ? <Alert className="mt-0.5 size-4 text-red-500" /> : <Check className="mt-0.5 size-4 text-emerald-500" />}
            <div className="min-w-0 flex-1">
              <p className="font-medium">{toast.title}</p>
              {toast.description && <p className="mt-0.5 text-slate-600 dark:text-slate-400">{toast.description}</p>}
              {toast.action && (
                <Link href={toast.action.href} className="mt-1 inline-block font-medium text-indigo-600 hover:underline dark:text-indigo-400">
                  {toast.action.label}
                </Link>
              )}
            </div>
            <button type="button" onClick={() => dismiss(toast.id)} aria-label="Dismiss" className="rounded p-0.5 text-slate-400 hover:text-slate-700 dark:hover:text-slate-200">
              <Cross className="size-4" />
            </button>
          </div>
        ))}
      </div>
    </ToastContext.Provider>
  );
}
