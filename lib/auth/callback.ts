// Where the login page may send someone after signing in: a path on this site only. "//evil.com"
// and "/\evil.com" look like paths but browsers read both as another host.
export function safeCallbackPath(value: string | undefined): string {
  const printable = value !== undefined && [...value].every((character) => character.charCodeAt(0) >= 32);
  return value && printable && /^\/(?![/\\])/.test(value) ? value : "/";
}
