import { assert, describe, it } from "@effect/vitest"
import { Deferred, Effect, Exit, Fiber, FiberId, Layer, Option, TestClock } from "effect"
import { RateLimiter, RateLimiterStore, type RequestKey } from "effect-stoat"
import { windowServer } from "./windowServer.js"

const server = "01HZ0000000000000000000001"
const kick = (member: number): RequestKey => ({
  method: "DELETE",
  path: `/servers/${server}/members/01HZ00000000000000000${String(member).padStart(5, "0")}`,
  identity: "https://api.example.test"
})

const withLimiter = <A, E>(effect: Effect.Effect<A, E, RateLimiter>) => Effect.provide(effect, RateLimiter.layer)

/**
 * Two slots a window: caller 0 sends, `interrupt` stops caller 1 between its grant and its send,
 * and caller 2 must still get the window's last slot (the interrupted caller's, given back).
 */
const secondSlotGivenBack = (
  store: Layer.Layer<RateLimiterStore>,
  interrupt: (second: Effect.Effect<unknown, never, never>) => Effect.Effect<void>
) =>
  Effect.gen(function*() {
    const { limit } = yield* RateLimiter
    const fake = windowServer(2, 10_000)
    yield* limit(kick(0), fake.send(0))
    yield* interrupt(limit(kick(1), fake.send(1)))
    yield* callers(1, () => limit(kick(2), fake.send(2)))
    assert.deepStrictEqual(fake.seen.map((request) => [request.caller, request.at]), [[0, 0], [2, 0]])
  }).pipe(Effect.provide(RateLimiter.layerStore.pipe(Layer.provide(store))))

/** Starts `count` callers in arrival order and lets every fiber run as far as it can. */
const callers = (count: number, send: (caller: number) => Effect.Effect<unknown, never, RateLimiter>) =>
  Effect.gen(function*() {
    const fibers = []
    for (let caller = 0; caller < count; caller++) fibers.push(yield* Effect.fork(send(caller)))
    yield* TestClock.adjust(0)
    return fibers
  })

