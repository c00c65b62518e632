import { Context, Effect, Layer } from "effect"
import {
  type BucketWindow,
  expiresAt,
  giveBack,
  keepMillis,
  type Outcome,
  type Reservation,
  reserve,
  settle,
  type Ticket
} from "./rateLimitWindow.js"

export type { Outcome, Reservation, Ticket } from "./rateLimitWindow.js"

/**
 * Where the rate limiter keeps its buckets: each operation is atomic on one bucket. In memory by
 * default; `effect-stoat/redis` shares the buckets between processes.
 */
export class RateLimiterStore extends Context.Tag("effect-stoat/RateLimiterStore")<RateLimiterStore, {
  /** Takes a slot in the bucket now, or says how long to wait before asking again. */
  readonly reserve: (key: string) => Effect.Effect<Reservation>
  /** Learns from the answer (or its absence) to a request that went out; its slot stays spent. */
  readonly settle: (key: string, ticket: Ticket, outcome: Outcome) => Effect.Effect<void>
  /** Returns the slot of a request that was never sent. */
  readonly giveBack: (key: string, ticket: Ticket) => Effect.Effect<void>
  /** `reserve` done at once at the instant `now`, by a store in this process: the limiter's fast path. */
  readonly reserveNow?: (key: string, now: number) => Reservation
}>() {
  /** The buckets of this process, in memory; idle ones are dropped. */
  static memory: Layer.Layer<RateLimiterStore> = Layer.sync(RateLimiterStore, () => {
    const buckets = new Map<string, BucketWindow>()
    let sweepAt = 0
    const step = <A>(key: string, now: number, take: (window: BucketWindow | undefined, now: number) => readonly [A, BucketWindow | undefined]) => {
      if (now >= sweepAt) {
        for (const [name, window] of buckets) if (now >= expiresAt(window)) buckets.delete(name)
        sweepAt = now + keepMillis
      }
      const [result, next] = take(buckets.get(key), now)
      if (next === undefined) buckets.delete(key)
      else buckets.set(key, next)
      return result
    }
    const update = <A>(key: string, take: (window: BucketWindow | undefined, now: number) => readonly [A, BucketWindow | undefined]) =>
      Effect.clockWith((clock) => Effect.sync(() => step(key, clock.unsafeCurrentTimeMillis(), take)))
    return {
      reserveNow: (key, now) => step(key, now, reserve),
      reserve: (key) => update(key, reserve),
      settle: (key, ticket, outcome) => update(key, (window, now) => [undefined, settle(window, ticket, outcome, now)]),
      giveBack: (key, ticket) => update(key, (window, now) => [undefined, giveBack(window, ticket, now)])
    }
  })
}

