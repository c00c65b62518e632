import { HttpClient, HttpClientResponse } from "@effect/platform"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Layer, Option, Redacted } from "effect"
import {
  ChannelId,
  fetchDefaultAvatar,
  fetchFlags,
  fetchMutuals,
  fetchProfile,
  fetchUser,
  Mutuals,
  mutualFriendIds,
  mutualServerIds,
  removeFriend,
  reportUser,
  StoatCache,
  StoatClient,
  StoatConfig,
  unblockUser,
  User,
  UserId,
  UserProfile,
  withRequestOptions
} from "effect-stoat"
import { fetchDefaultAvatarErrors, fetchFlagsErrors, fetchMutualsErrors, fetchProfileErrors, fetchUserErrors, removeFriendErrors, reportUserErrors, unblockUserErrors } from "../src/operations/users.js"
import { MockHttp } from "effect-stoat/testing"
import { eachDeclaredError } from "./errorBodies.js"
import { baseUrl } from "./helpers.js"
import {
  bobMember,
  bobUser,
  bobWire,
  ids,
  onlyRequest,
  refusedBeforeSending,
  sent,
  wire,
  withMock
} from "./messagesKit.js"

const bob = UserId.make(ids.bob)
const targets = [bobMember, bobUser, ids.bob] as const

/** Runs `operation` for a member, a user and an id, and checks each sent `method path`. */
const sameRequestForEveryTarget = <A, E>(
  operation: (target: (typeof targets)[number]) => Effect.Effect<A, E, StoatClient>,
  expected: string
) =>
  Effect.gen(function*() {
    const results = yield* Effect.forEach(targets, operation)
    assert.deepStrictEqual(yield* sent, Array(3).fill(expected))
    return results[0]
  })

describe("fetchUser", () => {
  it.effect("GETs /users/{id} for a member, a user or an id; decodes the user, whom the cache learns", () =>
    Effect.gen(function*() {
      const user = yield* sameRequestForEveryTarget(fetchUser, `GET /users/${ids.bob}`)
      assert.instanceOf(user, User)
      assert.strictEqual(user?.username, "bob")
      const cache = yield* StoatCache
      assert.isTrue(Option.isSome(yield* cache.getUser(bob)))
    }).pipe(withMock(() => MockHttp.json(200, bobWire))))

  it.effect("refuses a user id that is not a ULID", () => refusedBeforeSending(fetchUser("bob"), "user id"))

  it.effect("declares NotFound, MissingPermission (Access), InvalidSession, FailedValidation", () =>
    Effect.gen(function*() {
      const tags = yield* eachDeclaredError(fetchUserErrors.classes, () => fetchUser(bob))
      assert.sameMembers(tags, ["InvalidSession", "NotFound", "MissingPermission", "FailedValidation"])
    }))
})

describe("fetchProfile", () => {
  it.effect("GETs the profile and decodes its text and background", () =>
    Effect.gen(function*() {
      const profile = yield* sameRequestForEveryTarget(fetchProfile, `GET /users/${ids.bob}/profile`)
      assert.instanceOf(profile, UserProfile)
      assert.strictEqual(Option.getOrThrow(profile?.content ?? Option.none()), "I like stoats")
      assert.strictEqual(Option.map(profile?.background ?? Option.none(), (file) => file.tag).pipe(Option.getOrThrow), "avatars")
    }).pipe(withMock(() => MockHttp.json(200, { content: "I like stoats", background: wire.avatarFile }))))

  it.effect("an empty profile is {}", () =>
    Effect.gen(function*() {
      const profile = yield* fetchProfile(bob)
      assert.isTrue(Option.isNone(profile.content))
      assert.isTrue(Option.isNone(profile.background))
    }).pipe(withMock(() => MockHttp.json(200, {}))))

  it.effect("declares the seed's MissingUserPermission and the MissingPermission the backend sends", () =>
    Effect.gen(function*() {
      const tags = yield* eachDeclaredError(fetchProfileErrors.classes, () => fetchProfile(bob))
      assert.sameMembers(tags, ["InvalidSession", "MissingUserPermission", "MissingPermission", "NotFound", "FailedValidation"])
    }))
})

