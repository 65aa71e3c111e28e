"use client";
// False on the server and during hydration, true once the browser runs the page: for controls that
// must not be used before their handlers exist (a switch flipped then would change nothing saved).
import { useSyncExternalStore } from "react";

const subscribeNever = () => () => {};

export const useHydrated = () => useSyncExternalStore(subscribeNever, () => true, () => false);
