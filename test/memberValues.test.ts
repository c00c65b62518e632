import { assert, describe, it } from "@effect/vitest"
import { DateTime, Effect, Equal, Option, Schema, TestClock } from "effect"
import {
  applyPartial,
  avatarUrl,
  badgeSet,
  ChannelId,
  defaultAvatarUrl,
  fileUrl,
  getMemberBotOwner,
  getMemberDmChannelId,
  getMemberMessages,
  getMemberServer,
  getMemberServerPermissions,
  getMemberUser,
  isSameMember,
  isSentinel,
  isTimedOut,
  isTimedOutAt,
  Member,
  memberKey,
  memberRoles,
  memberUserId,
  mention,
  Message,
  nicknameOrDisplayNameOrUsername,
  PartialMember,
  Permission,
  Server,
  serverAvatarUrl,
  StoatCache,
  topRole,
  User,
  userBadges,
  UserBadge,
  userFlags,
  userFlagSet,
  userTag
} from "effect-stoat"
import * as wire from "./fixtures/wire.js"

const ids = {
  server: wire.ids.server,
  other: "01HZ8Y3Q4R5S6T7V8W9X0YZOTH",
  alice: wire.ids.alice,
  bob: wire.ids.bob,
  owner: "01HZ8Y3Q4R5S6T7V8W9X0YZOWN",
  high: "01HZ8Y3Q4R5S6T7V8W9X0YZR01",
  low: "01HZ8Y3Q4R5S6T7V8W9X0YZR02",
  tie: "01HZ8Y3Q4R5S6T7V8W9X0YZR03"
} as const

const decodeMember = Schema.decodeUnknownSync(Member)
const decodeUser = Schema.decodeUnknownSync(User)
const member = (user: string, fields: Record<string, unknown> = {}, server: string = ids.server) =>
  decodeMember({ _id: { server, user }, joined_at: "2024-01-01T00:00:00.000Z", ...fields })
const alice = decodeUser(wire.alice)
const bob = decodeUser(wire.bob)
const server = Schema.decodeUnknownSync(Server)({
  _id: ids.server,
  owner: ids.owner,
  name: "s",
  default_permissions: Permission.ViewChannel,
  roles: {
    [ids.low]: { _id: ids.low, name: "low", permissions: { a: 0, d: 0 }, rank: 5 },
    [ids.tie]: { _id: ids.tie, name: "tie", permissions: { a: 0, d: 0 }, rank: 5 },
    [ids.high]: { _id: ids.high, name: "high", permissions: { a: Permission.KickMembers, d: 0 }, rank: 1 }
  }
})

describe("member identity", () => {
  const a = member(ids.alice)
  const sameUserElsewhere = member(ids.alice, {}, ids.other)

  it("id and mention are the user's", () => {
    assert.strictEqual<string>(memberUserId(a), ids.alice)
    assert.strictEqual(mention(a), `<@${ids.alice}>`)
    assert.strictEqual(mention(alice), `<@${ids.alice}>`)
  })

  it("isSameMember needs the same server and the same user (the seed's ne got this wrong)", () => {
    assert.isTrue(isSameMember(a, member(ids.alice, { nickname: "other" })))
    assert.isFalse(isSameMember(a, sameUserElsewhere))
    assert.isFalse(isSameMember(a, member(ids.bob)))
  })

  it("memberKey is equal for the same member and differs otherwise, even for ids with separators", () => {
    assert.strictEqual(memberKey(a), memberKey(member(ids.alice, { roles: [ids.high] })))
    assert.notStrictEqual(memberKey(a), memberKey(sameUserElsewhere))
    assert.notStrictEqual(memberKey(member("b", {}, "a/")), memberKey(member("/b", {}, "a")))
    assert.strictEqual(new Set([a, member(ids.alice), sameUserElsewhere].map(memberKey)).size, 2)
  })

  it("is never the sentinel", () => assert.isFalse(isSentinel(a)))

  it("is equal to the same data decoded again, and not to itself edited", () => {
    const json = { _id: { server: ids.server, user: ids.alice }, joined_at: "2024-01-01T00:00:00.000Z", roles: [ids.high] }
    const edited = applyPartial(decodeMember(json), Schema.decodeUnknownSync(PartialMember)({
      id: json._id,
      data: { nickname: "new" }
    }))
    assert.isTrue(Equal.equals(decodeMember(json), decodeMember(json)))
    assert.isFalse(Equal.equals(edited, decodeMember(json)))
    assert.isFalse(Equal.equals(decodeMember({ ...json, roles: [] }), decodeMember(json)))
  })
})