describe("fetchFlags", () => {
  it.effect("GETs the flags and answers the raw bits", () =>
    Effect.gen(function*() {
      const flags = yield* sameRequestForEveryTarget(fetchFlags, `GET /users/${ids.bob}/flags`)
      assert.strictEqual(flags, 4)
    }).pipe(withMock(() => MockHttp.json(200, { flags: 4 }))))

  it.effect("refuses a user id that is not a ULID", () => refusedBeforeSending(fetchFlags(""), "user id"))

  it.effect("declares only its input check (the route never fails)", () =>
    Effect.gen(function*() {
      assert.sameMembers(yield* eachDeclaredError(fetchFlagsErrors.classes, () => fetchFlags(bob)), ["FailedValidation"])
    }))
})

/** A client whose transport answers every request with `bytes` as a PNG, recording the URLs. */
const pngClient = (bytes: Uint8Array, urls: Array<string>) =>
  StoatClient.layer.pipe(
    Layer.provide(Layer.succeed(
      HttpClient.HttpClient,
      HttpClient.make((request, url) => {
        urls.push(url.toString())
        return Effect.succeed(
          HttpClientResponse.fromWeb(request, new Response(bytes, { status: 200, headers: { "content-type": "image/png" } }))
        )
      })
    )),
    Layer.provide(StoatConfig.layer({ token: Redacted.make("token"), baseUrl }))
  )

describe("fetchDefaultAvatar", () => {
  const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff, 0xfe, 0x80])

  it.effect("GETs the default avatar and answers its bytes untouched", () => {
    const urls: Array<string> = []
    return Effect.gen(function*() {
      const bytes = yield* fetchDefaultAvatar(bobMember)
      assert.deepStrictEqual(bytes, png)
      assert.deepStrictEqual(urls, [`${baseUrl}/users/${ids.bob}/default_avatar`])
    }).pipe(Effect.provide(pngClient(png, urls)))
  })

  it.effect("takes any id segment (the server only reads its last character)", () =>
    Effect.gen(function*() {
      yield* sameRequestForEveryTarget(fetchDefaultAvatar, `GET /users/${ids.bob}/default_avatar`)
      yield* fetchDefaultAvatar("system")
      assert.include(yield* sent, "GET /users/system/default_avatar")
    }).pipe(withMock(() => MockHttp.text(200, "PNG", "image/png"))))

  it.effect("refuses an empty id, . and ..", () =>
    Effect.gen(function*() {
      yield* refusedBeforeSending(fetchDefaultAvatar(""), "user id")
      yield* refusedBeforeSending(fetchDefaultAvatar(".."), "user id")
    }))

  it.effect("a failure is decoded as for JSON routes: the rate limiter's 429, an HTML error", () =>
    Effect.gen(function*() {
      const limited = yield* Effect.flip(
        fetchDefaultAvatar(bob).pipe(withRequestOptions({ retries: 0 }), withMock(() => MockHttp.json(429, { retry_after: 5 })))
      )
      assert.strictEqual(limited._tag, "RateLimited")
      const html = yield* Effect.flip(
        fetchDefaultAvatar(bob).pipe(withMock(() => MockHttp.text(500, "<h1>500</h1>", "text/html")))
      )
      assert.strictEqual(html._tag, "UnexpectedResponse")
      assert.sameMembers(yield* eachDeclaredError(fetchDefaultAvatarErrors.classes, () => fetchDefaultAvatar(bob)), ["FailedValidation"])
    }))
})

describe("fetchMutuals, mutualFriendIds, mutualServerIds", () => {
  const mutuals = { users: [ids.me], servers: [ids.server], channels: [ids.dm] }

  it.effect("GET /users/{id}/mutual, decoded whole or as its friend or server ids", () =>
    Effect.gen(function*() {
      const all = yield* sameRequestForEveryTarget(fetchMutuals, `GET /users/${ids.bob}/mutual`)
      assert.instanceOf(all, Mutuals)
      assert.deepStrictEqual(all?.channels, [ChannelId.make(ids.dm)])
      assert.deepStrictEqual(yield* mutualFriendIds(bobMember), [UserId.make(ids.me)])
      assert.deepStrictEqual(yield* mutualServerIds(bobUser), [bobMember.id.server])
    }).pipe(withMock(() => MockHttp.json(200, mutuals))))

  it.effect("declares InvalidOperation (yourself), NotFound and both permission errors", () =>
    Effect.gen(function*() {
      const tags = yield* eachDeclaredError(fetchMutualsErrors.classes, () => mutualFriendIds(bob))
      assert.includeMembers(tags, ["InvalidOperation", "NotFound", "MissingUserPermission", "MissingPermission", "DatabaseError"])
      yield* eachDeclaredError(fetchMutualsErrors.classes, () => mutualServerIds(bob))
    }))
})

