import { Duration, Effect, Exit, Fiber, FiberId, type Scope } from "effect"

/** One attempt being timed. */
interface Watch {
  readonly budget: number
  /** Milliseconds of wire time it has left. */
  left: number
  /** When it started, on the clock. */
  readonly since: number
  expired: boolean
  readonly fiber: Fiber.RuntimeFiber<unknown, unknown>
}

/** Runs an attempt with a budget of wire time; once it is spent the attempt is interrupted and fails with `onTimeout()`. */
export type WireTimeout = <A, E, E2>(
  attempt: Effect.Effect<A, E>,
  budget: Duration.Duration,
  onTimeout: () => E2
) => Effect.Effect<A, E | E2>

/** The longest tick: how late past its budget an attempt may be cut off. */
const longestTick = 100

/**
 * Wire-time budgets of the attempts in flight, counted down by one fiber (in `scope`) that ticks
 * while any attempt is timed. A tick charges at most its nominal length: time the event loop spent
 * busy elsewhere (a tick that ends late) is not charged, so an answer that arrived meanwhile is
 * read rather than timed out. One timer for all attempts costs less than racing one per attempt.
 */
export const makeWireTimeout = (scope: Scope.Scope): WireTimeout => {
  const watches = new Set<Watch>()
  let ticking = false

  const tickMillis = () => {
    let tick = longestTick
    for (const watch of watches) tick = Math.min(tick, Math.max(1, watch.budget / 10))
    return tick
  }

  const charge = (tick: number, start: number, now: number) => {
    for (const watch of watches) {
      watch.left -= Math.min(tick, now - Math.max(start, watch.since))
      if (watch.left <= 0 && !watch.expired) {
        watch.expired = true
        watch.fiber.unsafeInterruptAsFork(FiberId.none)
      }
    }
  }

  const ticker: Effect.Effect<void> = Effect.clockWith((clock) => {
    const loop: Effect.Effect<void> = Effect.suspend(() => {
      if (watches.size === 0) return Effect.void
      const tick = tickMillis()
      const start = clock.unsafeCurrentTimeMillis()
      return Effect.zipRight(
        Effect.sleep(tick),
        Effect.suspend(() => {
          charge(tick, start, clock.unsafeCurrentTimeMillis())
          return loop
        })
      )
    })
    return loop
  }).pipe(Effect.ensuring(Effect.sync(() => (ticking = false))))

  const startTicking = Effect.suspend(() => {
    if (ticking) return Effect.void
    ticking = true
    return Effect.asVoid(Effect.forkIn(Effect.interruptible(ticker), scope))
  })

  return <A, E, E2>(attempt: Effect.Effect<A, E>, budget: Duration.Duration, onTimeout: () => E2) =>
    Effect.uninterruptibleMask((restore) =>
      Effect.flatMap(Effect.fork(restore(attempt)), (fiber) =>
        Effect.clockWith((clock) => {
          const millis = Duration.toMillis(budget)
          const watch: Watch = { budget: millis, left: millis, since: clock.unsafeCurrentTimeMillis(), expired: false, fiber }
          watches.add(watch)
          return Effect.zipRight(startTicking, restore(Fiber.await(fiber))).pipe(
            Effect.onInterrupt(() => Fiber.interrupt(fiber)),
            Effect.ensuring(Effect.sync(() => watches.delete(watch))),
            Effect.flatMap((exit): Effect.Effect<A, E | E2> =>
              Exit.isFailure(exit) && watch.expired ? Effect.fail(onTimeout()) : exit
            )
          )
        }))
    )
}