describe("names", () => {
  it("userTag is username#discriminator", () => assert.strictEqual(userTag(alice), "alice#0420"))

  it("nicknameOrDisplayNameOrUsername falls back from the nickname to the display name to the username", () => {
    assert.strictEqual(nicknameOrDisplayNameOrUsername(member(ids.alice, { nickname: "Ally" }), alice), "Ally")
    assert.strictEqual(nicknameOrDisplayNameOrUsername(member(ids.alice), alice), "Alice")
    assert.strictEqual(nicknameOrDisplayNameOrUsername(member(ids.bob), bob), "bob")
  })
})

describe("roles", () => {
  it("resolves the member's roles, highest first, ties in the server's order, unknown ids left out", () => {
    const roles = memberRoles(member(ids.alice, { roles: [ids.tie, "01HZ8Y3Q4R5S6T7V8W9X0YZGON", ids.high, ids.low] }), server)
    assert.deepStrictEqual(roles.map((role) => role.name), ["high", "low", "tie"])
    assert.strictEqual(Option.getOrThrow(topRole(member(ids.alice, { roles: [ids.low, ids.high] }), server)).name, "high")
    assert.isTrue(Option.isNone(topRole(member(ids.alice), server)))
  })
})

describe("timeout", () => {
  const timedOut = member(ids.alice, { timeout: "2024-05-01T12:00:00.000Z" })

  it("counts only while the end is in the future", () => {
    assert.isTrue(isTimedOutAt(timedOut, DateTime.unsafeMake("2024-05-01T11:59:59.999Z")))
    assert.isFalse(isTimedOutAt(timedOut, DateTime.unsafeMake("2024-05-01T12:00:00.000Z")))
    assert.isFalse(isTimedOutAt(member(ids.alice), DateTime.unsafeMake(0)))
  })

  it.effect("reads the Clock", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(Date.parse("2024-05-01T11:00:00.000Z"))
      assert.isTrue(yield* isTimedOut(timedOut))
      yield* TestClock.adjust("1 hour")
      assert.isFalse(yield* isTimedOut(timedOut))
    }))
})

describe("urls", () => {
  const withServerAvatar = member(ids.alice, { avatar: wire.avatarFile })

  it("serves files from {file server}/{tag}/{id}", () => {
    const file = Option.getOrThrow(withServerAvatar.avatar)
    assert.strictEqual(fileUrl(file, "https://cdn.example.test/"), `https://cdn.example.test/avatars/${wire.avatarFile._id}`)
    assert.deepStrictEqual(avatarUrl(alice, "https://cdn.example.test"), Option.some(`https://cdn.example.test/avatars/${wire.avatarFile._id}`))
    assert.isTrue(Option.isNone(avatarUrl(bob, "https://cdn.example.test")))
    assert.deepStrictEqual(serverAvatarUrl(withServerAvatar, "https://cdn.example.test"), Option.some(`https://cdn.example.test/avatars/${wire.avatarFile._id}`))
    assert.isTrue(Option.isNone(serverAvatarUrl(member(ids.alice), "https://cdn.example.test")))
  })

  it("gives the default avatar on the API, for a user or a member", () => {
    assert.strictEqual(defaultAvatarUrl(alice), `https://api.stoat.chat/users/${ids.alice}/default_avatar`)
    assert.strictEqual(defaultAvatarUrl(member(ids.bob), "https://api.example.test/"), `https://api.example.test/users/${ids.bob}/default_avatar`)
  })
})

describe("badges and flags", () => {
  it("names each bit and keeps the raw number, unknown bits included", () => {
    const badges = userBadges(decodeUser({ ...wire.bob, badges: UserBadge.Developer + UserBadge.EarlyAdopter + 4096 }))
    assert.isTrue(badges.Developer)
    assert.isTrue(badges.EarlyAdopter)
    assert.isFalse(badges.Founder)
    assert.strictEqual(badges.raw, 1 + 256 + 4096)
    assert.deepStrictEqual(userBadges(bob), badgeSet(0))
    const flags = userFlags(decodeUser({ ...wire.bob, flags: 6 }))
    assert.deepStrictEqual(flags, { SuspendedUntil: false, Deleted: true, Banned: true, Spam: false, raw: 6 })
    assert.deepStrictEqual(userFlagSet(2 ** 31 + 8), { SuspendedUntil: false, Deleted: false, Banned: false, Spam: true, raw: 2 ** 31 + 8 })
  })
})

