import { assert, describe, it } from "@effect/vitest"
import { Chunk, Effect, Option, Stream } from "effect"
import { fetchMember, Gateway, ServerId, StoatCache, UserId } from "effect-stoat"
import { demoSeed, FakeEvents, StoatFake } from "effect-stoat/testing"
import { inProcessFake } from "./inProcess.js"
import { as, signIn } from "./sessions.js"

const lovers = ServerId.make(demoSeed.id("lovers"))
const bob = UserId.make(demoSeed.id("bob"))
const carol = UserId.make(demoSeed.id("carol"))

const nicknameUpdate = (user: string, nickname: string) => ({
  topic: lovers,
  event: { type: "ServerMemberUpdate", id: { server: lovers, user }, data: { nickname }, clear: [] }
})

/** Publishes events to the fake's sessions as its server would. */
const publish = (events: ReadonlyArray<{ readonly topic: string; readonly event: Record<string, unknown> }>) =>
  Effect.gen(function*() {
    const fake = yield* StoatFake
    const server = yield* FakeEvents
    yield* server.publish(yield* fake.records, events)
  })

/** The session's cache and a subscription to its events. */
const cacheAndEvents = Effect.all({ cache: StoatCache, events: Effect.flatMap(Gateway, (gateway) => gateway.subscribe) })

const nicknameIndex = (nickname: Option.Option<string>) => Number(Option.getOrElse(nickname, () => "n-1").slice(1))

describe("the cache follows events in order", () => {
  it.scoped("1000 member updates in a burst arrive in order, each applied before a subscriber sees it", () =>
    Effect.gen(function*() {
      const alice = yield* signIn(demoSeed, "alice")
      const { cache, events } = yield* as(alice)(Effect.zipRight(fetchMember(lovers, bob), cacheAndEvents))
      yield* publish(Array.from({ length: 1000 }, (_, index) => nicknameUpdate(bob, `n${index}`)))
      const seen: Array<number> = []
      yield* Stream.runForEach(Stream.take(events, 1000), (event) =>
        Effect.gen(function*() {
          if (event._tag !== "ServerMemberUpdate") return
          const index = nicknameIndex(event.data.nickname)
          seen.push(index)
          const held = yield* cache.getMember(lovers, bob)
          assert.isAtLeast(nicknameIndex(Option.flatMap(held, (member) => member.nickname)), index)
        }))
      assert.deepStrictEqual(seen, Array.from({ length: 1000 }, (_, index) => index))
      const last = yield* cache.getMember(lovers, bob)
      assert.deepStrictEqual(Option.flatMap(last, (member) => member.nickname), Option.some("n999"))
    }).pipe(Effect.provide(inProcessFake(demoSeed))))

  it.scoped("a slow subscriber loses its oldest events, and only it: the socket, the cache and the others go on", () =>
    Effect.gen(function*() {
      const alice = yield* signIn(demoSeed, "alice", { bufferSize: 16 })
      const { cache, slow, fast } = yield* as(alice)(Effect.gen(function*() {
        yield* fetchMember(lovers, bob)
        const gateway = yield* Gateway
        return { cache: yield* StoatCache, slow: yield* gateway.subscribe, fast: yield* gateway.subscribe }
      }))
      const received: Array<number> = []
      for (let batch = 0; batch < 10; batch++) {
        yield* publish(Array.from({ length: 10 }, (_, index) => nicknameUpdate(bob, `n${batch * 10 + index}`)))
        const chunk = yield* Stream.runCollect(Stream.take(fast, 10))
        Chunk.forEach(chunk, (event) => {
          if (event._tag === "ServerMemberUpdate") received.push(nicknameIndex(event.data.nickname))
        })
      }
      assert.deepStrictEqual(received, Array.from({ length: 100 }, (_, index) => index))
      assert.deepStrictEqual(
        Option.flatMap(yield* cache.getMember(lovers, bob), (member) => member.nickname),
        Option.some("n99")
      )
      const late = yield* Stream.runCollect(Stream.take(slow, 16))
      const kept = Chunk.toReadonlyArray(late).flatMap((event) =>
        event._tag === "ServerMemberUpdate" ? [nicknameIndex(event.data.nickname)] : [])
      assert.deepStrictEqual(kept, Array.from({ length: 16 }, (_, index) => 84 + index))
    }).pipe(Effect.provide(inProcessFake(demoSeed))))

  it.scoped("an update for a member the cache does not hold is dropped and fetches nothing", () =>
    Effect.gen(function*() {
      const alice = yield* signIn(demoSeed, "alice")
      const { cache, events } = yield* as(alice)(cacheAndEvents)
      const fake = yield* StoatFake
      const requestsBefore = (yield* fake.requests).length
      yield* publish([nicknameUpdate(carol, "ghost"), nicknameUpdate(bob, "marker")])
      yield* Stream.runCollect(Stream.take(events, 2))
      assert.isTrue(Option.isNone(yield* cache.getMember(lovers, carol)))
      assert.isTrue(Option.isNone(yield* cache.getMember(lovers, bob)))
      assert.strictEqual((yield* fake.requests).length, requestsBefore)
      // Fetched later, the member is the server's, which already includes the update.
      const fetched = yield* as(alice)(fetchMember(lovers, bob))
      assert.deepStrictEqual(yield* cache.getMember(lovers, bob), Option.some(fetched))
    }).pipe(Effect.provide(inProcessFake(demoSeed))))

  it.scoped("UserUpdate changes presence and status of the user held, clears first", () =>
    Effect.gen(function*() {
      const alice = yield* signIn(demoSeed, "alice")
      const { cache, events } = yield* as(alice)(cacheAndEvents)
      assert.isTrue(Option.isSome(yield* cache.getUser(bob)))
      yield* publish([{
        topic: lovers,
        event: { type: "UserUpdate", id: bob, data: { online: true, status: { text: "away", presence: "Busy" } }, clear: [], event_id: null }
      }, {
        topic: lovers,
        event: { type: "UserUpdate", id: bob, data: {}, clear: ["StatusText"], event_id: null }
      }])
      yield* Stream.runCollect(Stream.take(events, 2))
      const user = yield* cache.getUser(bob)
      assert.deepStrictEqual(Option.map(user, (found) => found.online), Option.some(true))
      assert.deepStrictEqual(
        Option.map(user, (found) => [Option.flatMap(found.status, (status) => status.text), Option.flatMap(found.status, (status) => status.presence)]),
        Option.some([Option.none(), Option.some("Busy")])
      )
    }).pipe(Effect.provide(inProcessFake(demoSeed))))
})
