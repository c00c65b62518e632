import { assert, describe, it } from "@effect/vitest"
import { Effect, Option, Schema } from "effect"
import {
  Ban,
  BanList,
  banMember,
  BannedUser,
  fetchBans,
  Member,
  ServerId,
  StoatCache,
  unbanUser,
  UserId
} from "effect-stoat"
import { banMemberErrors, fetchBansErrors, unbanUserErrors } from "../src/operations/moderation.js"
import { MockHttp } from "effect-stoat/testing"
import { eachDeclaredError } from "./errorBodies.js"
import * as wire from "./fixtures/wire.js"
import { onlyRequest, refusedBeforeSending, withMock } from "./helpers.js"

const server = ServerId.make("01HZ8Y3Q4R5S6T7V8W9X0YZABC")
const otherServer = ServerId.make("01HZ8Y3Q4R5S6T7V8W9X0YZDEF")
const alice = UserId.make("01HZ8Y3Q4R5S6T7V8W9X0YZA1C")
const bob = UserId.make("01HZ8Y3Q4R5S6T7V8W9X0YZB0B")

const aliceMember = Schema.decodeUnknownSync(Member)({ _id: { server, user: alice }, joined_at: "2024-05-01T12:00:00.000Z" })
const bobMember = Schema.decodeUnknownSync(Member)({ _id: { server, user: bob }, joined_at: "2024-05-01T12:00:00.000Z" })

const banWire = (user: string, reason: string | null, onServer: string = server) => ({
  _id: { server: onServer, user },
  reason
})
const decodeBan = Schema.decodeUnknownSync(Ban)

describe("Ban schemas", () => {
  it("decode the wire ServerBan and BanListResult; encoding gives the wire back", () => {
    const ban = decodeBan(banWire(alice, "spam"))
    assert.strictEqual(ban.id.server, server)
    assert.strictEqual(ban.id.user, alice)
    assert.strictEqual(ban.reason.pipe(Option.getOrThrow), "spam")
    assert.deepStrictEqual<unknown>(Schema.encodeSync(Ban)(ban), banWire(alice, "spam"))
    const noReason = decodeBan(banWire(bob, null))
    assert.isTrue(Option.isNone(noReason.reason))
    assert.deepStrictEqual(decodeBan(Schema.encodeSync(Ban)(noReason)), noReason)

    const list = Schema.decodeUnknownSync(BanList)({
      users: [
        { _id: alice, username: "alice", discriminator: "0420", avatar: wire.avatarFile },
        { _id: bob, username: "bob", discriminator: "0001", avatar: null }
      ],
      bans: [banWire(alice, "spam"), banWire(bob, null), banWire("gone-user", "left")]
    })
    assert.lengthOf(list.bans, 3)
    assert.lengthOf(list.users, 2)
    const [aliceUser, bobUser] = list.users
    assert.instanceOf(aliceUser, BannedUser)
    assert.strictEqual(aliceUser?.avatar.pipe(Option.getOrThrow).id, wire.avatarFile._id)
    assert.isTrue(bobUser !== undefined && Option.isNone(bobUser.avatar))
    assert.deepStrictEqual(Schema.decodeSync(BanList)(Schema.encodeSync(BanList)(list)), list)
  })

  it("ignore fields the server may add", () => {
    const ban = decodeBan({ ...banWire(alice, null), created_at: "2024-05-01T12:00:00.000Z" })
    assert.deepStrictEqual(ban, decodeBan(banWire(alice, null)))
  })
})

