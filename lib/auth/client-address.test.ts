import { describe, expect, it } from "vitest";
import { clientAddressFrom, normaliseAddress } from "./client-address";

describe("clientAddressFrom", () => {
  it("takes the peer (the only entry) when no proxy is trusted", () => {
    expect(clientAddressFrom("198.51.100.7", 0)).toBe("198.51.100.7");
    expect(clientAddressFrom("::ffff:127.0.0.1", 0)).toBe("127.0.0.1");
  });

  it("takes the entry the outermost trusted proxy appended, ignoring what the client claimed", () => {
    expect(clientAddressFrom("6.6.6.6, 203.0.113.9", 1)).toBe("203.0.113.9");
    expect(clientAddressFrom("6.6.6.6, 203.0.113.9, 10.0.0.2", 2)).toBe("203.0.113.9");
    expect(clientAddressFrom("203.0.113.9", 2)).toBe("203.0.113.9");
  });

  it("answers unknown for nothing usable", () => {
    expect(clientAddressFrom(undefined, 0)).toBe("unknown");
    expect(clientAddressFrom("", 1)).toBe("unknown");
    expect(clientAddressFrom("not-an-address", 0)).toBe("unknown");
  });
});

describe("normaliseAddress", () => {
  it("spells one address one way", () => {
    expect(normaliseAddress("[2001:DB8::1]:443")).toBe("2001:db8::1");
    expect(normaliseAddress("192.0.2.1:8080")).toBe("192.0.2.1");
    expect(normaliseAddress("::FFFF:192.0.2.1")).toBe("192.0.2.1");
  });
});