describe("removeFriend and unblockUser", () => {
  it.effect("DELETE /users/{id}/friend and /block, answering the user with the new relationship", () =>
    Effect.gen(function*() {
      const removed = yield* sameRequestForEveryTarget(removeFriend, `DELETE /users/${ids.bob}/friend`)
      assert.strictEqual(removed?.relationship, "None")
    }).pipe(withMock(() => MockHttp.json(200, { ...bobWire, relationship: "None" }))))

  it.effect("unblockUser sends DELETE /users/{id}/block", () =>
    Effect.gen(function*() {
      const unblocked = yield* sameRequestForEveryTarget(unblockUser, `DELETE /users/${ids.bob}/block`)
      assert.instanceOf(unblocked, User)
    }).pipe(withMock(() => MockHttp.json(200, { ...bobWire, relationship: "None" }))))

  it.effect("NoEffect fails even with a 200", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(removeFriend(bob))
      assert.strictEqual(error._tag, "NoEffect")
    }).pipe(withMock(() => MockHttp.json(200, { type: "NoEffect", location: "x" }))))

  it.effect("declare the seed's tables", () =>
    Effect.gen(function*() {
      assert.sameMembers(yield* eachDeclaredError(removeFriendErrors.classes, () => removeFriend(bob)), [
        "IsBot",
        "NoEffect",
        "InvalidSession",
        "NotFound",
        "DatabaseError",
        "FailedValidation"
      ])
      assert.sameMembers(yield* eachDeclaredError(unblockUserErrors.classes, () => unblockUser(bob)), [
        "NoEffect",
        "InvalidSession",
        "NotFound",
        "DatabaseError",
        "InternalError",
        "FailedValidation"
      ])
    }))

  it.effect("refuse a user id that is not a ULID", () =>
    Effect.gen(function*() {
      yield* refusedBeforeSending(removeFriend("x"), "user id")
      yield* refusedBeforeSending(unblockUser("x"), "user id")
    }))
})

describe("reportUser", () => {
  it.effect("POSTs a User report with its reason, the message context and the additional context", () =>
    Effect.gen(function*() {
      yield* reportUser(bobMember, "SpamAbuse", { additionalContext: "spam in #general", messageContext: { id: ids.message } })
      const request = yield* onlyRequest
      assert.strictEqual(`${request.method} ${request.path}`, "POST /safety/report")
      assert.deepStrictEqual(request.body, {
        content: { type: "User", id: ids.bob, report_reason: "SpamAbuse", message_id: ids.message },
        additional_context: "spam in #general"
      })
    }).pipe(withMock(() => MockHttp.empty(204))))

  it.effect("sends only the content when no option is given, and takes a 200 with no body as well", () =>
    Effect.gen(function*() {
      yield* reportUser(bobUser, "NoneSpecified")
      assert.deepStrictEqual((yield* onlyRequest).body, {
        content: { type: "User", id: ids.bob, report_reason: "NoneSpecified" }
      })
    }).pipe(withMock(() => MockHttp.empty(200))))

  it.effect("checks the context (at most 1000 characters, counted as characters) and the message id", () =>
    Effect.gen(function*() {
      yield* refusedBeforeSending(reportUser(bob, "Underage", { additionalContext: "x".repeat(1001) }), "context")
      yield* refusedBeforeSending(reportUser(bob, "Underage", { messageContext: "nope" }), "message id")
      yield* reportUser(bob, "Impersonation", { additionalContext: "🦊".repeat(1000) }).pipe(withMock(() => MockHttp.empty()))
    }))

  it.effect("declares the seed's table and IsBot from the backend", () =>
    Effect.gen(function*() {
      assert.sameMembers(yield* eachDeclaredError(reportUserErrors.classes, () => reportUser(bob, "SpamAbuse")), [
        "CannotReportYourself",
        "FailedValidation",
        "IsBot",
        "InvalidSession",
        "NotFound",
        "DatabaseError"
      ])
    }))
})
