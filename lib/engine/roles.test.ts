import { describe, expect, it } from "vitest";
import { canRole, describeRoles, hasAtLeastRole, isRole, parseRole, roleRank, roleSchema } from "./roles";

describe("canRole", () => {
  it("lets admin fire anything, even an empty roles list", () => {
    expect(canRole("admin", undefined)).toBe(true);
    expect(canRole("admin", [])).toBe(true);
    expect(canRole("admin", ["viewer"])).toBe(true);
  });

  it("lets operators but never viewers fire transitions without a roles list", () => {
    expect(canRole("operator", undefined)).toBe(true);
    expect(canRole("viewer", undefined)).toBe(false);
  });

  it("requires the role to be listed when a list is given", () => {
    expect(canRole("operator", ["admin"])).toBe(false);
    expect(canRole("operator", ["operator"])).toBe(true);
    expect(canRole("viewer", ["viewer"])).toBe(true);
    expect(canRole("operator", [])).toBe(false);
  });
});

describe("role helpers", () => {
  it("ranks viewer < operator < admin", () => {
    expect([roleRank("viewer"), roleRank("operator"), roleRank("admin")]).toEqual([0, 1, 2]);
    expect(hasAtLeastRole("admin", "operator")).toBe(true);
    expect(hasAtLeastRole("viewer", "operator")).toBe(false);
    expect(hasAtLeastRole("operator", "operator")).toBe(true);
  });

  it("reads database enum values in any case and rejects the rest", () => {
    expect(parseRole("ADMIN")).toBe("admin");
    expect(parseRole("Operator")).toBe("operator");
    expect(parseRole("root")).toBeNull();
    expect(parseRole(3)).toBeNull();
    expect(isRole("viewer")).toBe(true);
    expect(isRole("VIEWER")).toBe(false);
  });

  it("describes who may fire, admin always included", () => {
    expect(describeRoles(undefined)).toBe("operator, admin");
    expect(describeRoles([])).toBe("admin");
    expect(describeRoles(["viewer"])).toBe("viewer, admin");
  });

  it("validates roles with a message listing them", () => {
    const result = roleSchema.safeParse("root");
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('must be one of "viewer", "operator", "admin"');
  });
});
