"use client";
// The current time, ticking while anything active listens: every second for durations and "time
// left", every 15 s for "3 min ago". Null on the server and during hydration, so server and
// browser render the same markup. One shared timer per interval, however many components tick.
import { useSyncExternalStore } from "react";

interface Clock {
  subscribe: (listener: () => void) => () => void;
  /** Now, rounded down to the interval: the same value until the next tick, as React requires. */
  read: () => number;
}

const clocks = new Map<number, Clock>();

function clockEvery(everyMs: number): Clock {
  const existing = clocks.get(everyMs);
  if (existing) return existing;
  const listeners = new Set<() => void>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  // A timeout to just past each boundary rather than an interval, which drifts off the boundaries.
  const schedule = () => {
    timer = setTimeout(() => {
      schedule();
      for (const notify of listeners) notify();
    }, everyMs - (Date.now() % everyMs) + 1);
  };
  const clock: Clock = {
    subscribe(listener) {
      listeners.add(listener);
      if (timer === undefined) schedule();
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) {
          clearTimeout(timer);
          timer = undefined;
        }
      };
    },
    read: () => Date.now() - (Date.now() % everyMs),
  };
  clocks.set(everyMs, clock);
  return clock;
}
const subscribeNever = () => () => {};

/** Now to `everyMs`, ticking while `active`; otherwise read at each render (enough for finished runs). */
export function useNow(active = true, everyMs = 1000): number | null {
  const clock = clockEvery(everyMs);
  return useSyncExternalStore(active ? clock.subscribe : subscribeNever, clock.read, () => null);
}
