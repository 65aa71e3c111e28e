// Counts in the words people read ("1 user", "2 users"), for run messages and the dashboard, so
// no message says "1 users".

/** `count` and the noun, singular for exactly one; irregular nouns pass their plural. */
export function plural(count: number, noun: string, pluralNoun = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : pluralNoun}`;
}