describe("banMember", () => {
  it.effect("sends PUT with an empty object when there are no options, and records the ban", () =>
    Effect.gen(function*() {
      const ban = yield* banMember(aliceMember)
      const request = yield* onlyRequest
      assert.strictEqual(request.method, "PUT")
      assert.strictEqual(request.path, `/servers/${server}/bans/${alice}`)
      assert.deepStrictEqual(request.body, {})
      assert.isUndefined(request.headers["x-audit-log-reason"])
      assert.instanceOf(ban, Ban)
      assert.isTrue(Option.isNone(ban.reason))
    }).pipe(withMock(() => MockHttp.json(200, banWire(alice, null)))))

  it.effect("sends the reason, the message window and the audit-log reason; the cache drops the member and keeps the ban", () =>
    Effect.gen(function*() {
      const cache = yield* StoatCache
      yield* cache.remember([aliceMember, bobMember])
      const ban = yield* banMember(
        { server, user: alice },
        { reason: "spam", deleteMessageSeconds: 3600, auditLogReason: "raid cleanup" }
      )
      const request = yield* onlyRequest
      assert.deepStrictEqual(request.body, { reason: "spam", delete_message_seconds: 3600 })
      assert.strictEqual(request.headers["x-audit-log-reason"], "raid cleanup")
      assert.strictEqual(ban.reason.pipe(Option.getOrThrow), "spam")
      assert.isTrue(Option.isNone(yield* cache.getMember(server, alice)))
      assert.isTrue(Option.isSome(yield* cache.getMember(server, bob)))
      assert.deepStrictEqual(yield* cache.getBans(server), [ban])
      assert.deepStrictEqual(yield* cache.getBans(otherServer), [])
    }).pipe(withMock(() => MockHttp.json(200, banWire(alice, "spam")))))

  it.effect("bans any user id, member or not, encoding it as one path segment", () =>
    Effect.gen(function*() {
      yield* banMember({ server, user: "not a/ulid" })
      assert.strictEqual((yield* onlyRequest).path, `/servers/${server}/bans/not%20a%2Fulid`)
    }).pipe(withMock(() => MockHttp.json(200, banWire("not a/ulid", null)))))

  it.effect("accepts the limits themselves: a 1024-character reason, 0 and 604800 seconds", () =>
    Effect.gen(function*() {
      yield* banMember(aliceMember, { reason: "r".repeat(1024), deleteMessageSeconds: 604_800 })
      yield* banMember(aliceMember, { reason: "", deleteMessageSeconds: 0 })
      const bodies = (yield* MockHttp.requests).map((request) => request.body)
      assert.deepStrictEqual(bodies, [
        { reason: "r".repeat(1024), delete_message_seconds: 604_800 },
        { reason: "", delete_message_seconds: 0 }
      ])
    }).pipe(withMock(() => MockHttp.json(200, banWire(alice, null)))))

  it.effect("fails with each declared error (re-banning is the backend's DatabaseError)", () =>
    eachDeclaredError(banMemberErrors.classes, () => banMember(aliceMember, { reason: "spam" })))

  it.effect("a failed ban leaves the member cached and records no ban", () =>
    Effect.gen(function*() {
      const cache = yield* StoatCache
      yield* cache.remember(aliceMember)
      const error = yield* Effect.flip(banMember(aliceMember))
      assert.strictEqual(error._tag, "NotElevated")
      assert.isTrue(Option.isSome(yield* cache.getMember(server, alice)))
      assert.deepStrictEqual(yield* cache.getBans(server), [])
    }).pipe(withMock(() => MockHttp.json(403, wire.apiError("NotElevated")))))

  it.effect("checks reason, message window, ids and audit-log reason before sending", () =>
    Effect.gen(function*() {
      yield* refusedBeforeSending(banMember(aliceMember, { reason: "r".repeat(1025) }), "reason")
      yield* refusedBeforeSending(banMember(aliceMember, { reason: "🦦".repeat(1025) }), "reason")
      yield* refusedBeforeSending(banMember(aliceMember, { deleteMessageSeconds: -1 }), "deleteMessageSeconds")
      yield* refusedBeforeSending(banMember(aliceMember, { deleteMessageSeconds: 604_801 }), "deleteMessageSeconds")
      yield* refusedBeforeSending(banMember(aliceMember, { deleteMessageSeconds: 1.5 }), "deleteMessageSeconds")
      yield* refusedBeforeSending(banMember(aliceMember, { deleteMessageSeconds: Number.NaN }), "deleteMessageSeconds")
      yield* refusedBeforeSending(banMember({ server: "guild", user: alice }), "server id")
      yield* refusedBeforeSending(banMember({ server, user: ".." }), "user id")
      yield* refusedBeforeSending(banMember({ server, user: "" }), "user id")
      yield* refusedBeforeSending(banMember(aliceMember, { auditLogReason: "x".repeat(513) }), "512")
    }))
})

