import { assert, describe, it } from "@effect/vitest"
import { Duration, Effect, HashMap, Option, TestClock } from "effect"
import { fetchUser, history, isUlid, send } from "effect-stoat"
import { makeUlid } from "../../src/schema/Ids.js"
import { StoatFake } from "effect-stoat/testing"
import { demoSeed, on, transports } from "./fakeHelpers.js"
import { assertCatcher, assertError, field, items, path, raw } from "./raw.js"

const SendMessage = 2 ** 22
const SendEmbeds = 2 ** 26
const UploadFiles = 2 ** 27
const Masquerade = 2 ** 28
const React = 2 ** 29
const MentionEveryone = 2 ** 37

/**
 * The demo instance, plus: `erin`, a member; `slow` (30 s slowmode); `quiet` (members may not
 * send); `strict` (members may masquerade, but not embed, upload or react); `announce` (members
 * may mention everyone); the DM `pals` between friends alice and bob, the DM `stale` between
 * alice and erin, who are not friends, and alice's saved messages `notes`.
 */
const seed = demoSeed
  .user("erin")
  .member("lovers", "erin")
  .channel("slow", { server: "lovers", slowmode: 30 })
  .channel("quiet", { server: "lovers", defaultPermissions: { allow: 0, deny: SendMessage } })
  .channel("strict", { server: "lovers", defaultPermissions: { allow: Masquerade, deny: SendEmbeds + UploadFiles + React } })
  .channel("announce", { server: "lovers", defaultPermissions: { allow: MentionEveryone, deny: 0 } })
  .dm("pals", "alice", "bob")
  .dm("stale", "alice", "erin")
  .savedMessages("notes", "alice")

const id = (handle: string) => seed.id(handle)
const ghost = makeUlid(Date.UTC(2025, 0, 1), 4242n)
const start = Date.UTC(2025, 0, 1)

/** Posts a message to a channel (a handle, or a raw id), as `as`, with an optional `Idempotency-Key`. */
const post = (channel: string, body: unknown, options: { readonly as?: string; readonly key?: string } = {}) =>
  raw("POST", path("channels", channel === ghost ? ghost : id(channel), "messages"), {
    as: options.as ?? "bob",
    body,
    ...(options.key === undefined ? {} : { headers: { "idempotency-key": options.key } })
  })

/** Runs against a fake of `seed`, at a time after everything seeded. */
const fake = <A, E>(effect: Effect.Effect<A, E, StoatFake>) =>
  Effect.provide(Effect.zipRight(TestClock.setTime(start), effect), StoatFake.layer(seed))

describe("the fake: POST /channels/{id}/messages, success", () => {
  it.effect("in a server: the answer carries the nonce, the author as user and member; history shows neither", () =>
    fake(Effect.gen(function*() {
      const sent = yield* post("general", { content: "hi" }, { key: "k-1" })
      assert.strictEqual(sent.status, 200)
      const messageId = field(sent.json, "_id")
      assert.deepInclude(sent.json, { channel: id("general"), author: id("bob"), content: "hi", nonce: "k-1" })
      for (const key of ["attachments", "embeds", "mentions", "replies", "flags", "pinned", "interactions"]) {
        assert.notProperty(sent.json, key)
      }
      assert.deepInclude(field(sent.json, "user"), { _id: id("bob"), username: "bob", relationship: "None", online: true })
      assert.notProperty(field(sent.json, "user"), "relations")
      assert.deepInclude(field(sent.json, "member"), { _id: { server: id("lovers"), user: id("bob") }, roles: [id("member")] })
      const latest = items((yield* raw("GET", path("channels", id("general"), "messages"), { as: "alice", query: { limit: "1" } })).json)
      assert.deepStrictEqual(latest, [{ _id: messageId, channel: id("general"), author: id("bob"), content: "hi", nonce: "k-1" }])
      const state = yield* Effect.flatten(Effect.map(StoatFake, (fake) => fake.state))
      const general = Option.getOrThrow(HashMap.get(state.channels, id("general")))
      assert.strictEqual(general._tag === "TextChannel" ? Option.getOrUndefined(general.lastMessageId) : undefined, messageId)
    })))

  it.effect("in a DM between friends and in saved messages: no member; without a key the nonce is a fresh ULID", () =>
    fake(Effect.gen(function*() {
      const dm = yield* post("pals", { content: "hey" }, { as: "alice" })
      assert.strictEqual(dm.status, 200)
      assert.notProperty(dm.json, "member")
      const nonce = field(dm.json, "nonce")
      assert.isTrue(typeof nonce === "string" && isUlid(nonce))
      assert.strictEqual((yield* post("notes", { content: "note to self" }, { as: "alice" })).status, 200)
    })))

  it.effect("the DM rule: an existing DM between two humans who are not friends is read-only", () =>
    fake(Effect.gen(function*() {
      assertError(yield* post("stale", { content: "hello?" }, { as: "alice" }), 403, "MissingPermission", { permission: "SendMessage" })
    })))
})

