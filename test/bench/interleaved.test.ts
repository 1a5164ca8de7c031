import { describe, expect, it } from "vitest";
import {
  checkpointBeforeSlices,
  formatRatio,
  median,
  pairedRatio,
  rotationOrder,
  runInterleaved,
} from "../../scripts/bench/interleaved";

describe("interleaved bench rounds", () => {
  it("rotates the order each round, so every variant leads and trails alike", async () => {
    const ran: string[] = [];
    const variant = (name: string) => ({ name, slice: async () => (ran.push(name), `${name}${ran.length}`) });
    const slices = await runInterleaved([variant("a"), variant("b"), variant("c")], 4);
    expect(ran.join("")).toBe("abc" + "bca" + "cab" + "abc");
    expect(slices.get("b")).toEqual(["b2", "b4", "b9", "b11"]);
    expect(rotationOrder(3, 3)).toEqual([
      [0, 1, 2],
      [1, 2, 0],
      [2, 0, 1],
    ]);
    // Over n rounds each variant sits at each position once.
    const positions = rotationOrder(5, 5).map((order) => order.indexOf(3));
    expect([...positions].sort()).toEqual([0, 1, 2, 3, 4]);
  });

  it("judges a ratio on the median of the rounds, which one disturbed round cannot move", () => {
    // Round 3's denominator slice ran during a checkpoint: the per-round ratios are 0.95 but
    // for that one round, and the ratio of the totals reads 1.03, a pass against 1.0.
    const numerators = [950, 960, 940, 955, 945];
    const denominators = [1000, 1010, 600, 1005, 995];
    const totals = numerators.reduce((a, b) => a + b) / denominators.reduce((a, b) => a + b);
    expect(totals).toBeCloseTo(1.03, 2);
    const ratio = pairedRatio(numerators, denominators);
    expect(ratio.median).toBeCloseTo(0.95, 2);
    expect(ratio.low).toBeCloseTo(0.95, 2);
    expect(ratio.high).toBeCloseTo(1.567, 2);
    expect(formatRatio(ratio)).toBe("0.95 (0.95–1.57, 5 rounds)");
  });

  it("leaves out rounds that measured nothing and refuses unpaired lists", () => {
    expect(pairedRatio([1, 2, 3], [0, 2, 3]).perRound).toEqual([1, 1]);
    expect(Number.isNaN(pairedRatio([1], [0]).median)).toBe(true);
    expect(() => pairedRatio([1, 2], [1])).toThrow(/2 and 1 rounds/);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([5])).toBe(5);
    expect(formatRatio(pairedRatio([3], [2]))).toBe("1.50");
  });

  it("puts the database in the same state before every slice, and goes on without when it may not", async () => {
    const ran: string[] = [];
    const variant = (name: string) => ({ name, slice: async () => void ran.push(name) });
    const statements: string[] = [];
    const logged: string[] = [];
    const client = {
      async query(text: string) {
        statements.push(text);
        ran.push("checkpoint");
      },
    };
    await runInterleaved([variant("a"), variant("b")], 2, {
      beforeSlice: checkpointBeforeSlices(client, (m) => logged.push(m)),
    });
    expect(ran).toEqual(["checkpoint", "a", "checkpoint", "b", "checkpoint", "b", "checkpoint", "a"]);
    expect(new Set(statements)).toEqual(new Set(["CHECKPOINT"]));

    // Without the privilege: said once, then the slices run as they come.
    let attempts = 0;
    const refusing = {
      async query() {
        attempts += 1;
        throw new Error("must be superuser or have privileges of pg_checkpoint to do CHECKPOINT");
      },
    };
    const before = checkpointBeforeSlices(refusing, (m) => logged.push(m));
    await before();
    await before();
    expect(attempts).toBe(1);
    expect(logged).toEqual([expect.stringMatching(/^no CHECKPOINT before slices \(must be superuser/)]);
  });
});
