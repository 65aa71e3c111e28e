// Fingerprints: the same error with different ids, numbers and line numbers is one issue; a
// different stack or error type is another; a client's fingerprint wins.
import { describe, expect, it } from "vitest";
import { fingerprintOf, normaliseMessage, topFrames } from "@/lib/issues/fingerprint";

const jsStack = (line: number, caller = "loadProfile") => `TypeError: Cannot read properties of undefined (reading 'id')
    at renderAvatar (webpack:///src/components/Avatar.tsx:${line}:17)
    at ${caller} (webpack:///src/pages/Profile.tsx:${line + 10}:5)
    at processTicksAndRejections (node:internal/process/task_queues:95:5)
    at App (webpack:///src/App.tsx:12:3)`;

describe("normaliseMessage", () => {
  it("removes what varies between occurrences", () => {
    expect(normaliseMessage(`User 4821 not found (id 6f1c2a57-7c2e-4a43-9c57-9b0f3e1e2d11) at 0x7ffee4b8 "alice"`)).toBe("User <n> not found (id <uuid>) at <hex> <value>");
    expect(normaliseMessage("GET https://api.example.com/v1/users/42?x=1 failed for bob@example.com after 3.5 s")).toBe("GET <url> failed for <email> after <n> s");
  });
});

describe("fingerprintOf", () => {
  it("groups the same error with different ids, numbers and line numbers", () => {
    const a = fingerprintOf({ errorType: "TypeError", message: "Request 1234 failed for 'alice'", stack: jsStack(41) });
    const b = fingerprintOf({ errorType: "TypeError", message: "Request 98 failed for 'bob'", stack: jsStack(57) });
    expect(a).toBe(b);
    expect(a).toMatch(/^[0-9a-f]{32}$/);
  });

  it("separates different stacks, error types and messages", () => {
    const base = { errorType: "TypeError", message: "Request 1 failed", stack: jsStack(41) };
    const fingerprint = fingerprintOf(base);
    expect(fingerprintOf({ ...base, stack: jsStack(41, "loadSettings") })).not.toBe(fingerprint);
    expect(fingerprintOf({ ...base, errorType: "RangeError" })).not.toBe(fingerprint);
    expect(fingerprintOf({ ...base, message: "Response 1 was empty" })).not.toBe(fingerprint);
  });

  it("uses the client's fingerprint when it sends one", () => {
    const sent = fingerprintOf({ errorType: "A", message: "x", stack: jsStack(1), clientFingerprint: "checkout-timeout" });
    expect(fingerprintOf({ errorType: "B", message: "y", stack: null, clientFingerprint: "checkout-timeout" })).toBe(sent);
    expect(fingerprintOf({ errorType: "A", message: "x", stack: jsStack(1) })).not.toBe(sent);
  });

  it("reads Swift and Kotlin stacks by their in-app frames", () => {
    const swift = (address: string) => `0   MyApp  ${address} ProfileViewController.load() + 120
1   UIKitCore  0x00000001a2b3c4d5 -[UIViewController loadViewIfRequired] + 1000
2   MyApp  0x0000000100a1b2c3 AppDelegate.application(_:didFinishLaunchingWithOptions:) + 44`;
    expect(topFrames(swift("0x0000000100f1e2d3"))).toEqual(["MyApp ProfileViewController.load()", "MyApp AppDelegate.application(_:didFinishLaunchingWithOptions:)"]);
    expect(fingerprintOf({ errorType: "EXC_BAD_ACCESS", message: null, stack: swift("0x0000000100f1e2d3") })).toBe(fingerprintOf({ errorType: "EXC_BAD_ACCESS", message: null, stack: swift("0x0000000100aaaaaa") }));
    const kotlin = `java.lang.IllegalStateException: boom
\tat com.example.app.CartRepository.load(CartRepository.kt:88)
\tat kotlinx.coroutines.DispatchedTask.run(DispatchedTask.kt:108)
\tat com.example.app.CartViewModel.refresh(CartViewModel.kt:31)`;
    expect(topFrames(kotlin)).toEqual(["at com.example.app.CartRepository.load(CartRepository.kt)", "at com.example.app.CartViewModel.refresh(CartViewModel.kt)"]);
  });
});