describe("the fake: POST /channels/{id}/messages, Idempotency-Key", () => {
  it.effect("a key is spent before the body is read: a retry with it is the catcher's 409, even after a failure", () =>
    fake(Effect.gen(function*() {
      assertError(yield* post("general", {}, { key: "after-422" }), 422, "EmptyMessage")
      assertCatcher(yield* post("general", { content: "retry" }, { key: "after-422" }), 409)
      assertCatcher(yield* raw("POST", path("channels", id("general"), "messages"), {
        as: "bob",
        rawBody: "{",
        headers: { "idempotency-key": "after-400" }
      }), 400)
      assertCatcher(yield* post("general", { content: "retry" }, { key: "after-400" }), 409)
      assertError(yield* post(ghost, { content: "lost" }, { key: "after-404" }), 404, "NotFound")
      assertCatcher(yield* post("general", { content: "retry" }, { key: "after-404" }), 409)
      assert.strictEqual((yield* post("general", { content: "once" }, { key: "sent" })).status, 200)
      assertCatcher(yield* post("pals", { content: "elsewhere" }, { key: "sent", as: "alice" }), 409)
    })))

  it.effect("a key over 64 bytes is the catcher's 400; authentication comes before the key, so a 401 spends nothing", () =>
    fake(Effect.gen(function*() {
      assertCatcher(yield* post("general", { content: "x" }, { key: "k".repeat(65) }), 400)
      assert.strictEqual((yield* post("general", { content: "x" }, { key: "k".repeat(64) })).status, 200)
      assertCatcher(
        yield* raw("POST", path("channels", id("general"), "messages"), { body: { content: "x" }, headers: { "idempotency-key": "anon" } }),
        401
      )
      assert.strictEqual((yield* post("general", { content: "x" }, { key: "anon" })).status, 200)
    })))

  it.effect("a body nonce shares the keys: echoed when new, InvalidOperation when spent", () =>
    fake(Effect.gen(function*() {
      const sent = yield* post("general", { content: "x", nonce: "n-1" }, { key: "header-1" })
      assert.strictEqual(field(sent.json, "nonce"), "n-1")
      assertError(yield* post("general", { content: "x", nonce: "n-1" }), 400, "InvalidOperation")
      assertError(yield* post("general", { content: "x", nonce: "header-1" }), 400, "InvalidOperation")
    })))
})

