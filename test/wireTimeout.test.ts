import { assert, describe, it } from "@effect/vitest"
import { Chunk, Duration, Effect, Exit, Fiber, Option, TestClock } from "effect"
import { makeWireTimeout } from "../src/pipeline/wireTimeout.js"

const timedOut = () => "timed out" as const

describe("wire-time budgets on one ticker", () => {
  it.scoped("each attempt is cut off at its own budget; one that answers in time is not", () =>
    Effect.gen(function*() {
      const timeout = makeWireTimeout(yield* Effect.scope)
      const short = yield* Effect.fork(timeout(Effect.never, Duration.seconds(2), timedOut))
      const long = yield* Effect.fork(timeout(Effect.never, Duration.seconds(30), timedOut))
      const prompt = yield* Effect.fork(timeout(Effect.as(Effect.sleep("1 second"), "answer"), Duration.seconds(2), timedOut))
      yield* TestClock.adjust(Duration.millis(1999))
      assert.isTrue(Option.isNone(yield* Fiber.poll(short)))
      assert.strictEqual(yield* Fiber.join(prompt), "answer")
      yield* TestClock.adjust(Duration.millis(1))
      assert.deepStrictEqual(yield* Fiber.await(short), Exit.fail("timed out"))
      yield* TestClock.adjust(Duration.millis(27_999))
      assert.isTrue(Option.isNone(yield* Fiber.poll(long)))
      yield* TestClock.adjust(Duration.millis(1))
      assert.deepStrictEqual(yield* Fiber.await(long), Exit.fail("timed out"))
    }))

  it.scoped("the attempt is interrupted when its budget is spent, and when its caller is", () =>
    Effect.gen(function*() {
      const timeout = makeWireTimeout(yield* Effect.scope)
      const interrupted: Array<string> = []
      const stalled = (name: string) => Effect.onInterrupt(Effect.never, () => Effect.sync(() => interrupted.push(name)))
      yield* Effect.fork(timeout(stalled("spent"), Duration.seconds(1), timedOut))
      const caller = yield* Effect.fork(timeout(stalled("caller"), Duration.seconds(10), timedOut))
      yield* TestClock.adjust(Duration.seconds(1))
      yield* Fiber.interrupt(caller)
      assert.deepStrictEqual(interrupted, ["spent", "caller"])
    }))

  it.scoped("the ticker runs only while an attempt is timed", () =>
    Effect.gen(function*() {
      const timeout = makeWireTimeout(yield* Effect.scope)
      assert.strictEqual(yield* timeout(Effect.succeed(1), Duration.seconds(5), timedOut), 1)
      yield* TestClock.adjust(Duration.millis(100))
      assert.strictEqual(Chunk.size(yield* TestClock.sleeps()), 0)
    }))
})