describe("RateLimiter", () => {
  it.effect("an exhausted bucket waits exactly until its reset (the first instant after it, as the backend counts)", () =>
    Effect.gen(function*() {
      const { limit } = yield* RateLimiter
      const fake = windowServer(5, 10_000)
      yield* callers(6, (caller) => limit(kick(caller), fake.send(caller)))
      assert.lengthOf(fake.seen, 5)
      yield* TestClock.adjust(10_000)
      assert.lengthOf(fake.seen, 5)
      yield* TestClock.adjust(1)
      assert.lengthOf(fake.seen, 6)
      assert.strictEqual(fake.seen[5]?.at, 10_001)
      assert.strictEqual(fake.refused(), 0)
    }).pipe(withLimiter))

  it.effect("a limit of L sends exactly L a window, in arrival order, with no 429", () =>
    Effect.gen(function*() {
      const { limit } = yield* RateLimiter
      const fake = windowServer(5, 10_000)
      const fibers = yield* callers(23, (caller) => limit(kick(caller), fake.send(caller)))
      yield* TestClock.adjust(40_004)
      yield* Fiber.joinAll(fibers)
      assert.deepStrictEqual(fake.seen.map((request) => request.caller), Array.from({ length: 23 }, (_, i) => i))
      assert.deepStrictEqual(
        fake.seen.map((request) => request.at),
        [0, 0, 0, 0, 0, ...[10_001, 20_002, 30_003].flatMap((at) => [at, at, at, at, at]), 40_004, 40_004, 40_004]
      )
      assert.strictEqual(fake.refused(), 0)
    }).pipe(withLimiter))

  it.effect("a bucket not seen yet sends one request until its answer teaches the limit", () =>
    Effect.gen(function*() {
      const { limit } = yield* RateLimiter
      const fake = windowServer(5, 10_000)
      const answer = yield* Deferred.make<void>()
      const first = yield* Effect.fork(limit(kick(0), Effect.zipRight(Deferred.await(answer), fake.send(0))))
      yield* callers(3, (caller) => limit(kick(caller + 1), fake.send(caller + 1)))
      assert.lengthOf(fake.seen, 0)
      yield* Deferred.succeed(answer, undefined)
      yield* Fiber.join(first)
      yield* TestClock.adjust(0)
      assert.lengthOf(fake.seen, 4)
    }).pipe(withLimiter))

  it.effect("a response without rate-limit headers leaves its bucket unpaced", () =>
    Effect.gen(function*() {
      const { limit } = yield* RateLimiter
      const fake = windowServer(5, 10_000, { headers: false })
      yield* limit(kick(0), fake.send(0))
      yield* callers(50, (caller) => limit(kick(caller), fake.send(caller)))
      assert.lengthOf(fake.seen, 51)
    }).pipe(withLimiter))

  it.effect("a 429 teaches the wait: the next request goes at its reset", () =>
    Effect.gen(function*() {
      const { limit } = yield* RateLimiter
      const fake = windowServer(2, 10_000)
      // Someone else spent the window before we asked.
      yield* fake.send(-1)
      yield* fake.send(-1)
      yield* TestClock.adjust(4_000)
      const answer = yield* limit(kick(0), fake.send(0))
      assert.strictEqual(answer.status, 429)
      yield* callers(1, () => limit(kick(1), fake.send(1)))
      yield* TestClock.adjust(6_000)
      assert.lengthOf(fake.seen, 3)
      yield* TestClock.adjust(1)
      assert.deepStrictEqual(fake.seen[3], { at: 10_001, caller: 1, status: 200 })
    }).pipe(withLimiter))

  it.effect("separate buckets proceed independently", () =>
    Effect.gen(function*() {
      const { limit } = yield* RateLimiter
      const servers = ["01HZ0000000000000000000001", "01HZ0000000000000000000002", "01HZ0000000000000000000003"]
      const fakes = servers.map(() => windowServer(5, 10_000))
      yield* callers(15, (caller) => {
        const which = caller % 3
        const key = { ...kick(caller), path: `/servers/${servers[which]}/members/${caller}` }
        return limit(key, fakes[which]!.send(caller))
      })
      assert.deepStrictEqual(fakes.map((fake) => fake.seen.length), [5, 5, 5])
    }).pipe(withLimiter))

  it.effect("1000 callers interrupted while waiting or in flight leave the limiter fully usable", () =>
    Effect.gen(function*() {
      const { limit } = yield* RateLimiter
      const fake = windowServer(5, 10_000)
      yield* limit(kick(0), fake.send(0))
      const fibers = yield* callers(1000, (caller) => limit(kick(caller), Effect.zipRight(fake.send(caller), Effect.never)))
      assert.lengthOf(fake.seen, 5)
      yield* Fiber.interruptAll(fibers)
      yield* TestClock.adjust(10_001)
      const after = yield* callers(5, (caller) => limit(kick(caller), fake.send(2000 + caller)))
      yield* Fiber.joinAll(after)
      assert.deepStrictEqual(fake.seen.slice(5).map((request) => request.at), [10_001, 10_001, 10_001, 10_001, 10_001])
      assert.strictEqual(fake.refused(), 0)
    }).pipe(withLimiter))

  it.effect("a slot granted to a caller interrupted before it sends is given back", () =>
    Effect.gen(function*() {
      const granted = yield* Deferred.make<void>()
      const proceed = yield* Deferred.make<void>()
      let watch = false
      // A store that pauses after granting, as a remote store answers later (and, remote, has no `reserveNow`): the interruption lands there.
      const pausing = Layer.effect(
        RateLimiterStore,
        Effect.map(RateLimiterStore, ({ reserveNow: _, ...store }) => ({
          ...store,
          reserve: (key: string) =>
            Effect.tap(store.reserve(key), (reservation) =>
              watch && reservation._tag === "Granted"
                ? Effect.zipRight(Deferred.succeed(granted, undefined), Deferred.await(proceed))
                : Effect.void)
        }))
      ).pipe(Layer.provide(RateLimiterStore.memory))
      yield* secondSlotGivenBack(pausing, (second) =>
        Effect.gen(function*() {
          watch = true
          const doomed = yield* Effect.fork(second)
          yield* Deferred.await(granted)
          watch = false
          const interruption = yield* Effect.fork(Fiber.interrupt(doomed))
          yield* Deferred.succeed(proceed, undefined)
          yield* Fiber.join(interruption)
        }))
    }))

  it.effect("a slot taken at once, for a caller interrupted before it sends, is given back", () =>
    Effect.gen(function*() {
      let watch = false
      // The store in this process grants at once; the interruption lands right after, before `send` starts.
      const interrupting = Layer.effect(
        RateLimiterStore,
        Effect.flatMap(RateLimiterStore, ({ reserveNow, ...store }) =>
          reserveNow === undefined
            ? Effect.dieMessage("the memory store reserves at once")
            : Effect.succeed({
              ...store,
              reserveNow: (key: string, now: number) => {
                const reservation = reserveNow(key, now)
                if (watch && reservation._tag === "Granted") {
                  Option.map(Fiber.getCurrentFiber(), (fiber) => fiber.unsafeInterruptAsFork(FiberId.none))
                }
                return reservation
              }
            }))
      ).pipe(Layer.provide(RateLimiterStore.memory))
      yield* secondSlotGivenBack(interrupting, (second) =>
        Effect.gen(function*() {
          watch = true
          const doomed = yield* Fiber.await(yield* Effect.fork(second))
          watch = false
          assert.isTrue(Exit.isInterrupted(doomed))
        }))
    }))

  it.effect("a request still in flight at the reset keeps its slot in the next window", () =>
    Effect.gen(function*() {
      const { limit } = yield* RateLimiter
      const fake = windowServer(2, 10_000)
      yield* limit(kick(0), fake.send(0))
      // Sent in the first window, it reaches the server only after the reset: counted in the second.
      yield* Effect.fork(limit(kick(1), Effect.zipRight(Effect.sleep(10_500), fake.send(1))))
      yield* callers(2, (caller) => limit(kick(caller + 2), fake.send(caller + 2)))
      yield* TestClock.adjust(10_001)
      yield* TestClock.adjust(499)
      yield* TestClock.adjust(9_502)
      assert.deepStrictEqual(fake.seen.map((request) => [request.caller, request.at]), [[0, 0], [2, 10_001], [1, 10_500], [3, 20_002]])
      assert.strictEqual(fake.refused(), 0)
    }).pipe(withLimiter))

  it.effect("idle buckets are forgotten once their window is long over", () =>
    Effect.gen(function*() {
      const { limit } = yield* RateLimiter
      const fake = windowServer(5, 10_000)
      yield* limit(kick(0), fake.send(0))
      yield* TestClock.adjust(60_000)
      // Forgotten: the bucket is unknown again, so one request goes alone until it is answered.
      const answer = yield* Deferred.make<void>()
      yield* Effect.fork(limit(kick(1), Effect.zipRight(Deferred.await(answer), fake.send(1))))
      yield* callers(2, (caller) => limit(kick(caller), fake.send(caller + 2)))
      assert.lengthOf(fake.seen, 1)
      yield* Deferred.succeed(answer, undefined)
      yield* TestClock.adjust(0)
      assert.lengthOf(fake.seen, 4)
    }).pipe(withLimiter))
})