describe("the fake: POST /channels/{id}/messages, the checks in order", () => {
  it.effect("the body: empty or malformed is 400, a wrong shape 422 (a reply's `mention` is required, flags a u32)", () =>
    fake(Effect.gen(function*() {
      assertCatcher(yield* raw("POST", path("channels", id("general"), "messages"), { as: "bob" }), 400)
      assertCatcher(yield* post("general", { content: 5 }), 422)
      assertCatcher(yield* post("general", { content: "x", replies: [{ id: id("hello") }] }), 422)
      assertCatcher(yield* post("general", { content: "x", flags: -1 }), 422)
      assertCatcher(yield* post("general", { content: "x", flags: 1.5 }), 422)
    })))

  it.effect("FailedValidation before NotFound; then SendMessage, Masquerade, ManageRole, SendEmbeds, UploadFiles", () =>
    fake(Effect.gen(function*() {
      assertError(yield* post(ghost, { content: "x", masquerade: { name: "" } }), 400, "FailedValidation")
      assertError(yield* post("general", { content: "x", nonce: "" }), 400, "FailedValidation")
      assertError(yield* post("general", { content: "x", embeds: [{ title: "t".repeat(101) }] }), 400, "FailedValidation")
      assertError(yield* post("general", { content: "x", masquerade: { colour: "not a colour!" } }), 400, "FailedValidation")
      assertError(yield* post(ghost, { content: "x" }), 404, "NotFound")
      const lacking = (channel: string, body: unknown, permission: string) =>
        Effect.map(post(channel, body), (answer) => assertError(answer, 403, "MissingPermission", { permission }))
      yield* lacking("quiet", { content: "x", masquerade: { name: "m" } }, "SendMessage")
      yield* lacking("general", { content: "x", masquerade: { name: "m" } }, "Masquerade")
      yield* lacking("strict", { content: "x", masquerade: { name: "m", colour: "red" }, embeds: [{ title: "t" }] }, "ManageRole")
      yield* lacking("strict", { content: "x", embeds: [{ title: "t" }], attachments: ["f"] }, "SendEmbeds")
      yield* lacking("strict", { content: "x", attachments: ["f"] }, "UploadFiles")
      const masked = yield* post("strict", { content: "x", masquerade: { name: "m" }, embeds: [], attachments: [] })
      assert.deepStrictEqual(field(masked.json, "masquerade"), { name: "m" })
    })))

  it.effect("interactions: React, at most 20 reactions, each a known emoji (a custom one is looked up: NotFound)", () =>
    fake(Effect.gen(function*() {
      assertError(yield* post("strict", { content: "x", interactions: { reactions: [] } }), 403, "MissingPermission", { permission: "React" })
      assertError(yield* post("general", { content: "x", interactions: { reactions: Array(21).fill("👍") } }), 400, "InvalidOperation")
      assertError(yield* post("general", { content: "x", interactions: { reactions: ["abc"] } }), 400, "InvalidOperation")
      assertError(yield* post("general", { content: "x", interactions: { reactions: [ghost] } }), 404, "NotFound")
      const sent = yield* post("general", { content: "x", interactions: { reactions: ["👍", "👍", "❤️"], restrict_reactions: true } })
      assert.deepStrictEqual(field(sent.json, "interactions"), { reactions: ["👍", "❤️"], restrict_reactions: true })
    })))

  it.effect("PayloadTooLarge counts UTF-8 bytes of the content and the embed descriptions", () =>
    fake(Effect.gen(function*() {
      assertError(yield* post("general", { content: "a".repeat(2001), interactions: { reactions: ["abc"] } }), 400, "InvalidOperation")
      assertError(yield* post("general", { content: "a".repeat(2001) }), 422, "PayloadTooLarge")
      assert.strictEqual((yield* post("general", { content: "é".repeat(1000) })).status, 200)
      assertError(yield* post("general", { content: "€".repeat(667) }), 422, "PayloadTooLarge")
      assertError(yield* post("general", { content: "a".repeat(1500), embeds: [{ description: "b".repeat(501) }] }), 422, "PayloadTooLarge")
    })))

  it.effect("EmptyMessage after the nonce; nothing, or empty content, is empty", () =>
    fake(Effect.gen(function*() {
      assertError(yield* post("general", { nonce: "empty-1" }), 422, "EmptyMessage")
      assertError(yield* post("general", { nonce: "empty-1" }), 400, "InvalidOperation")
      assertError(yield* post("general", { content: "" }), 422, "EmptyMessage")
    })))

  it.effect("flags are bit indices: 2 silences, 4 mentions everyone (bots only), above 7 is InvalidProperty, 1 means nothing", () =>
    fake(Effect.gen(function*() {
      assertError(yield* post("general", { flags: 8 }), 422, "EmptyMessage")
      assertError(yield* post("general", { content: "x", flags: 8 }), 400, "InvalidProperty")
      assertError(yield* post("general", { content: "x", flags: 12 }), 400, "InvalidProperty")
      assertError(yield* post("general", { content: "x", flags: 4, interactions: { restrict_reactions: true } }), 400, "IsNotBot")
      assertError(yield* post("general", { content: "x", flags: 6 }), 400, "IsNotBot")
      assert.strictEqual(field((yield* post("general", { content: "x", flags: 2 })).json, "flags"), 2)
      assert.notProperty((yield* post("general", { content: "x", flags: 1 })).json, "flags")
      assertError(yield* post("general", { content: "x", flags: 4 }, { as: "modbot" }), 403, "MissingPermission", { permission: "MentionEveryone" })
      assert.strictEqual(field((yield* post("announce", { content: "x", flags: 4 }, { as: "modbot" })).json, "flags"), 4)
    })))

  it.effect("restrict_reactions needs reactions: InvalidProperty", () =>
    fake(Effect.gen(function*() {
      assertError(yield* post("general", { content: "x", interactions: { restrict_reactions: true } }), 400, "InvalidProperty")
    })))

  it.effect("mentions in the content: @everyone and @online need MentionEveryone, roles MentionRoles; code and escapes hide them", () =>
    fake(Effect.gen(function*() {
      const tooMany = Array.from({ length: 6 }, () => ({ id: id("hello"), mention: false }))
      assertError(yield* post("general", { content: "hi @everyone", replies: tooMany }), 403, "MissingPermission", { permission: "MentionEveryone" })
      assertError(yield* post("general", { content: `hi <%${id("member")}>` }), 403, "MissingPermission", { permission: "MentionRoles" })
      assert.notProperty((yield* post("general", { content: `hi <%${ghost}>` })).json, "role_mentions")
      assert.strictEqual((yield* post("general", { content: "`@everyone` is how" })).status, 200)
      assert.strictEqual((yield* post("general", { content: "\\ not @everyone" })).status, 200)
      assertError(yield* post("general", { content: "```\nunclosed @everyone" }), 403, "MissingPermission", { permission: "MentionEveryone" })
      assert.strictEqual(field((yield* post("announce", { content: "hi @everyone" })).json, "flags"), 4)
      assert.strictEqual(field((yield* post("announce", { content: "hi @online" })).json, "flags"), 8)
    })))

  it.effect("user mentions keep only those who can see the channel", () =>
    fake(Effect.gen(function*() {
      const content = `<@${id("bob")}> <@${id("carol")}> <@${ghost}> <@${id("erin")}>`
      assert.deepStrictEqual(field((yield* post("general", { content }, { as: "alice" })).json, "mentions"), [id("bob"), id("erin")])
      assert.deepStrictEqual(field((yield* post("pals", { content }, { as: "alice" })).json, "mentions"), [id("bob")])
      assert.notProperty((yield* post("notes", { content }, { as: "alice" })).json, "mentions")
    })))

  it.effect("replies: at most 5, each found (anywhere: the backend does not check the channel) unless fail_if_not_exists is false", () =>
    fake(Effect.gen(function*() {
      const tooMany = Array.from({ length: 6 }, () => ({ id: ghost, mention: false }))
      assertError(yield* post("general", { content: "x", replies: tooMany, attachments: Array(6).fill("f") }), 400, "TooManyReplies", { max: 5 })
      assertError(yield* post("general", { content: "x", replies: [{ id: ghost, mention: false }] }), 404, "NotFound")
      const dropped = yield* post("general", { content: "x", replies: [{ id: ghost, mention: false, fail_if_not_exists: false }] })
      assert.notProperty(dropped.json, "replies")
      const across = yield* post("pals", { content: "x", replies: [{ id: id("hello"), mention: true }, { id: id("hello"), mention: true }] })
      assert.deepStrictEqual(field(across.json, "replies"), [id("hello")])
      assert.deepStrictEqual(field(across.json, "mentions"), [id("alice")])
    })))

  it.effect("then TooManyAttachments (5), TooManyEmbeds (5), and NotFound for any file: the fake has no file server", () =>
    fake(Effect.gen(function*() {
      assertError(yield* post("general", { content: "x", attachments: Array(6).fill("f"), embeds: Array(6).fill({}) }), 400, "TooManyAttachments", { max: 5 })
      assertError(yield* post("general", { content: "x", embeds: Array(6).fill({ title: "t" }) }), 400, "TooManyEmbeds", { max: 5 })
      assertError(yield* post("general", { content: "x", attachments: ["f"] }), 404, "NotFound")
      assertError(yield* post("general", { content: "x", embeds: [{ media: "f" }] }), 404, "NotFound")
      const embedded = yield* post("general", { embeds: [{ title: "Title", description: "text", colour: "#ff0000" }] })
      assert.deepStrictEqual(field(embedded.json, "embeds"), [{ type: "Text", title: "Title", description: "text", colour: "#ff0000" }])
    })))
})

