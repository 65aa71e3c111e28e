// The Analytics page's state as it lives in the URL: only the app (?app=). Pure: server and browser.
export function analyticsHref(projectSlug: string, appId?: string): string {
  return `/projects/${projectSlug}/analytics${appId ? `?${new URLSearchParams({ app: appId })}` : ""}`;
}