describe("unbanUser", () => {
  it.effect("sends DELETE with no body and the audit-log reason; the cache forgets that ban only", () =>
    Effect.gen(function*() {
      const cache = yield* StoatCache
      yield* cache.remember([decodeBan(banWire(alice, "spam")), decodeBan(banWire(bob, null))])
      yield* unbanUser(server, alice, { auditLogReason: "appeal accepted" })
      const request = yield* onlyRequest
      assert.strictEqual(request.method, "DELETE")
      assert.strictEqual(request.path, `/servers/${server}/bans/${alice}`)
      assert.isUndefined(request.body)
      assert.strictEqual(request.headers["x-audit-log-reason"], "appeal accepted")
      assert.deepStrictEqual((yield* cache.getBans(server)).map((ban) => ban.id.user), [bob])
    }).pipe(withMock(() => MockHttp.empty(204))))

  it.effect("takes objects with ids, and any user id segment", () =>
    Effect.gen(function*() {
      yield* unbanUser({ id: server }, { id: alice })
      yield* unbanUser(server, "gone-user")
      const paths = (yield* MockHttp.requests).map((request) => request.path)
      assert.deepStrictEqual(paths, [`/servers/${server}/bans/${alice}`, `/servers/${server}/bans/gone-user`])
    }).pipe(withMock(() => MockHttp.empty(204))))

  it.effect("fails with each declared error (NotFound when there is no such ban)", () =>
    eachDeclaredError(unbanUserErrors.classes, () => unbanUser(server, alice)))

  it.effect("checks ids and the audit-log reason before sending", () =>
    Effect.gen(function*() {
      yield* refusedBeforeSending(unbanUser("guild", alice), "server id")
      yield* refusedBeforeSending(unbanUser(server, "."), "user id")
      yield* refusedBeforeSending(unbanUser(server, alice, { auditLogReason: "bad\nline" }), "control")
    }))
})

describe("fetchBans", () => {
  const listWire = {
    users: [{ _id: alice, username: "alice", discriminator: "0420", avatar: null }],
    bans: [banWire(alice, "spam"), banWire("gone-user", null)]
  }

  it.effect("sends GET and decodes the ban list; the cache's bans of that server become exactly these", () =>
    Effect.gen(function*() {
      const cache = yield* StoatCache
      const stale = decodeBan(banWire(bob, "lifted elsewhere"))
      const elsewhere = decodeBan(banWire(bob, "other server", otherServer))
      yield* cache.remember([stale, elsewhere])
      const list = yield* fetchBans({ id: server })
      const request = yield* onlyRequest
      assert.strictEqual(request.method, "GET")
      assert.strictEqual(request.path, `/servers/${server}/bans`)
      assert.isUndefined(request.body)
      assert.instanceOf(list, BanList)
      assert.deepStrictEqual(list.bans.map((ban) => ban.id.user), [alice, "gone-user"])
      assert.strictEqual(list.users[0]?.username, "alice")
      const cached = yield* cache.getBans(server)
      assert.deepStrictEqual(
        [...cached].sort((a, b) => a.id.user.localeCompare(b.id.user)),
        [...list.bans].sort((a, b) => a.id.user.localeCompare(b.id.user))
      )
      assert.deepStrictEqual(yield* cache.getBans(otherServer), [elsewhere])
    }).pipe(withMock(() => MockHttp.json(200, listWire))))

  it.effect("a body that is not a ban list is UnexpectedResponse", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(fetchBans(server))
      assert.strictEqual(error._tag, "UnexpectedResponse")
    }).pipe(withMock(() => MockHttp.json(200, { bans: "none" }))))

  it.effect("fails with each declared error", () =>
    eachDeclaredError(fetchBansErrors.classes, () => fetchBans(server)))

  it.effect("checks the server id before sending", () => refusedBeforeSending(fetchBans("guild"), "server id"))
})
