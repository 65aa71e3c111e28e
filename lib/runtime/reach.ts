// fetch for the vendor clients: a request that cannot reach the server fails saying which vendor
// and where ("App Store Connect could not be reached at https://…: connect ECONNREFUSED"), while a
// cancelled run keeps its abort reason.
export function reach(vendor: string, url: URL, init: RequestInit): Promise<Response> {
  return fetch(url, init).catch((error: unknown) => {
    if (init.signal?.aborted) throw error;
    const cause = error instanceof Error ? ((error.cause as Error | undefined)?.message ?? error.message) : String(error);
    throw new Error(`${vendor} could not be reached at ${url.origin}: ${cause}`);
  });
}
