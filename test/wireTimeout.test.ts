import { assert, describe, it } from "@effect/vitest"
import { Chunk, Duration, Effect, Exit, Fiber, Option, TestClock, TestContext } from "effect"
import { WireCutoff } from "../src/internal/wireCutoff.js"
import { makeWireTimeout } from "../src/pipeline/wireTimeout.js"

const timedOut = () => "timed out" as const

describe("wire-time budgets on one ticker per clock", () => {
  it.scoped("each attempt is cut off at its own budget; one that answers in time is not", () =>
    Effect.gen(function*() {
      const timeout = makeWireTimeout(yield* Effect.scope).interrupting
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
      const timeout = makeWireTimeout(yield* Effect.scope).interrupting
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
      const timeout = makeWireTimeout(yield* Effect.scope).interrupting
      assert.strictEqual(yield* timeout(Effect.succeed(1), Duration.seconds(5), timedOut), 1)
      yield* TestClock.adjust(Duration.seconds(1))
      assert.strictEqual(Chunk.size(yield* TestClock.sleeps()), 0)
    }))

  it.scoped("an attempt whose transport cuts it off is stopped there and fails with the timeout", () =>
    Effect.gen(function*() {
      const timeout = makeWireTimeout(yield* Effect.scope).cuttingOff
      const cut: Array<string> = []
      // A transport that stops when told: its request fails as transports fail.
      const transport = (cutoff: WireCutoff) =>
        Effect.async<never, string>((resume) => cutoff.onCut(() => {
          cut.push("cut")
          resume(Effect.fail("aborted"))
        }))
      const fiber = yield* Effect.fork(timeout(transport, Duration.seconds(2), timedOut))
      yield* TestClock.adjust(Duration.millis(1999))
      assert.deepStrictEqual(cut, [])
      yield* TestClock.adjust(Duration.millis(1))
      assert.deepStrictEqual(yield* Fiber.await(fiber), Exit.fail("timed out"))
      assert.deepStrictEqual(cut, ["cut"])
    }))

  it.effect("a cutoff already spent stops the transport as soon as it says how", () =>
    Effect.sync(() => {
      const cutoff = new WireCutoff()
      cutoff.expire()
      const cut: Array<string> = []
      cutoff.onCut(() => cut.push("cut"))
      assert.deepStrictEqual(cut, ["cut"])
    }))

  it.scoped("attempts on another clock (another test's TestClock) do not hold up the ticker of this one", () =>
    Effect.gen(function*() {
      const timeout = makeWireTimeout(yield* Effect.scope).interrupting
      const frozen = yield* Effect.provide(TestClock.testClock(), TestContext.TestContext)
      yield* Effect.fork(Effect.withClock(timeout(Effect.never, Duration.seconds(1), timedOut), frozen))
      const fiber = yield* Effect.fork(timeout(Effect.never, Duration.seconds(2), timedOut))
      yield* TestClock.adjust(Duration.seconds(2))
      assert.deepStrictEqual(yield* Fiber.await(fiber), Exit.fail("timed out"))
    }))
})
