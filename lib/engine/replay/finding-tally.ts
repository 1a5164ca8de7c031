/**
 * Counts findings by a key and keeps the first few example ids of each (distinct, in the
 * order met). Local mutable state inside one pure replay; never shared.
 */
export class FindingTally<T extends { count: number; examples: string[] }> {
  private readonly byKey = new Map<string, T>();

  constructor(private readonly exampleLimit: number) {}

  /** The finding for `key`, created by `create` the first time; counted once more, with the example. */
  add(key: string, create: () => T, example: string): T {
    let finding = this.byKey.get(key);
    if (!finding) {
      finding = create();
      this.byKey.set(key, finding);
    }
    finding.count += 1;
    if (finding.examples.length < this.exampleLimit && !finding.examples.includes(example))
      finding.examples.push(example);
    return finding;
  }

  /** Most frequent first, then by key for a stable order. */
  list(): T[] {
    return [...this.byKey.entries()]
      .sort(([ka, a], [kb, b]) => b.count - a.count || (ka < kb ? -1 : ka > kb ? 1 : 0))
      .map(([, finding]) => finding);
  }
}
