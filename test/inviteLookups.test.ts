import { assert, describe, it } from "@effect/vitest"
import { Effect, Option, Schema } from "effect"
import {
  GroupChannel,
  getInviteChannel,
  getInviteCreator,
  getInviteCreatorAsMember,
  getInviteCreatorAsUser,
  getInviteServer,
  getInviteUser,
  Invite,
  Member,
  PublicInvite,
  StoatCache,
  TextChannel,
  User
} from "effect-stoat"
import * as wire from "./fixtures/wire.js"

const decodeInvite = Schema.decodeUnknownSync(Invite)
const decodePublic = Schema.decodeUnknownSync(PublicInvite)
const serverInvite = decodeInvite(wire.serverInvite)
const groupInvite = decodeInvite(wire.groupInvite)
const serverPublic = decodePublic(wire.serverPublicInvite)
const groupPublic = decodePublic(wire.groupPublicInvite)

const member = Schema.decodeUnknownSync(Member)({
  _id: { server: wire.ids.server, user: wire.ids.alice },
  joined_at: "2024-05-01T12:00:00.000Z",
  nickname: "Al"
})

/** Fills the cache as if these responses had arrived. */
const learn = (...values: ReadonlyArray<unknown>) =>
  Effect.flatMap(StoatCache, (cache) => Effect.forEach(values, cache.remember))

describe("invite lookups", () => {
  it.effect("find nothing in an empty cache", () =>
    Effect.gen(function*() {
      if (serverInvite._tag !== "ServerInvite" || serverPublic._tag !== "ServerPublicInvite") return assert.fail()
      assert.isTrue(Option.isNone(yield* getInviteServer(serverInvite)))
      assert.isTrue(Option.isNone(yield* getInviteChannel(serverInvite)))
      assert.isTrue(Option.isNone(yield* getInviteUser(serverPublic)))
      assert.isTrue(Option.isNone(yield* getInviteCreator(serverInvite)))
    }).pipe(Effect.provide(StoatCache.layer)))

  it.effect("read the server, channel, creator and member the cache learnt", () =>
    Effect.gen(function*() {
      if (serverInvite._tag !== "ServerInvite" || groupInvite._tag !== "GroupInvite") return assert.fail()
      yield* learn(
        Schema.decodeUnknownSync(Schema.Array(User))([wire.alice, wire.bob]),
        Schema.decodeUnknownSync(Schema.Array(Schema.Union(TextChannel, GroupChannel)))([wire.textChannel, wire.groupChannel]),
        [member]
      )
      assert.instanceOf(Option.getOrThrow(yield* getInviteChannel(serverInvite)), TextChannel)
      assert.instanceOf(Option.getOrThrow(yield* getInviteChannel(groupInvite)), GroupChannel)
      assert.strictEqual(Option.getOrThrow(yield* getInviteCreatorAsUser(serverInvite)).username, "alice")
      assert.strictEqual(Option.getOrThrow(yield* getInviteCreatorAsMember(serverInvite)), member)
      assert.strictEqual(Option.getOrThrow(yield* getInviteCreator(serverInvite)), member)
      assert.deepStrictEqual(yield* getInviteCreator(groupInvite), yield* getInviteCreatorAsUser(groupInvite))
      assert.strictEqual(Option.getOrThrow(yield* getInviteCreatorAsUser(groupInvite)).username, "bob")
    }).pipe(Effect.provide(StoatCache.layer)))

  it.effect("a server invite whose channel is cached as a group finds no server channel", () =>
    Effect.gen(function*() {
      if (serverInvite._tag !== "ServerInvite") return assert.fail()
      yield* learn(Schema.decodeUnknownSync(GroupChannel)({ ...wire.groupChannel, _id: wire.ids.channel }))
      assert.isTrue(Option.isNone(yield* getInviteChannel(serverInvite)))
    }).pipe(Effect.provide(StoatCache.layer)))

  it.effect("guess the public invite's creator by username and avatar", () =>
    Effect.gen(function*() {
      if (serverPublic._tag !== "ServerPublicInvite" || groupPublic._tag !== "GroupPublicInvite") return assert.fail()
      const otherAlice = { ...wire.alice, _id: wire.ids.bob, avatar: { ...wire.avatarFile, _id: "another-file-id" } }
      yield* learn(Schema.decodeUnknownSync(Schema.Array(User))([otherAlice, wire.alice, wire.bob]))
      assert.strictEqual<string>(Option.getOrThrow(yield* getInviteUser(serverPublic)).id, wire.ids.alice)
      assert.strictEqual<string>(Option.getOrThrow(yield* getInviteUser(groupPublic)).id, wire.ids.bob)
    }).pipe(Effect.provide(StoatCache.layer)))
})
