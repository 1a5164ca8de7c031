import { describe, expect, it } from "vitest";
import { assertPasswordAllowed, passwordProblem } from "./password-policy";

const EMAIL = "grace.hopper@example.com";

describe("passwordProblem", () => {
  it("accepts long passwords nobody uses", () => {
    expect(passwordProblem("correct horse battery", EMAIL)).toBeNull();
    expect(passwordProblem("Tq7-vineyard-Lamp", EMAIL)).toBeNull();
  });

  it("refuses passwords under 12 or over 256 characters", () => {
    expect(passwordProblem("Tq7-vineyard", EMAIL)).toBeNull();
    expect(passwordProblem("Tq7-vineyar", EMAIL)).toBe("Use at least 12 characters.");
    expect(passwordProblem("x".repeat(200) + "abcdefghijklmnopqrstuvwxyz".repeat(3), EMAIL)).toBe(
      "Use at most 256 characters.",
    );
  });

  it.each(["qwerty123456", "1q2w3e4r5t6y", "password1234", "Password123!", "!!monkey2024!!", "dragondragon"])(
    "refuses the common password %j and its padded or repeated forms",
    (password) => {
      expect(passwordProblem(password, EMAIL)).toBe("This is one of the most used passwords. Choose another.");
    },
  );

  it("refuses the e-mail address or its local part", () => {
    expect(passwordProblem(EMAIL, EMAIL)).toBe("Do not use your e-mail address in your password.");
    expect(passwordProblem("Grace.Hopper2026", EMAIL)).toBe("Do not use your e-mail address in your password.");
  });

  it("refuses too few different characters", () => {
    expect(passwordProblem("aaaaaaaaaaaaaaaa", EMAIL)).toBe("Use more different characters.");
    expect(passwordProblem("abababababab", EMAIL)).toBe("Use more different characters.");
  });

  it("throws a field error naming the field", () => {
    expect(() => assertPasswordAllowed("qwerty123456", EMAIL, "newPassword")).toThrow(
      expect.objectContaining({
        code: "VALIDATION_FAILED",
        fieldErrors: [{ path: "newPassword", message: "This is one of the most used passwords. Choose another." }],
      }),
    );
  });
});