describe("the fake: POST /channels/{id}/messages, slowmode", () => {
  it.effect("one message per slowmode window; retry_after is the TTL in seconds, rounded as Redis does", () =>
    fake(Effect.gen(function*() {
      assert.strictEqual((yield* post("slow", { content: "1" })).status, 200)
      assertError(yield* post("slow", { content: "2" }), 429, "InSlowmode", { retry_after: 30 })
      yield* TestClock.adjust(Duration.seconds(10))
      assertError(yield* post("slow", { content: "2" }), 429, "InSlowmode", { retry_after: 20 })
      yield* TestClock.adjust(Duration.millis(19_400))
      assertError(yield* post("slow", { content: "2" }), 429, "InSlowmode", { retry_after: 1 })
      // 0.4 s left rounds to a TTL of 0: the backend lets the message through without a new window.
      yield* TestClock.adjust(Duration.millis(200))
      assert.strictEqual((yield* post("slow", { content: "2" })).status, 200)
      yield* TestClock.adjust(Duration.millis(400))
      assert.strictEqual((yield* post("slow", { content: "3" })).status, 200)
      assertError(yield* post("slow", { content: "4" }), 429, "InSlowmode", { retry_after: 30 })
    })))

  it.effect("the owner bypasses it; other users and channels have their own; a send that fails later still starts it", () =>
    fake(Effect.gen(function*() {
      assert.strictEqual((yield* post("slow", { content: "1" }, { as: "owner" })).status, 200)
      assert.strictEqual((yield* post("slow", { content: "2" }, { as: "owner" })).status, 200)
      assert.strictEqual((yield* post("slow", { content: "1" }, { as: "alice" })).status, 200)
      assert.strictEqual((yield* post("general", { content: "1" }, { as: "alice" })).status, 200)
      assertError(yield* post("slow", {}, { as: "erin" }), 422, "EmptyMessage")
      assertError(yield* post("slow", { content: "now" }, { as: "erin" }), 429, "InSlowmode", { retry_after: 30 })
    })))
})

