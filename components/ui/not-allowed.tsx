// What a signed-in person sees on a page their role does not open (the API answers 403 there).
export function NotAllowed({ title, message }: { title: string; message: string }) {
  return (
    <section aria-labelledby="not-allowed-heading" className="rounded-lg border border-amber-300 bg-amber-50 p-6 dark:border-amber-800 dark:bg-amber-950">
      <h1 id="not-allowed-heading" className="text-lg font-semibold text-amber-900 dark:text-amber-100">
        {title}
      </h1>
      <p className="mt-2 text-sm text-amber-900 dark:text-amber-200">{message}</p>
    </section>
  );
}
