import { assert, describe, it } from "@effect/vitest"
import { Chunk, Duration, Effect, Equal, Option, Stream } from "effect"
import {
  acceptInvite,
  ChannelId,
  editMember,
  fetchMember,
  Gateway,
  kickMember,
  leaveServer,
  send,
  ServerId,
  type StoatEvent,
  StoatCache,
  timeoutMember,
  UserId
} from "effect-stoat"
import { demoSeed, StoatFake } from "effect-stoat/testing"
import { inProcessFake } from "./inProcess.js"
import { as, signIn } from "./sessions.js"

const lovers = ServerId.make(demoSeed.id("lovers"))
const carol = UserId.make(demoSeed.id("carol"))
const carolInLovers = { server: lovers, user: carol }

/** The next `count` events of a subscription that are not pings. */
const next = (events: Stream.Stream<StoatEvent, unknown>, count: number) =>
  Effect.map(
    Stream.runCollect(Stream.take(Stream.filter(events, (event) => event._tag !== "Pong"), count)),
    Chunk.toReadonlyArray
  )

describe("the fake's events from its routes", () => {
  it.scoped("a join reaches the members with the member it carries; the joiner gets ServerCreate, not its own join", () =>
    Effect.gen(function*() {
      const alice = yield* signIn(demoSeed, "alice")
      const carolSession = yield* signIn(demoSeed, "carol")
      const aliceEvents = yield* as(alice)(Effect.flatMap(Gateway, (gateway) => gateway.subscribe))
      const carolEvents = yield* as(carolSession)(Effect.flatMap(Gateway, (gateway) => gateway.subscribe))
      yield* as(carolSession)(acceptInvite("aB3dE5fG"))
      const [join] = yield* next(aliceEvents, 1)
      assert.strictEqual(join?._tag, "ServerMemberJoin")
      if (join?._tag === "ServerMemberJoin") assert.strictEqual(join.member.id.user, carol)
      const seen = yield* next(carolEvents, 1)
      assert.deepStrictEqual(seen.map((event) => event._tag), ["ServerCreate"])
      const cached = yield* as(alice)(Effect.flatMap(StoatCache, (cache) => cache.getMember(lovers, carol)))
      assert.isTrue(Option.isSome(cached))
    }).pipe(Effect.provide(inProcessFake(demoSeed))))

  it.scoped("join → edit → timeout → leave → rejoin: the cache equals the fake (timeout kept, roles and nickname cleared)", () =>
    Effect.gen(function*() {
      const alice = yield* signIn(demoSeed, "alice")
      const modbot = yield* signIn(demoSeed, "modbot")
      const carolSession = yield* signIn(demoSeed, "carol")
      const events = yield* as(alice)(Effect.flatMap(Gateway, (gateway) => gateway.subscribe))
      const fake = yield* StoatFake
      const heldByAlice = as(alice)(Effect.flatMap(StoatCache, (cache) => cache.getMember(lovers, carol)))
      const inFake = Effect.map(fake.state, (state) =>
        [...state.members].map(([, member]) => member).find((member) => member.id.server === lovers && member.id.user === carol))

      yield* as(carolSession)(acceptInvite("aB3dE5fG"))
      yield* as(modbot)(editMember(carolInLovers, { nickname: "Cee", roles: [demoSeed.id("member")] }))
      yield* as(modbot)(timeoutMember(carolInLovers, Duration.days(1)))
      yield* next(events, 3)
      const edited = yield* heldByAlice
      assert.isTrue(Option.isSome(edited))
      assert.isTrue(Equal.equals(Option.getOrUndefined(edited), yield* inFake))
      assert.deepStrictEqual(Option.map(edited, (member) => member.nickname), Option.some(Option.some("Cee")))

      yield* as(carolSession)(leaveServer(lovers))
      const [leave] = yield* next(events, 1)
      assert.strictEqual(leave?._tag, "ServerMemberLeave")
      if (leave?._tag === "ServerMemberLeave") assert.strictEqual(leave.reason, "Leave")
      assert.isTrue(Option.isNone(yield* heldByAlice))

      yield* as(carolSession)(acceptInvite("aB3dE5fG"))
      yield* next(events, 1)
      const back = yield* heldByAlice
      const truth = yield* inFake
      assert.isTrue(Option.isSome(back))
      assert.isTrue(Equal.equals(Option.getOrUndefined(back), truth))
      assert.isTrue(Option.isSome(truth?.timeout ?? Option.none()))
      assert.isTrue(Option.isNone(truth?.nickname ?? Option.some("")))
      assert.lengthOf(truth?.roles ?? ["?"], 0)
    }).pipe(Effect.provide(inProcessFake(demoSeed))))

  it.scoped("a kick reaches the kicked member too, with reason Kick; the cache forgets the member", () =>
    Effect.gen(function*() {
      const modbot = yield* signIn(demoSeed, "modbot")
      const bobSession = yield* signIn(demoSeed, "bob")
      const bob = UserId.make(demoSeed.id("bob"))
      const bobEvents = yield* as(bobSession)(Effect.flatMap(Gateway, (gateway) => gateway.subscribe))
      const modbotEvents = yield* as(modbot)(Effect.flatMap(Gateway, (gateway) => gateway.subscribe))
      yield* as(modbot)(fetchMember(lovers, bob))
      yield* as(modbot)(kickMember({ server: lovers, user: bob }))
      const [kicked] = yield* next(bobEvents, 1)
      assert.strictEqual(kicked?._tag, "ServerMemberLeave")
      if (kicked?._tag === "ServerMemberLeave") assert.strictEqual(kicked.reason, "Kick")
      yield* next(modbotEvents, 1)
      assert.isTrue(Option.isNone(yield* as(modbot)(Effect.flatMap(StoatCache, (cache) => cache.getMember(lovers, bob)))))
      // Bob left the server's topics with that event: a message there reaches modbot, with its author, and not him.
      const general = ChannelId.make(demoSeed.id("general"))
      yield* as(modbot)(send(general, "bye bob"))
      const [message] = yield* next(modbotEvents, 1)
      assert.strictEqual(message?._tag, "Message")
      if (message?._tag === "Message") assert.isTrue(Option.isSome(message.message.user))
      const friends = ChannelId.make(demoSeed.id("friends"))
      yield* as(bobSession)(Effect.flatMap(Gateway, (gateway) => gateway.beginTyping(friends)))
      const [afterKick] = yield* next(bobEvents, 1)
      assert.strictEqual(afterKick?._tag, "ChannelStartTyping")
    }).pipe(Effect.provide(inProcessFake(demoSeed))))
})
