"use client";
// A confirmation before something that cannot be undone; the confirming button names the action.
import { Button } from "./button";
import { Dialog } from "./dialog";

interface ConfirmDialogProps {
  open: boolean;
  title: string;
  children: React.ReactNode;
  confirmLabel: string;
  pending?: boolean;
  /** Nothing to confirm yet (a count still loading, or zero): the button is off without "Working…". */
  disabled?: boolean;
  /** "danger" for what cannot be undone; "primary" for what only adds (a retry). */
  tone?: "danger" | "primary";
  onConfirm: () => void;
  onClose: () => void;
}

export function ConfirmDialog({ open, title, children, confirmLabel, pending = false, disabled = false, tone = "danger", onConfirm, onClose }: ConfirmDialogProps) {
  return (
    <Dialog
      open={open}
      title={title}
      onClose={onClose}
      footer={
        <>
          <Button variant="secondary" onClick={onClose} autoFocus>
            Keep it
          </Button>
          <Button variant={tone} onClick={onConfirm} disabled={pending || disabled}>
            {pending ? "Working…" : confirmLabel}
          </Button>
        </>
      }
    >
      <div className="text-slate-600 dark:text-slate-300">{children}</div>
    </Dialog>
  );
}
