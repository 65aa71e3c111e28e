import { describe, expect, it } from "vitest";
import { isPrivateAddress } from "@/lib/net/addresses";

describe("the server's own network", () => {
  it("covers private, loopback, link-local, shared and reserved IPv4", () => {
    for (const address of ["127.0.0.1", "127.255.0.9", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0", "224.0.0.1", "255.255.255.255", "198.18.0.1"]) {
      expect(isPrivateAddress(address), address).toBe(true);
    }
    for (const address of ["93.184.215.14", "8.8.8.8", "172.32.0.1", "1.1.1.1"]) expect(isPrivateAddress(address), address).toBe(false);
  });

  it("covers IPv6, and IPv4 carried inside IPv6 in every form", () => {
    for (const address of [
      "::1",
      "::",
      "fe80::1",
      "fe80::1%eth0",
      "fd12:3456::1",
      "fec0::1",
      "ff02::1",
      "::ffff:127.0.0.1",
      "::ffff:7f00:1",
      "::ffff:a00:1",
      "::ffff:a9fe:a9fe",
      "0:0:0:0:0:ffff:7f00:1",
      "::127.0.0.1",
      "64:ff9b::7f00:1",
      "64:ff9b::10.0.0.1",
      "2002:7f00:1::1",
      "2002:c0a8:101::",
      "2001:0:4136:e378::1",
      "2001:db8::1",
    ]) {
      expect(isPrivateAddress(address), address).toBe(true);
    }
    for (const address of ["2606:4700:4700::1111", "::ffff:5db8:d70e", "64:ff9b::808:808", "2002:808:808::1", "2a00:1450:4001::200e"]) {
      expect(isPrivateAddress(address), address).toBe(false);
    }
  });

  it("treats what is not an address as private", () => {
    expect(isPrivateAddress("localhost")).toBe(true);
    expect(isPrivateAddress("")).toBe(true);
  });
});
