// The demo traffic's randomness: one seeded stream (the sandboxes' mulberry32), so a seed and a
// clock always give the same sessions, ids and errors.
import { random } from "@/sandbox/random";

export interface Prng {
  /** A number in [0, 1). */
  next(): number;
  chance(probability: number): boolean;
  /** A whole number from min to max, both included. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  weighted<T>(entries: ReadonlyArray<readonly [T, number]>): T;
  /** A positive number around `median`; `spread` is the standard deviation of its logarithm. */
  lognormal(median: number, spread: number): number;
  /** A version 4 UUID drawn from the stream. */
  uuid(): string;
}

export function prng(seed: number): Prng {
  const next = random(seed);
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    int,
    chance: (probability) => next() < probability,
    pick: (items) => items[Math.floor(next() * items.length)]!,
    weighted(entries) {
      const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
      let left = next() * total;
      for (const [value, weight] of entries) {
        left -= weight;
        if (left < 0) return value;
      }
      return entries[entries.length - 1]![0];
    },
    lognormal(median, spread) {
      // Box-Muller: a standard normal from two uniforms.
      const normal = Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
      return median * Math.exp(spread * normal);
    },
    uuid() {
      const hex = Array.from({ length: 32 }, () => int(0, 15).toString(16));
      hex[12] = "4";
      hex[16] = ((int(0, 15) & 0x3) | 0x8).toString(16);
      const text = hex.join("");
      return `${text.slice(0, 8)}-${text.slice(8, 12)}-${text.slice(12, 16)}-${text.slice(16, 20)}-${text.slice(20)}`;
    },
  };
}
