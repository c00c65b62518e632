import { type Clock, Duration, Effect, Exit, Fiber, FiberId, type Scope } from "effect"
import { WireCutoff } from "../internal/wireCutoff.js"

/** One attempt being timed. */
interface Watch {
  readonly budget: number
  /** Milliseconds of wire time it has left. */
  left: number
  /** When it started, on the clock. */
  readonly since: number
  expired: boolean
  /** Stops the attempt. */
  readonly expire: () => void
}

/** Runs attempts with a budget of wire time each; once it is spent the attempt fails with `onTimeout()`. */
export interface WireTimeout {
  /** The attempt runs in a fiber of its own, interrupted when its budget is spent. */
  readonly interrupting: <A, E, E2>(
    attempt: Effect.Effect<A, E>,
    budget: Duration.Duration,
    onTimeout: () => E2
  ) => Effect.Effect<A, E | E2>
  /** The attempt runs here and is stopped through `cutoff` (its transport must heed it: see `WireCutoff`). */
  readonly cuttingOff: <A, E, E2>(
    attempt: (cutoff: WireCutoff) => Effect.Effect<A, E>,
    budget: Duration.Duration,
    onTimeout: () => E2
  ) => Effect.Effect<A, E | E2>
}

/** The longest tick: how late past its budget an attempt may be cut off. */
const longestTick = 1000

/**
 * Wire-time budgets of the attempts in flight, counted down by one fiber (in `scope`) per clock
 * that ticks while any attempt on that clock is timed (a test's `TestClock` gets its own). A tick
 * charges at most its nominal length: time the event loop spent busy elsewhere (a tick that ends
 * late) is not charged, so an answer that arrived meanwhile is read rather than timed out. One
 * timer for all attempts costs less than racing one per attempt.
 */
export const makeWireTimeout = (scope: Scope.Scope): WireTimeout => {
  /** The attempts timed on each clock; a clock is here while its ticker runs. */
  const timed = new Map<Clock.Clock, Set<Watch>>()

  const tickMillis = (watches: Set<Watch>) => {
    let tick = longestTick
    for (const watch of watches) tick = Math.min(tick, Math.max(1, watch.budget / 10))
    return tick
  }

  const charge = (watches: Set<Watch>, tick: number, start: number, now: number) => {
    for (const watch of watches) {
      watch.left -= Math.min(tick, now - Math.max(start, watch.since))
      if (watch.left <= 0) {
        watch.expired = true
        watches.delete(watch)
        watch.expire()
      }
    }
  }

  const ticker = (clock: Clock.Clock, watches: Set<Watch>): Effect.Effect<void> => {
    const stop = () => {
      if (timed.get(clock) === watches) timed.delete(clock)
    }
    const loop: Effect.Effect<void> = Effect.suspend(() => {
      if (watches.size === 0) {
        stop()
        return Effect.void
      }
      const tick = tickMillis(watches)
      const start = clock.unsafeCurrentTimeMillis()
      return Effect.zipRight(
        clock.sleep(Duration.millis(tick)),
        Effect.suspend(() => {
          charge(watches, tick, start, clock.unsafeCurrentTimeMillis())
          return loop
        })
      )
    })
    return Effect.ensuring(loop, Effect.sync(stop))
  }

  /** Times an attempt on the current clock, starting that clock's ticker if it is not running. */
  const watch = (budget: Duration.Duration, expire: () => void) =>
    Effect.clockWith((clock) => {
      const millis = Duration.toMillis(budget)
      const watch: Watch = { budget: millis, left: millis, since: clock.unsafeCurrentTimeMillis(), expired: false, expire }
      const running = timed.get(clock)
      if (running !== undefined) {
        running.add(watch)
        return Effect.succeed({ watch, watches: running })
      }
      const watches = new Set([watch])
      timed.set(clock, watches)
      return Effect.as(Effect.forkIn(Effect.interruptible(ticker(clock, watches)), scope), { watch, watches })
    })

  return {
    interrupting: <A, E, E2>(attempt: Effect.Effect<A, E>, budget: Duration.Duration, onTimeout: () => E2) =>
      Effect.uninterruptibleMask((restore) =>
        Effect.flatMap(Effect.fork(restore(attempt)), (fiber) =>
          Effect.flatMap(watch(budget, () => fiber.unsafeInterruptAsFork(FiberId.none)), ({ watch, watches }) =>
            restore(Fiber.await(fiber)).pipe(
              Effect.onInterrupt(() => Fiber.interrupt(fiber)),
              Effect.ensuring(Effect.sync(() => watches.delete(watch))),
              Effect.flatMap((exit): Effect.Effect<A, E | E2> =>
                Exit.isFailure(exit) && watch.expired ? Effect.fail(onTimeout()) : exit
              )
            )))
      ),
    cuttingOff: <A, E, E2>(attempt: (cutoff: WireCutoff) => Effect.Effect<A, E>, budget: Duration.Duration, onTimeout: () => E2) =>
      Effect.suspend(() => {
        const cutoff = new WireCutoff()
        return Effect.flatMap(watch(budget, () => cutoff.expire()), ({ watch, watches }) =>
          attempt(cutoff).pipe(
            Effect.ensuring(Effect.sync(() => watches.delete(watch))),
            Effect.catchAll((error): Effect.Effect<never, E | E2> => Effect.fail(watch.expired ? onTimeout() : error))
          ))
      })
  }
}
