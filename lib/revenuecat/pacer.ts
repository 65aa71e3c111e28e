// Keeps a RevenueCat client under its rate limit instead of bouncing off 429s. RevenueCat counts
// requests per API key per minute and says, on every success, how many it counted
// (`RevenueCat-Rate-Limit-Current-Usage`, that request included) out of how many
// (`…-Current-Limit`). The pacer keeps a log of its own requests, each held from the moment it is
// sent until a window after its answer arrived, and sends the next one only while fewer than the
// limit are held. An answer always comes after RevenueCat counted the request, so a request the
// pacer has let go of has left RevenueCat's window too: a lone client never sees a 429, and sends
// the whole budget in each window (a burst, then one request each time an old one leaves).

export interface PacerOptions {
  /** How long RevenueCat counts a request: a minute (INTEGRATIONS.md §1a); tests shorten it. */
  windowMs?: number;
}

interface Slot {
  /** When the answer arrived; Infinity while the request is in flight. */
  answeredAt: number;
}

export class RatePacer {
  readonly windowMs: number;
  // Held a little past the window, for a server that counts from a clock or bucket a moment off ours.
  private readonly holdMs: number;
  private slots: Slot[] = [];
  private knownLimit: number | null = null;
  // Requests RevenueCat counts that are not this client's: another job on the same key, or a
  // process that died a moment ago. They leave the window within one window of the last answer.
  private foreign = 0;
  private foreignUntil = 0;
  private readonly waiters = new Set<() => void>();

  constructor(options: PacerOptions = {}) {
    this.windowMs = options.windowMs ?? 60_000;
    this.holdMs = this.windowMs + Math.max(50, Math.round(this.windowMs / 100));
  }

  /** The budget per window, as RevenueCat last stated it; null before the first answer. */
  get limit(): number | null {
    return this.knownLimit;
  }

  /** Waits until one more request fits in the budget, and holds a place for it. */
  async acquire(signal?: AbortSignal): Promise<Slot> {
    for (;;) {
      const now = Date.now();
      this.forgetOld(now);
      const foreign = now < this.foreignUntil ? this.foreign : 0;
      // Until an answer states the limit, one request at a time finds it out (an error states none).
      const fits = this.knownLimit === null ? !this.slots.some((slot) => slot.answeredAt === Number.POSITIVE_INFINITY) : this.slots.length + foreign < this.knownLimit;
      if (fits) {
        const slot = { answeredAt: Number.POSITIVE_INFINITY };
        this.slots.push(slot);
        return slot;
      }
      await this.waitForRoom(now, foreign, signal);
    }
  }

  /** The request is answered: with the usage headers of a success, or nulls for anything else. */
  release(slot: Slot, usage: number | null, limit: number | null): void {
    const now = Date.now();
    slot.answeredAt = now;
    if (limit !== null && limit > 0) this.knownLimit = limit;
    if (usage !== null) {
      this.forgetOld(now);
      // What RevenueCat counts beyond what we hold is someone else's (never an overestimate: we hold
      // our requests at least as long as RevenueCat counts them).
      this.foreign = Math.max(0, usage - this.slots.length);
      this.foreignUntil = now + this.holdMs;
    }
    for (const wake of [...this.waiters]) wake();
  }

  private forgetOld(now: number): void {
    this.slots = this.slots.filter((slot) => slot.answeredAt + this.holdMs > now);
  }

  // Until the oldest answered request leaves the window, the foreign usage expires, or any request
  // in flight is answered (which may state the limit or free a place).
  private waitForRoom(now: number, foreign: number, signal?: AbortSignal): Promise<void> {
    let at = foreign > 0 ? this.foreignUntil : Number.POSITIVE_INFINITY;
    if (this.knownLimit !== null) for (const slot of this.slots) at = Math.min(at, slot.answeredAt + this.holdMs);
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const done = () => {
        clearTimeout(timer);
        signal?.removeEventListener("abort", onAbort);
        this.waiters.delete(done);
        resolve();
      };
      const onAbort = () => {
        clearTimeout(timer);
        this.waiters.delete(done);
        reject(signal?.reason);
      };
      const timer = Number.isFinite(at) ? setTimeout(done, Math.max(0, at - now)) : undefined;
      this.waiters.add(done);
      signal?.addEventListener("abort", onAbort, { once: true });
    });
  }
}
