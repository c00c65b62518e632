import { assert, describe, it } from "@effect/vitest"
import { DateTime, Duration, Effect, Option, Schema, TestClock } from "effect"
import {
  ChannelId,
  editMember,
  kickMember,
  LiveKitUnavailable,
  Member,
  MemberId,
  type MemberRef,
  RoleId,
  StoatCache,
  timeoutMember
} from "effect-stoat"
import { editMemberErrors, kickMemberErrors, timeoutMemberErrors } from "../src/operations/moderation.js"
import { MockHttp } from "effect-stoat/testing"
import { eachDeclaredError, wireError } from "./errorBodies.js"
import * as wire from "./fixtures/wire.js"
import { onlyRequest, refusedBeforeSending, withMock } from "./helpers.js"

const server = "01HZ8Y3Q4R5S6T7V8W9X0YZABC"
const alice = "01HZ8Y3Q4R5S6T7V8W9X0YZA1C"
const bob = "01HZ8Y3Q4R5S6T7V8W9X0YZB0B"
const role = RoleId.make("01HZ8Y3Q4R5S6T7V8W9X0YZR01")
const channel = ChannelId.make("01HZ8Y3Q4R5S6T7V8W9X0YZCHN")
const memberPath = `/servers/${server}/members/${alice}`

const memberWire = (fields: Record<string, unknown> = {}) => ({
  _id: { server, user: alice },
  joined_at: "2024-05-01T12:00:00.000Z",
  ...fields
})

const decodeMember = Schema.decodeUnknownSync(Member)
const aliceMember = decodeMember(memberWire({ nickname: "Al" }))
const bobMember = decodeMember({ _id: { server, user: bob }, joined_at: "2024-05-01T12:00:00.000Z" })

/** Answers every request with the member updated by `fields`. */
const updated = (fields: Record<string, unknown> = {}) => withMock(() => MockHttp.json(200, memberWire(fields)))

