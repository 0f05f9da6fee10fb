// Bounds the bytes of tiles in flight: a task waits until its estimated working set fits the budget.
export class MemoryBudget {
  private used = 0;
  private readonly waiting: Array<{ bytes: number; wake: () => void }> = [];

  constructor(readonly limit: number) {}

  /** Reserve `bytes` (a request larger than the whole budget is clamped to it, so it runs alone). */
  async acquire(bytes: number): Promise<number> {
    const amount = Math.min(bytes, this.limit);
    if (this.used + amount > this.limit || this.waiting.length > 0) {
      await new Promise<void>((wake) => this.waiting.push({ bytes: amount, wake }));
    } else {
      this.used += amount;
    }
    return amount;
  }

  release(amount: number): void {
    this.used -= amount;
    while (this.waiting.length > 0 && this.used + this.waiting[0]!.bytes <= this.limit) {
      const next = this.waiting.shift()!;
      this.used += next.bytes;
      next.wake();
    }
  }
}
