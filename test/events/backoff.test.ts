import { assert, describe, it } from "@effect/vitest"
import { Chunk, Duration, Effect, Fiber, Option, Schedule, Stream, TestClock } from "effect"
import { Gateway, reconnectSchedule } from "effect-stoat"
import { demoSeed, FakeEvents, StoatFake } from "effect-stoat/testing"
import { inProcessFake, inProcessGateway } from "./inProcess.js"

/** Lets the in-memory socket and every fiber run, without moving the clock. */
const settle = Effect.forEach(Array.from({ length: 20 }), () => Effect.promise(() => new Promise((resolve) => setImmediate(resolve))), { discard: true })

describe("reconnect waits (TestClock)", () => {
  it.effect("double from the base, never pass the cap, and are jittered down to no less than half", () =>
    Effect.gen(function*() {
      const delays = yield* Schedule.run(Schedule.delays(reconnectSchedule("1 second", "60 seconds")), 0, Array.from({ length: 12 }))
      const waits = Chunk.toReadonlyArray(delays).map(Duration.toMillis)
      assert.lengthOf(waits, 12)
      waits.forEach((wait, attempt) => {
        const ceiling = Math.min(1000 * 2 ** attempt, 60_000)
        assert.isAtLeast(wait, ceiling / 2)
        assert.isAtMost(wait, ceiling)
      })
      assert.isAbove(waits[5] ?? 0, waits[0] ?? Infinity)
    }))

  it.effect("the gateway waits between half and all of the base before its first reconnect", () =>
    Effect.gen(function*() {
      const gateway = yield* Gateway
      const events = yield* gateway.subscribe
      const fake = yield* FakeEvents
      const again = yield* Effect.fork(Stream.runHead(Stream.filter(events, (event) => event._tag === "Ready")))
      yield* fake.inject({ _tag: "Drop" })
      yield* settle
      assert.deepStrictEqual(yield* fake.sessions, [])
      yield* TestClock.adjust("499 millis")
      yield* settle
      assert.deepStrictEqual(yield* fake.sessions, [])
      yield* TestClock.adjust("501 millis")
      yield* settle
      assert.isTrue(Option.isSome(yield* Fiber.join(again)))
      assert.deepStrictEqual(yield* fake.sessions, [demoSeed.id("alice")])
    }).pipe(Effect.scoped, Effect.provide(inProcessGateway(demoSeed, "alice", { backoffBase: "1 second" })), Effect.provide(inProcessFake(demoSeed))))

  it.effect("a refused token fails the layer and never reconnects", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(Effect.provide(Gateway, inProcessGateway(demoSeed, "alice", {}, "revoked-token")))
      assert.strictEqual(error._tag, "InvalidSession")
      yield* TestClock.adjust(Duration.hours(1))
      yield* settle
      const fake = yield* StoatFake
      assert.lengthOf((yield* fake.requests).filter((received) => received.request.path === "/"), 1)
      assert.notInclude(JSON.stringify(error), "revoked-token")
    }).pipe(Effect.provide(inProcessFake(demoSeed))))
})