describe("editMember", () => {
  it.effect("sends every set field in DataMemberEdit, with the audit-log reason, and decodes the member", () =>
    Effect.gen(function*() {
      const member = yield* editMember(
        aliceMember,
        {
          nickname: "Ally",
          pronouns: "she/her",
          avatar: wire.avatarFile._id,
          roles: [role, { id: role }],
          timeout: DateTime.unsafeMake("2024-05-02T12:00:00Z"),
          canPublish: false,
          canReceive: false,
          voiceChannel: { id: channel }
        },
        { auditLogReason: "mod action" }
      )
      const request = yield* onlyRequest
      assert.strictEqual(request.method, "PATCH")
      assert.strictEqual(request.path, memberPath)
      assert.strictEqual(request.headers["x-audit-log-reason"], "mod action")
      assert.deepStrictEqual(request.body, {
        nickname: "Ally",
        pronouns: "she/her",
        avatar: wire.avatarFile._id,
        roles: [role, role],
        timeout: "2024-05-02T12:00:00.000Z",
        can_publish: false,
        can_receive: false,
        voice_channel: channel
      })
      assert.instanceOf(member, Member)
      assert.strictEqual(member.nickname.pipe(Option.getOrThrow), "Ally")
      assert.strictEqual(member.pronouns.pipe(Option.getOrThrow), "she/her")
      assert.strictEqual(member.avatar.pipe(Option.getOrThrow).id, wire.avatarFile._id)
      assert.deepStrictEqual(member.roles, [role])
      assert.strictEqual(DateTime.formatIso(member.timeout.pipe(Option.getOrThrow)), "2024-05-02T12:00:00.000Z")
      assert.isFalse(member.canPublish)
      assert.isFalse(member.canReceive)
    }).pipe(updated({
      nickname: "Ally",
      pronouns: "she/her",
      avatar: wire.avatarFile,
      roles: [role],
      timeout: "2024-05-02T12:00:00.000Z",
      can_publish: false,
      can_receive: false
    })))

  it.effect("sends null fields in remove, in FieldsMember names, and nothing else", () =>
    Effect.gen(function*() {
      const member = yield* editMember(aliceMember, {
        nickname: null,
        pronouns: null,
        avatar: null,
        roles: null,
        timeout: null,
        canPublish: null,
        canReceive: null,
        voiceChannel: null
      })
      const request = yield* onlyRequest
      assert.deepStrictEqual(request.body, {
        remove: ["Nickname", "Pronouns", "Avatar", "Roles", "Timeout", "CanPublish", "CanReceive", "VoiceChannel"]
      })
      assert.isUndefined(request.headers["x-audit-log-reason"])
      assert.isTrue(Option.isNone(member.nickname))
      assert.deepStrictEqual(member.roles, [])
      assert.isTrue(member.canPublish)
      assert.isTrue(member.canReceive)
    }).pipe(updated()))

  it.effect("leaves absent keys out: setting one field and clearing another sends just those", () =>
    Effect.gen(function*() {
      yield* editMember(aliceMember, { nickname: "Ally", timeout: null })
      assert.deepStrictEqual((yield* onlyRequest).body, { nickname: "Ally", remove: ["Timeout"] })
    }).pipe(updated({ nickname: "Ally" })))

  it.effect("an empty edit sends an empty object", () =>
    Effect.gen(function*() {
      yield* editMember(aliceMember, {})
      assert.deepStrictEqual((yield* onlyRequest).body, {})
    }).pipe(updated()))

  it.effect("an empty role list sets no roles (it is not a removal)", () =>
    Effect.gen(function*() {
      yield* editMember(aliceMember, { roles: [] })
      assert.deepStrictEqual((yield* onlyRequest).body, { roles: [] })
    }).pipe(updated()))

  it.effect("takes the avatar as a File already uploaded, sending its id", () =>
    Effect.gen(function*() {
      const file = decodeMember(memberWire({ avatar: wire.avatarFile })).avatar.pipe(Option.getOrThrow)
      yield* editMember(aliceMember, { avatar: file })
      assert.deepStrictEqual((yield* onlyRequest).body, { avatar: wire.avatarFile._id })
    }).pipe(updated({ avatar: wire.avatarFile })))

  it.effect("accepts the member as a Member, its MemberId, ids, or objects with ids: same request", () =>
    Effect.gen(function*() {
      const refs: ReadonlyArray<MemberRef> = [
        aliceMember,
        new MemberId({ server: aliceMember.id.server, user: aliceMember.id.user }),
        { server, user: alice },
        { server: { id: aliceMember.id.server }, user: { id: aliceMember.id.user } }
      ]
      yield* Effect.forEach(refs, (ref) => editMember(ref, { nickname: "Ally" }))
      const requests = yield* MockHttp.requests
      assert.deepStrictEqual(requests.map((request) => request.path), refs.map(() => memberPath))
    }).pipe(updated()))

  it.effect("the cache stores the returned member, replacing what it knew", () =>
    Effect.gen(function*() {
      const cache = yield* StoatCache
      yield* cache.remember([aliceMember, bobMember])
      const member = yield* editMember(aliceMember, { nickname: "Ally" })
      const cached = yield* cache.getMember(aliceMember.id.server, aliceMember.id.user)
      assert.deepStrictEqual(cached, Option.some(member))
      assert.strictEqual(cached.pipe(Option.flatMap((m) => m.nickname), Option.getOrThrow), "Ally")
      assert.isTrue(Option.isSome(yield* cache.getMember(bobMember.id.server, bobMember.id.user)))
    }).pipe(updated({ nickname: "Ally" })))

  it.effect("fails with each declared error, decoded from the backend's body", () =>
    Effect.gen(function*() {
      const seen = yield* eachDeclaredError(editMemberErrors.classes, () => editMember(aliceMember, { nickname: "Ally" }))
      assert.lengthOf(seen, 15)
    }))

  it.effect("a 401 is InvalidSession; an error type the route never sends is UnexpectedResponse", () =>
    Effect.gen(function*() {
      const session = yield* Effect.flip(
        editMember(aliceMember, {}).pipe(withMock(() => MockHttp.json(401, wire.rocketError(401, "Unauthorized"))))
      )
      assert.strictEqual(session._tag, "InvalidSession")
      const other = yield* Effect.flip(
        editMember(aliceMember, {}).pipe(withMock(() => MockHttp.json(403, wire.apiError("Banned"))))
      )
      assert.strictEqual(other._tag, "UnexpectedResponse")
    }))

  it.effect("a success body that is not a member is UnexpectedResponse", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(editMember(aliceMember, {}))
      assert.strictEqual(error._tag, "UnexpectedResponse")
    }).pipe(withMock(() => MockHttp.json(200, { _id: "not a member id" }))))
})

