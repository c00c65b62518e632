// withTyping over the Gateway against the fake's events server, in process: what the fake receives,
// and what another member sees.
import { assert, describe, it } from "@effect/vitest"
import { Effect, Fiber, Layer, Stream, TestClock } from "effect"
import { ChannelId, Gateway, withTyping } from "effect-stoat"
import { demoSeed, FakeEvents } from "effect-stoat/testing"
import { inProcessFake, inProcessGateway } from "./events/inProcess.js"

const general = ChannelId.make(demoSeed.id("general"))
const modbot = demoSeed.id("modbot")

describe("withTyping against the fake's events server", () => {
  it.scoped("the fake receives BeginTyping refreshes and exactly one EndTyping; alice sees modbot start and stop", () =>
    Effect.gen(function*() {
      const alice = yield* Layer.build(inProcessGateway(demoSeed, "alice"))
      const seen = yield* Effect.provide(Effect.flatMap(Gateway, (gateway) => gateway.subscribe), alice)
      const watching = yield* seen.pipe(
        Stream.filter((event) =>
          (event._tag === "ChannelStartTyping" || event._tag === "ChannelStopTyping") && event.user === modbot && event.id === general
        ),
        Stream.takeUntil((event) => event._tag === "ChannelStopTyping"),
        Stream.runCollect,
        Effect.fork
      )

      const bot = yield* Layer.build(inProcessGateway(demoSeed, "modbot"))
      const typing = yield* Effect.fork(Effect.provide(withTyping(general, Effect.sleep("6 seconds")), bot))
      yield* TestClock.adjust("6 seconds")
      yield* Fiber.join(typing)

      const watched = Array.from(yield* Fiber.join(watching), (event) => event._tag)
      assert.strictEqual(watched.at(-1), "ChannelStopTyping")
      // At least one start before the stop: `every` alone holds for none.
      assert.isAtLeast(watched.length, 2)
      assert.isTrue(watched.slice(0, -1).every((tag) => tag === "ChannelStartTyping"))
      const fromBot = (yield* Effect.flatMap(FakeEvents, (events) => events.received))
        .filter((received) => received.user === modbot)
        .map((received) => received.frame["type"])
        .filter((type) => type === "BeginTyping" || type === "EndTyping")
      assert.deepStrictEqual(fromBot, ["BeginTyping", "BeginTyping", "BeginTyping", "EndTyping"])
    }).pipe(Effect.provide(inProcessFake(demoSeed))))
})