describe("the fake: the messaging rate-limit bucket", () => {
  it.effect("10 sends per 10 s per channel, failures included; other channels and reads are not counted", () =>
    fake(Effect.gen(function*() {
      for (let index = 0; index < 9; index++) assert.strictEqual((yield* post("general", { content: `${index}` })).status, 200)
      assertError(yield* post("general", {}), 422, "EmptyMessage")
      const limited = yield* post("general", { content: "one more" })
      assert.strictEqual(limited.status, 429)
      assert.deepStrictEqual(limited.json, { retry_after: 10_000 })
      assert.strictEqual((yield* post("pals", { content: "elsewhere" })).status, 200)
      assert.strictEqual((yield* raw("GET", path("channels", id("general"), "messages"), { as: "bob" })).status, 200)
      assert.strictEqual((yield* post("general", { content: "alice is fine" }, { as: "alice" })).status, 200)
      // A window is renewed once the clock is past its reset instant (`now > reset`).
      yield* TestClock.adjust(Duration.millis(10_001))
      assert.strictEqual((yield* post("general", { content: "again" })).status, 200)
    })))
})

for (const transport of transports) {
  const { as } = on(transport)

  describe(`the fake (${transport}): send`, () => {
    it.effect("send to a channel and to a user (through the DM); silent sets flag 2; the history has them", () =>
      Effect.gen(function*() {
        yield* TestClock.setTime(start)
        const sent = yield* send(id("general"), "hello <@" + id("alice") + ">", { silent: true })
        assert.strictEqual(sent.flags, 2)
        assert.deepStrictEqual<ReadonlyArray<string>>(sent.mentions, [id("alice")])
        assert.strictEqual(Option.getOrThrow(sent.user).username, "bob")
        assert.isTrue(Option.isSome(sent.member))
        const direct = yield* send(yield* fetchUser(id("alice")), "psst")
        assert.strictEqual<string>(direct.channel, id("pals"))
        const page = yield* history(id("general"), { limit: 1 })
        assert.strictEqual(page.messages[0]?.id, sent.id)
      }).pipe(as("bob", seed)))

    it.effect("the errors decode: InSlowmode with its seconds, a reused key as UnexpectedResponse, the DM rule", () =>
      Effect.gen(function*() {
        yield* TestClock.setTime(start)
        yield* send(id("slow"), "first")
        const slow = yield* Effect.flip(send(id("slow"), "second"))
        assert.strictEqual(slow._tag, "InSlowmode")
        if (slow._tag === "InSlowmode") assert.strictEqual(slow.retryAfter, 30)
        yield* send(id("general"), "once", { idempotencyKey: "k" })
        const again = yield* Effect.flip(send(id("general"), "twice", { idempotencyKey: "k" }))
        assert.strictEqual(again._tag, "UnexpectedResponse")
        if (again._tag === "UnexpectedResponse") assert.strictEqual(again.status, 409)
        const readOnly = yield* Effect.flip(send(id("stale"), "hello?"))
        assert.strictEqual(readOnly._tag, "MissingPermission")
      }).pipe(as("erin", seed)))
  })
}