describe("editMember input checks (nothing is sent)", () => {
  it.effect("nickname: 1 to 32 characters, counted as code points", () =>
    Effect.gen(function*() {
      yield* refusedBeforeSending(editMember(aliceMember, { nickname: "" }), "nickname")
      yield* refusedBeforeSending(editMember(aliceMember, { nickname: "n".repeat(33) }), "nickname")
      const longest = "🦦".repeat(32)
      yield* editMember(aliceMember, { nickname: longest }).pipe(updated())
    }))

  it.effect("pronouns: 1 to 24 characters", () =>
    Effect.gen(function*() {
      yield* refusedBeforeSending(editMember(aliceMember, { pronouns: "" }), "pronouns")
      yield* refusedBeforeSending(editMember(aliceMember, { pronouns: "p".repeat(25) }), "pronouns")
      yield* editMember(aliceMember, { pronouns: "p".repeat(24) }).pipe(updated())
    }))

  it.effect("ids: server, user, roles and voice channel are ULIDs; the avatar id is not empty", () =>
    Effect.gen(function*() {
      yield* refusedBeforeSending(editMember({ server: "nope", user: alice }, {}), "server id")
      yield* refusedBeforeSending(editMember({ server, user: "../bans" }, {}), "user id")
      yield* refusedBeforeSending(editMember(aliceMember, { roles: [role, "01hz8y3q4r5s6t7v8w9x0yzrol"] }), "role id")
      yield* refusedBeforeSending(editMember(aliceMember, { voiceChannel: "general" }), "voice channel id")
      yield* refusedBeforeSending(editMember(aliceMember, { avatar: "" }), "avatar")
    }))

  it.effect("timeout: a valid instant within years 0000..9999", () =>
    Effect.gen(function*() {
      yield* refusedBeforeSending(editMember(aliceMember, { timeout: new Date(Number.NaN) }), "timeout")
      yield* refusedBeforeSending(editMember(aliceMember, { timeout: Duration.infinity }), "timeout")
      yield* refusedBeforeSending(
        editMember(aliceMember, { timeout: DateTime.unsafeMake("+010000-01-01T00:00:00Z") }),
        "timeout"
      )
    }))

  it.effect("audit-log reason: at most 512 UTF-8 bytes, no control characters", () =>
    Effect.gen(function*() {
      yield* refusedBeforeSending(editMember(aliceMember, {}, { auditLogReason: "€".repeat(171) }), "512")
      yield* refusedBeforeSending(editMember(aliceMember, {}, { auditLogReason: "a\r\nX-Evil: 1" }), "control")
      yield* editMember(aliceMember, {}, { auditLogReason: "é".repeat(256) }).pipe(updated())
    }))
})

describe("editMember timeouts go out as ISO 8601 UTC", () => {
  const sentTimeout = (timeout: Parameters<typeof timeoutMember>[1]) =>
    Effect.gen(function*() {
      yield* editMember(aliceMember, { timeout })
      return (yield* onlyRequest).body
    }).pipe(updated())

  it.effect("a Date", () =>
    Effect.gen(function*() {
      assert.deepStrictEqual(yield* sentTimeout(new Date(Date.UTC(2024, 4, 2, 12, 30))), {
        timeout: "2024-05-02T12:30:00.000Z"
      })
    }))

  it.effect("a zoned DateTime, converted to UTC", () =>
    Effect.gen(function*() {
      const zoned = DateTime.unsafeMakeZoned(new Date("2024-05-02T12:30:00Z"), { timeZone: "Asia/Tokyo" })
      assert.deepStrictEqual(yield* sentTimeout(zoned), { timeout: "2024-05-02T12:30:00.000Z" })
    }))

  it.effect("a Duration, from the Clock's now", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(Date.parse("2024-05-01T12:00:00.000Z"))
      assert.deepStrictEqual(yield* sentTimeout(Duration.hours(24)), { timeout: "2024-05-02T12:00:00.000Z" })
      yield* TestClock.adjust(Duration.minutes(90))
      assert.deepStrictEqual(yield* sentTimeout(Duration.seconds(30)), { timeout: "2024-05-01T13:30:30.000Z" })
    }))
})

