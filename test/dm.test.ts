import { assert, describe, it } from "@effect/vitest"
import { Effect, Option } from "effect"
import {
  ChannelId,
  DirectMessageChannel,
  fetchDmChannelId,
  MemberId,
  openDm,
  SavedMessagesChannel,
  ServerId,
  StoatCache,
  UnknownChannelType,
  UserId
} from "effect-stoat"
import { openDmErrors } from "../src/operations/users.js"
import { MockHttp } from "effect-stoat/testing"
import { eachDeclaredError } from "./errorBodies.js"
import { bobMember, bobUser, dmWire, ids, refusedBeforeSending, sent, withMock } from "./messagesKit.js"

const savedWire = { channel_type: "SavedMessages", _id: ids.channel, user: ids.me }

describe("openDm", () => {
  it.effect("GETs /users/{id}/dm for a member, a user or an id, and decodes the DM", () =>
    Effect.gen(function*() {
      const fromMember = yield* openDm(bobMember)
      yield* openDm(bobUser)
      yield* openDm(ids.bob)
      assert.deepStrictEqual(yield* sent, Array(3).fill(`GET /users/${ids.bob}/dm`))
      assert.instanceOf(fromMember, DirectMessageChannel)
      if (fromMember instanceof DirectMessageChannel) assert.deepStrictEqual(fromMember.recipients, [UserId.make(ids.me), UserId.make(ids.bob)])
    }).pipe(withMock(() => MockHttp.json(200, dmWire))))

  it.effect("answers your saved messages for yourself, and remembers it as your DM", () =>
    Effect.gen(function*() {
      const channel = yield* openDm(ids.me)
      assert.instanceOf(channel, SavedMessagesChannel)
      const cache = yield* StoatCache
      assert.deepStrictEqual(yield* cache.getDmChannelId(UserId.make(ids.me)), Option.some(ChannelId.make(ids.channel)))
      assert.isTrue(Option.isNone(yield* cache.getDmChannelId(UserId.make(ids.bob))))
    }).pipe(withMock(() => MockHttp.json(200, savedWire))))

  it.effect("keeps a channel type it does not know", () =>
    Effect.gen(function*() {
      const channel = yield* openDm(ids.bob)
      assert.instanceOf(channel, UnknownChannelType)
      if (channel instanceof UnknownChannelType) assert.strictEqual(channel.type, "EncryptedDirectMessage")
      assert.strictEqual(channel.id, ChannelId.make(ids.dm))
    }).pipe(withMock(() => MockHttp.json(200, { channel_type: "EncryptedDirectMessage", _id: ids.dm }))))

  it.effect("a group or server channel is not an answer of this route: UnexpectedResponse", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(openDm(ids.bob))
      assert.strictEqual(error._tag, "UnexpectedResponse")
    }).pipe(withMock(() =>
      MockHttp.json(200, { channel_type: "Group", _id: ids.dm, name: "g", owner: ids.bob, recipients: [] })
    )))

  it.effect("refuses a user id that is not a ULID before any request", () => refusedBeforeSending(openDm("bob"), "user id"))

  it.effect("declares the seed's table and the route's errors, MissingPermission beside MissingUserPermission", () =>
    Effect.gen(function*() {
      const seen = yield* eachDeclaredError(openDmErrors.classes, () => openDm(bobUser))
      assert.includeMembers(seen, ["MissingPermission", "MissingUserPermission", "NotFound"])
    }))
})

describe("fetchDmChannelId", () => {
  it.effect("opens the DM when its id is not cached, then answers from the cache", () =>
    Effect.gen(function*() {
      const dm = ChannelId.make(ids.dm)
      assert.strictEqual(yield* fetchDmChannelId(bobMember), dm)
      assert.strictEqual(yield* fetchDmChannelId(bobUser), dm)
      assert.strictEqual(yield* fetchDmChannelId(ids.bob), dm)
      assert.deepStrictEqual(yield* sent, [`GET /users/${ids.bob}/dm`])
    }).pipe(withMock(() => MockHttp.json(200, dmWire))))

  it.effect("fails with the DM route's error, and caches nothing then", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(fetchDmChannelId(bobMember))
      assert.strictEqual(error._tag, "MissingPermission")
      const cache = yield* StoatCache
      assert.isTrue(Option.isNone(yield* cache.getDmChannelId(bobUser.id)))
    }).pipe(withMock(() => MockHttp.json(403, { type: "MissingPermission", permission: "SendMessage", location: "x" }))))

  it.effect("refuses a user id that is not a ULID before any request", () =>
    refusedBeforeSending(fetchDmChannelId({ id: new MemberId({ server: ServerId.make(ids.server), user: UserId.make("x") }) }), "user id"))
})
