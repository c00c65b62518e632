import { assert, describe, it } from "@effect/vitest"
import { Effect, Option, Schema } from "effect"
import {
  DirectMessageChannel,
  fetchMember,
  fetchMessage,
  fetchUser,
  getMemberDmChannel,
  getMemberPm,
  getMessage,
  Invite,
  PrivateBaseInvite,
  send,
  ServerInvite
} from "effect-stoat"
import { demoSeed, fakeClient } from "./fake/fakeHelpers.js"
import * as wire from "./fixtures/wire.js"

const general = demoSeed.id("general")
const lovers = demoSeed.id("lovers")

describe("getMessage", () => {
  it.effect("a message of a channel, by id or as a message, once a response carried it", () =>
    Effect.gen(function*() {
      const hello = demoSeed.id("hello")
      assert.isTrue(Option.isNone(yield* getMessage(general, hello)))
      const fetched = yield* fetchMessage(general, hello)
      assert.deepStrictEqual(yield* getMessage(general, hello), Option.some(fetched))
      assert.deepStrictEqual(yield* getMessage({ id: general }, fetched), Option.some(fetched))
      // Another channel's id finds nothing, nor does an id never seen.
      assert.isTrue(Option.isNone(yield* getMessage(demoSeed.id("lounge"), hello)))
      assert.isTrue(Option.isNone(yield* getMessage(general, demoSeed.id("reply"))))
    }).pipe(Effect.provide(fakeClient(demoSeed, "modbot"))))

  it.effect("through a member or a user: in their DM, once its id is cached", () =>
    Effect.gen(function*() {
      const bob = yield* fetchMember(lovers, demoSeed.id("bob"))
      const bobUser = yield* fetchUser(demoSeed.id("bob"))
      const sent = yield* send(bob, "hi bob")
      assert.deepStrictEqual(yield* getMessage(bob, sent), Option.some(sent))
      assert.deepStrictEqual(yield* getMessage(bobUser, sent.id), Option.some(sent))
      // Alice's DM was never opened: nothing to look in.
      const alice = yield* fetchMember(lovers, demoSeed.id("alice"))
      assert.isTrue(Option.isNone(yield* getMessage(alice, sent)))
    }).pipe(Effect.provide(fakeClient(demoSeed, "modbot"))))
})

describe("getMemberDmChannel (the seed's dm_channel) and getMemberPm", () => {
  it.effect("none until the DM is opened, then the DM channel object", () =>
    Effect.gen(function*() {
      const bob = yield* fetchMember(lovers, demoSeed.id("bob"))
      assert.isTrue(Option.isNone(yield* getMemberDmChannel(bob)))
      yield* send(bob, "hello")
      const dm = Option.getOrThrow(yield* getMemberDmChannel(bob))
      assert.instanceOf(dm, DirectMessageChannel)
      assert.include(dm._tag === "DirectMessage" ? dm.recipients : [], demoSeed.id("modbot"))
      assert.deepStrictEqual(yield* getMemberPm(bob), Option.some(dm))
      assert.strictEqual(getMemberPm, getMemberDmChannel)
    }).pipe(Effect.provide(fakeClient(demoSeed, "modbot"))))
})

describe("PrivateBaseInvite", () => {
  it("is the seed's name for a stored invite of a known kind: server or group, with code and creator", () => {
    const server = Schema.decodeUnknownSync(PrivateBaseInvite)(wire.serverInvite)
    const group = Schema.decodeUnknownSync(PrivateBaseInvite)(wire.groupInvite)
    assert.instanceOf(server, ServerInvite)
    assert.strictEqual(group._tag, "GroupInvite")
    assert.deepStrictEqual(Schema.encodeSync(PrivateBaseInvite)(server), Schema.encodeSync(Invite)(server))
    const creators: ReadonlyArray<string> = [server, group].map((invite: PrivateBaseInvite) => invite.creatorId)
    assert.lengthOf(creators, 2)
    // A stored invite of a kind not known yet is an Invite, but not a PrivateBaseInvite.
    const unknown = { ...wire.serverInvite, type: "Event" }
    assert.strictEqual(Schema.decodeUnknownSync(Invite)(unknown)._tag, "UnknownInvite")
    assert.isFalse(Schema.is(PrivateBaseInvite)(Schema.decodeUnknownSync(Invite)(unknown)))
  })
})
