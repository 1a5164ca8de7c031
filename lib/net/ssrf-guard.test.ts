import { describe, expect, it } from "vitest";
import { BlockedDestinationError, checkDestination, nonPublicReason, type Resolver } from "./ssrf-guard";

const none = new Set<string>();
const answers =
  (...addresses: string[]): Resolver =>
  async () =>
    addresses.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));

describe("checkDestination", () => {
  it.each([
    "http://127.0.0.1/",
    "http://[::1]/",
    "http://[::ffff:127.0.0.1]/",
    "http://[::127.0.0.1]/",
    "http://[::ffff:10.0.0.1]/",
    "http://[64:ff9b::7f00:1]/",
    "http://[64:ff9b::a9fe:a9fe]/",
    "http://0x7f.1/",
    "http://2130706433/",
    "http://0177.0.0.1/",
    "http://169.254.169.254/latest/meta-data",
    "http://10.1.2.3/",
    "http://172.16.0.1/",
    "http://192.168.1.1/",
    "http://100.64.0.1/",
    "http://0.0.0.0/",
    "http://[fd00::1]/",
    "http://[fe80::1]/",
    "http://[2002:7f00:1::]/",
    "http://[::]/",
    "http://255.255.255.255/",
  ])("refuses %s", async (url) => {
    await expect(checkDestination(url, none, answers("93.184.216.34"))).rejects.toBeInstanceOf(BlockedDestinationError);
  });

  it("refuses a name if any of its addresses is not public", async () => {
    await expect(
      checkDestination("https://hooks.example.com/x", none, answers("93.184.216.34", "10.0.0.5")),
    ).rejects.toThrow(/10\.0\.0\.5/);
  });

  it("returns the first checked address and keeps the host name for TLS", async () => {
    const checked = await checkDestination("https://Hooks.Example.com:8443/x", none, answers("93.184.216.34"));
    expect(checked).toMatchObject({ host: "hooks.example.com", address: "93.184.216.34", family: 4 });
    expect(checked.url.host).toBe("hooks.example.com:8443");
  });

  it("lets allow-listed hosts reach private addresses, still pinned to one address", async () => {
    const checked = await checkDestination("http://localhost:9/", new Set(["localhost"]), answers("127.0.0.1"));
    expect(checked.address).toBe("127.0.0.1");
    await expect(checkDestination("http://[::ffff:127.0.0.1]/", new Set(["::ffff:7f00:1"]))).resolves.toMatchObject({
      family: 6,
    });
  });

  it("refuses other schemes and garbage", async () => {
    await expect(checkDestination("file:///etc/passwd", none)).rejects.toThrow(/scheme/);
    await expect(checkDestination("gopher://x/", none)).rejects.toThrow(/scheme/);
    await expect(checkDestination("not a url", none)).rejects.toThrow(/valid URL/);
  });
});

describe("nonPublicReason", () => {
  it("accepts public IPv4 and global IPv6", () => {
    expect(nonPublicReason("93.184.216.34")).toBeNull();
    expect(nonPublicReason("2606:4700:4700::1111")).toBeNull();
  });
  it("judges IPv4-mapped IPv6 as the IPv4 it carries", () => {
    expect(nonPublicReason("::ffff:93.184.216.34")).toBeNull();
    expect(nonPublicReason("::ffff:192.168.0.1")).toBe("private");
  });
});