describe("cache lookups", () => {
  const botUser = decodeUser({ ...wire.bob, _id: ids.alice, username: "helper", bot: { owner: ids.bob } })
  const target = member(ids.alice, { roles: [ids.high] })

  it.effect("find nothing in an empty cache", () =>
    Effect.gen(function*() {
      assert.isTrue(Option.isNone(yield* getMemberUser(target)))
      assert.isTrue(Option.isNone(yield* getMemberServer(target)))
      assert.isTrue(Option.isNone(yield* getMemberBotOwner(target)))
      assert.isTrue(Option.isNone(yield* getMemberDmChannelId(target)))
      assert.isTrue(Option.isNone(yield* getMemberServerPermissions(target)))
    }).pipe(Effect.provide(StoatCache.layer)))

  it.effect("find the member's user, server, bot owner, DM and permissions once cached", () =>
    Effect.gen(function*() {
      const cache = yield* StoatCache
      yield* cache.remember([botUser, server])
      assert.deepStrictEqual(yield* getMemberUser(target), Option.some(botUser))
      assert.deepStrictEqual(yield* getMemberServer(target), Option.some(server))
      assert.isTrue(Option.isNone(yield* getMemberBotOwner(target)))
      yield* cache.remember(bob)
      assert.deepStrictEqual(yield* getMemberBotOwner(target), Option.some(bob))
      const dm = ChannelId.make("01HZ8Y3Q4R5S6T7V8W9X0YZDM1")
      yield* cache.rememberDmChannel(target.id.user, dm)
      assert.deepStrictEqual(yield* getMemberDmChannelId(target), Option.some(dm))
      const permissions = Option.getOrThrow(yield* getMemberServerPermissions(target))
      assert.strictEqual(permissions.raw, Permission.ViewChannel + Permission.KickMembers)
    }).pipe(Effect.provide(StoatCache.layer)))

  const dm = ChannelId.make("01HZ8Y3Q4R5S6T7V8W9X0YZDM1")
  const message = (id: string, channel: string = dm, fields: Record<string, unknown> = {}) =>
    Schema.decodeUnknownSync(Message)({ _id: id, channel, author: ids.alice, content: id, ...fields })

  it.effect("messages: the cached messages of the member's DM, oldest first", () =>
    Effect.gen(function*() {
      const cache = yield* StoatCache
      yield* cache.remember([message("01HZ8Y3Q4R5S6T7V8W9X0Y0002"), message("01HZ8Y3Q4R5S6T7V8W9X0Y0001")])
      assert.deepStrictEqual(yield* getMemberMessages(target), [])
      yield* cache.rememberDmChannel(target.id.user, dm)
      yield* cache.remember({
        messages: [message("01HZ8Y3Q4R5S6T7V8W9X0Y0003", dm, { user: wire.bob }), message("01HZ8Y3Q4R5S6T7V8W9X0Y0009", ids.other)]
      })
      const cached = yield* getMemberMessages(target)
      assert.deepStrictEqual(cached.map((message) => message.id), [
        "01HZ8Y3Q4R5S6T7V8W9X0Y0001",
        "01HZ8Y3Q4R5S6T7V8W9X0Y0002",
        "01HZ8Y3Q4R5S6T7V8W9X0Y0003"
      ])
      assert.isTrue(Option.isSome(yield* cache.getUser(bob.id)))
    }).pipe(Effect.provide(StoatCache.layer)))

  it.effect("keeps the newest 1000 messages of a channel", () =>
    Effect.gen(function*() {
      const cache = yield* StoatCache
      const all = Array.from({ length: 1002 }, (_, i) => message(`01HZ8Y3Q4R5S6T7V8W9X0${String(i).padStart(5, "0")}`))
      yield* cache.remember(all.slice(0, 600))
      yield* cache.remember(all.slice(600))
      const kept = yield* cache.getChannelMessages(dm)
      assert.lengthOf(kept, 1000)
      assert.deepStrictEqual(kept.map((message) => message.id), all.slice(2).map((message) => message.id))
    }).pipe(Effect.provide(StoatCache.layer)))
})
