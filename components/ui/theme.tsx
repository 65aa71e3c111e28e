"use client";
// Light, dark, or the system's choice. The choice lives in localStorage; a tiny script in <head>
// applies it before the first paint, so a dark-mode reader never sees a white flash.
import { useCallback, useSyncExternalStore } from "react";

export type ThemeChoice = "light" | "dark" | "system";
const STORAGE_KEY = "taskdeck-theme";

// Runs before hydration (as a string in <head>), so it cannot import anything.
const applyScript = `(function(){try{var c=localStorage.getItem("${STORAGE_KEY}")||"system";var d=c==="dark"||(c==="system"&&matchMedia("(prefers-color-scheme: dark)").matches);document.documentElement.classList.toggle("dark",d);document.documentElement.style.colorScheme=d?"dark":"light"}catch(e){}})()`;

export function ThemeScript() {
  return <script dangerouslySetInnerHTML={{ __html: applyScript }} />;
}

const listeners = new Set<() => void>();
const read = (): ThemeChoice => (typeof localStorage === "undefined" ? "system" : ((localStorage.getItem(STORAGE_KEY) as ThemeChoice | null) ?? "system"));

function apply(choice: ThemeChoice) {
  const dark = choice === "dark" || (choice === "system" && matchMedia("(prefers-color-scheme: dark)").matches);
  document.documentElement.classList.toggle("dark", dark);
  document.documentElement.style.colorScheme = dark ? "dark" : "light";
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  const media = matchMedia("(prefers-color-scheme: dark)");
  const onSystemChange = () => read() === "system" && apply("system");
  media.addEventListener("change", onSystemChange);
  return () => {
    listeners.delete(listener);
    media.removeEventListener("change", onSystemChange);
  };
}

export function useTheme(): [ThemeChoice, (choice: ThemeChoice) => void] {
  const choice = useSyncExternalStore(subscribe, read, () => "system" as ThemeChoice);
  const setChoice = useCallback((next: ThemeChoice) => {
    localStorage.setItem(STORAGE_KEY, next);
    apply(next);
    for (const listener of listeners) listener();
  }, []);
  return [choice, setChoice];
}
