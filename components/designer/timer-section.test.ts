import { describe, expect, it } from "vitest";
import { timerSecondsError } from "./timer-section";

describe("timerSecondsError", () => {
  it("accepts a second to a year, fractions included", () => {
    for (const text of ["1", "1.5", "3600", "31622400", " 60 "]) expect(timerSecondsError(text), text).toBeNull();
  });

  it("refuses less than a second and more than a year, naming the range", () => {
    for (const text of ["0", "0.5", "31622401"])
      expect(timerSecondsError(text), text).toBe("Between 1 second and 31,622,400 seconds (a year).");
  });

  it("refuses what is not a number of seconds", () => {
    for (const text of ["", "-5", "1h", "1e3"])
      expect(timerSecondsError(text), text).toBe("Enter a number of seconds.");
  });
});
