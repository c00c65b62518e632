import { assert, describe, it } from "@effect/vitest"
import { Chunk, Effect, Option, Stream } from "effect"
import { ChannelId, fetchMember, Gateway, ServerId, StoatCache, UserId } from "effect-stoat"
import { demoSeed, FakeEvents } from "effect-stoat/testing"
import { gatewayOf, served } from "./served.js"

describe("Gateway against the served fake", () => {
  it.live("authenticates with a frame, fills the cache from Ready, and echoes typing to its own session", () =>
    Effect.gen(function*() {
      const gateway = yield* Gateway
      const ready = yield* gateway.ready
      assert.deepStrictEqual(Option.map(ready.servers, (servers) => servers.map((server) => server.name)), Option.some(["Stoat Lovers"]))
      const cache = yield* StoatCache
      assert.isTrue(Option.isSome(yield* cache.getServer(ServerId.make(demoSeed.id("lovers")))))
      const events = yield* gateway.subscribe
      const general = ChannelId.make(demoSeed.id("general"))
      yield* gateway.beginTyping(general)
      const [typing] = Chunk.toReadonlyArray(yield* Stream.runCollect(Stream.take(events, 1)))
      assert.strictEqual(typing?._tag, "ChannelStartTyping")
      const fake = yield* FakeEvents
      const frames = yield* fake.received
      assert.deepStrictEqual(frames.map((received) => received.frame), [{ type: "BeginTyping", channel: general }])
    }).pipe(Effect.scoped, Effect.provide(gatewayOf(demoSeed, "alice")), Effect.provide(served(demoSeed))), 30_000)

  it.live("a refused token is a typed failure", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(Effect.provide(Gateway, gatewayOf(demoSeed, "alice", {}, "not-a-token")))
      assert.strictEqual(error._tag, "InvalidSession")
    }).pipe(Effect.provide(served(demoSeed))), 30_000)
})

/** Quick timings for live tests: nothing is asserted about time, they only keep the tests short. */
const quick = { heartbeatInterval: "100 millis", pongTimeout: "300 millis", backoffBase: "20 millis", backoffCap: "100 millis" } as const

describe("Gateway reconnects", () => {
  it.live("after the fake drops the socket: a new Ready, and the members learnt before the drop are forgotten", () =>
    Effect.gen(function*() {
      const gateway = yield* Gateway
      const cache = yield* StoatCache
      const lovers = ServerId.make(demoSeed.id("lovers"))
      const bob = UserId.make(demoSeed.id("bob"))
      const alice = UserId.make(demoSeed.id("alice"))
      yield* fetchMember(lovers, bob)
      assert.isTrue(Option.isSome(yield* cache.getMember(lovers, bob)))
      const events = yield* gateway.subscribe
      const fake = yield* FakeEvents
      yield* fake.inject({ _tag: "Drop" })
      const next = yield* Stream.runHead(Stream.filter(events, (event) => event._tag === "Ready"))
      assert.isTrue(Option.isSome(next))
      assert.deepStrictEqual(yield* fake.sessions, [demoSeed.id("alice")])
      // Bob may have changed while the socket was down: a later lookup fetches him again.
      assert.isTrue(Option.isNone(yield* cache.getMember(lovers, bob)))
      assert.isTrue(Option.isSome(yield* cache.getMember(lovers, alice)))
    }).pipe(Effect.scoped, Effect.provide(gatewayOf(demoSeed, "alice", quick)), Effect.provide(served(demoSeed))), 30_000)

  it.live("when no Pong comes before the deadline", () =>
    Effect.gen(function*() {
      const gateway = yield* Gateway
      const events = yield* gateway.subscribe
      const fake = yield* FakeEvents
      yield* fake.inject({ _tag: "IgnorePings" })
      const next = yield* Stream.runHead(Stream.filter(events, (event) => event._tag === "Ready"))
      assert.isTrue(Option.isSome(next))
      const pings = (yield* fake.received).filter((received) => received.frame["type"] === "Ping")
      assert.isAtLeast(pings.length, 1)
    }).pipe(Effect.scoped, Effect.provide(gatewayOf(demoSeed, "alice", quick)), Effect.provide(served(demoSeed))), 30_000)

  it.live("keeps a connection whose Pongs come in time", () =>
    Effect.gen(function*() {
      const gateway = yield* Gateway
      const events = yield* gateway.subscribe
      const seen = yield* Stream.runCollect(Stream.take(Stream.filter(events, (event) => event._tag === "Pong" || event._tag === "Ready"), 3))
      assert.deepStrictEqual(Chunk.toReadonlyArray(seen).map((event) => event._tag), ["Pong", "Pong", "Pong"])
      assert.isFalse((yield* FakeEvents.pipe(Effect.flatMap((fake) => fake.received))).some((received) => received.frame["type"] === "Authenticate"))
    }).pipe(Effect.scoped, Effect.provide(gatewayOf(demoSeed, "alice", quick)), Effect.provide(served(demoSeed))), 30_000)
})