describe("timeoutMember", () => {
  it.effect("sends only the timeout, a Duration from the Clock's now, and returns the member", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(Date.parse("2024-05-01T12:00:00.000Z"))
      const member = yield* timeoutMember(aliceMember, Duration.minutes(10), { auditLogReason: "cool down" })
      const request = yield* onlyRequest
      assert.strictEqual(request.method, "PATCH")
      assert.strictEqual(request.path, memberPath)
      assert.strictEqual(request.headers["x-audit-log-reason"], "cool down")
      assert.deepStrictEqual(request.body, { timeout: "2024-05-01T12:10:00.000Z" })
      assert.strictEqual(DateTime.formatIso(member.timeout.pipe(Option.getOrThrow)), "2024-05-01T12:10:00.000Z")
      const cached = yield* (yield* StoatCache).getMember(member.id.server, member.id.user)
      assert.deepStrictEqual(cached, Option.some(member))
    }).pipe(updated({ timeout: "2024-05-01T12:10:00.000Z" })))

  it.effect("null lifts the timeout", () =>
    Effect.gen(function*() {
      const member = yield* timeoutMember({ server, user: alice }, null)
      assert.deepStrictEqual((yield* onlyRequest).body, { remove: ["Timeout"] })
      assert.isTrue(Option.isNone(member.timeout))
    }).pipe(updated()))

  it.effect("fails with each declared error (IsElevated and NotElevated included)", () =>
    Effect.gen(function*() {
      const seen = yield* eachDeclaredError(timeoutMemberErrors.classes, () => timeoutMember(aliceMember, Duration.minutes(1)))
      assert.includeMembers(seen, ["IsElevated", "NotElevated", "CannotTimeoutYourself"])
    }))

  it.effect("an error only other edits can cause is UnexpectedResponse", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(timeoutMember(aliceMember, null))
      assert.strictEqual(error._tag, "UnexpectedResponse")
    }).pipe(withMock(() => wireError(LiveKitUnavailable))))

  it.effect("checks the length and ids before sending", () =>
    Effect.gen(function*() {
      yield* refusedBeforeSending(timeoutMember(aliceMember, Duration.infinity), "timeout")
      yield* refusedBeforeSending(timeoutMember({ server: "x", user: alice }, null), "server id")
    }))
})

describe("kickMember", () => {
  it.effect("sends DELETE with no body and the audit-log reason; the cache forgets only that member", () =>
    Effect.gen(function*() {
      const cache = yield* StoatCache
      yield* cache.remember([aliceMember, bobMember])
      yield* kickMember(aliceMember, { auditLogReason: "spam" })
      const request = yield* onlyRequest
      assert.strictEqual(request.method, "DELETE")
      assert.strictEqual(request.path, memberPath)
      assert.isUndefined(request.body)
      assert.strictEqual(request.headers["x-audit-log-reason"], "spam")
      assert.isTrue(Option.isNone(yield* cache.getMember(aliceMember.id.server, aliceMember.id.user)))
      assert.isTrue(Option.isSome(yield* cache.getMember(bobMember.id.server, bobMember.id.user)))
    }).pipe(withMock(() => MockHttp.empty(204))))

  it.effect("takes the member's ids; no audit header without a reason", () =>
    Effect.gen(function*() {
      yield* kickMember({ server, user: bob })
      const request = yield* onlyRequest
      assert.strictEqual(request.path, `/servers/${server}/members/${bob}`)
      assert.isUndefined(request.headers["x-audit-log-reason"])
    }).pipe(withMock(() => MockHttp.empty(204))))

  it.effect("fails with each declared error, and the cache keeps the member", () =>
    eachDeclaredError(kickMemberErrors.classes, () =>
      Effect.flatMap(StoatCache, (cache) =>
        cache.remember(aliceMember).pipe(
          Effect.zipRight(kickMember(aliceMember)),
          Effect.tapError(() =>
            Effect.map(cache.getMember(aliceMember.id.server, aliceMember.id.user), (kept) => assert.isTrue(Option.isSome(kept))))
        ))))

  it.effect("checks ids and the audit-log reason before sending", () =>
    Effect.gen(function*() {
      yield* refusedBeforeSending(kickMember({ server, user: "" }), "user id")
      yield* refusedBeforeSending(kickMember({ server: "..", user: alice }), "server id")
      yield* refusedBeforeSending(kickMember(aliceMember, { auditLogReason: "x".repeat(513) }), "512")
    }))
})
