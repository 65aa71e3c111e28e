// What every dialog form shares: the look of its inputs, and a footer with Cancel and a submit
// button that names the action and says when it is working.
import { Button } from "./button";

export const inputClass =
  "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-500/30 aria-[invalid=true]:border-red-500 dark:border-slate-700 dark:bg-slate-950";

export function FormFooter({ formId, pending, label, onCancel }: { formId: string; pending: boolean; label: string; onCancel: () => void }) {
  return (
    <>
      <Button variant="secondary" onClick={onCancel}>
        Cancel
      </Button>
      <Button type="submit" form={formId} disabled={pending}>
        {pending ? "Saving…" : label}
      </Button>
    </>
  );
}

/**
 * The server's field issues as the form's errors, by field name. An action that wraps its input
 * (`{ app: … }`, `{ settings: … }`) names fields below the wrapper, which is dropped.
 */
export function fieldErrors(issues: ReadonlyArray<{ path: string; message: string }> | undefined, wrapper?: string): Record<string, string> {
  return Object.fromEntries(
    (issues ?? []).map((issue) => {
      const parts = issue.path.split(".");
      return [(parts[0] === wrapper ? parts[1] : parts[0]) ?? "", issue.message];
    }),
  );
}

/** What went wrong that no field can say. */
export function FormError({ message }: { message: string | null }) {
  return message ? (
    <p role="alert" className="text-sm text-red-600 dark:text-red-400">
      {message}
    </p>
  ) : null;
}
