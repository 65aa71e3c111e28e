// Behind a trusted proxy the client is the proxy's last X-Forwarded-For entry; otherwise the socket.
import { describe, expect, it } from "vitest";
import { connectionAddress } from "@/lib/auth/connection-address";

describe("connectionAddress", () => {
  it("is the socket's address unless a proxy is trusted, whatever the client sends", () => {
    expect(connectionAddress("10.0.0.5", "1.2.3.4", false)).toBe("10.0.0.5");
    expect(connectionAddress(undefined, undefined, false)).toBe("unknown");
  });

  it("is the entry the trusted proxy appended last, never one the client wrote before it", () => {
    expect(connectionAddress("10.0.0.2", "6.6.6.6, 203.0.113.9", true)).toBe("203.0.113.9");
    expect(connectionAddress("10.0.0.2", ["6.6.6.6", "203.0.113.9"], true)).toBe("203.0.113.9");
    expect(connectionAddress("10.0.0.2", undefined, true)).toBe("10.0.0.2");
  });
});
