"use client";
// The current time, ticking every second while anything active listens, for durations and "time
// left" that move on their own. Null on the server and during hydration, so server and browser
// render the same markup. One shared timer, however many components tick.
import { useSyncExternalStore } from "react";

let now = Date.now();
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | undefined;

function subscribe(listener: () => void) {
  listeners.add(listener);
  now = Date.now();
  timer ??= setInterval(() => {
    now = Date.now();
    for (const notify of listeners) notify();
  }, 1000);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}
const subscribeNever = () => () => {};

/** Ticks while `active`; otherwise the time of the last tick (enough for finished runs). */
export function useNow(active = true): number | null {
  return useSyncExternalStore(active ? subscribe : subscribeNever, () => now, () => null);
}
