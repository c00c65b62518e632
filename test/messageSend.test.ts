import { assert, describe, it } from "@effect/vitest"
import { Effect, Option } from "effect"
import { ChannelId, FileId, Member, Message, MessageFlags, MessageId, send, StoatCache, User } from "effect-stoat"
import { sendErrors } from "../src/operations/messageSend.js"
import { MockHttp } from "effect-stoat/testing"
import {
  bobMember,
  bobUser,
  bobWire,
  everyDeclaredError,
  ids,
  messageWire,
  onlyRequest,
  refusedBeforeSending,
  sent,
  viaDm,
  withMock
} from "./messagesKit.js"

const channel = ChannelId.make(ids.channel)

/** What the server answers a send: the message with its author as user and member. */
const sentMessage = (fields: Record<string, unknown> = {}) =>
  MockHttp.json(200, {
    ...messageWire(ids.message, fields),
    nonce: "01HZ8Y3Q4R5S6T7V8W9X0YZN0N",
    user: bobWire,
    member: { _id: { server: ids.server, user: ids.bob }, joined_at: "2024-05-01T12:00:00.000Z" }
  })

describe("send", () => {
  it.effect("POSTs the content and decodes the message with its author, whom the cache learns", () =>
    Effect.gen(function*() {
      const message = yield* send(channel, "hello")
      const request = yield* onlyRequest
      assert.strictEqual(request.method, "POST")
      assert.strictEqual(request.path, `/channels/${ids.channel}/messages`)
      assert.deepStrictEqual(request.body, { content: "hello" })
      assert.isUndefined(request.headers["idempotency-key"])
      assert.instanceOf(message, Message)
      assert.instanceOf(Option.getOrThrow(message.user), User)
      assert.instanceOf(Option.getOrThrow(message.member), Member)
      assert.strictEqual(Option.getOrThrow(message.nonce), "01HZ8Y3Q4R5S6T7V8W9X0YZN0N")
      const cache = yield* StoatCache
      assert.isTrue(Option.isSome(yield* cache.getUser(bobUser.id)))
      assert.isTrue(Option.isSome(yield* cache.getMember(bobMember.id.server, bobMember.id.user)))
    }).pipe(withMock(() => sentMessage())))

  it.effect("sends every option in DataMessageSend, and the idempotency key as a header", () =>
    Effect.gen(function*() {
      yield* send(channel, "look", {
        attachments: [FileId.make("kV0XxE8c3ZtwsAeCmgf1G9Z0ySgqI3uzqtAxn9t-PL"), { id: "a".repeat(42) }],
        replies: [
          MessageId.make(ids.reply),
          { id: ids.message },
          { message: ids.reply, mention: true },
          { message: { id: ids.message }, mention: false, failIfNotExists: false }
        ],
        embeds: [
          {
            iconUrl: "https://example.test/i.png",
            url: "https://example.test",
            title: "Title",
            description: "Description",
            media: FileId.make("m".repeat(42)),
            colour: "#ff00aa"
          },
          { title: "Only a title" }
        ],
        masquerade: { name: "Bot", avatar: "https://example.test/a.png", colour: "linear-gradient(30deg, red, blue 50%)" },
        interactions: { reactions: ["👍", "01HZ8Y3Q4R5S6T7V8W9X0YZEMJ"], restrictReactions: true },
        silent: true,
        idempotencyKey: "send-42"
      })
      const request = yield* onlyRequest
      assert.strictEqual(request.headers["idempotency-key"], "send-42")
      assert.deepStrictEqual(request.body, {
        content: "look",
        attachments: ["kV0XxE8c3ZtwsAeCmgf1G9Z0ySgqI3uzqtAxn9t-PL", "a".repeat(42)],
        replies: [
          { id: ids.reply, mention: false },
          { id: ids.message, mention: false },
          { id: ids.reply, mention: true },
          { id: ids.message, mention: false, fail_if_not_exists: false }
        ],
        embeds: [
          {
            icon_url: "https://example.test/i.png",
            url: "https://example.test",
            title: "Title",
            description: "Description",
            media: "m".repeat(42),
            colour: "#ff00aa"
          },
          { title: "Only a title" }
        ],
        masquerade: { name: "Bot", avatar: "https://example.test/a.png", colour: "linear-gradient(30deg, red, blue 50%)" },
        interactions: { reactions: ["👍", "01HZ8Y3Q4R5S6T7V8W9X0YZEMJ"], restrict_reactions: true },
        flags: MessageFlags.SuppressNotifications
      })
    }).pipe(withMock(() => sentMessage())))

  it.effect("encodes silent as 2 and a bot's mentionEveryone as 4 (the backend's 1 << index)", () =>
    Effect.gen(function*() {
      yield* send(channel, "@everyone", { mentionEveryone: true })
      yield* send(channel, "shh", { silent: true, mentionEveryone: true })
      yield* send(channel, "plain", { silent: false, mentionEveryone: false })
      const requests = yield* MockHttp.requests
      assert.deepStrictEqual(requests.map((r) => r.body), [
        { content: "@everyone", flags: 4 },
        { content: "shh", flags: 6 },
        { content: "plain" }
      ])
      assert.deepStrictEqual(MessageFlags, { SuppressNotifications: 2, MentionsEveryone: 4, MentionsOnline: 8 })
    }).pipe(withMock(() => sentMessage(), "bot")))

  it.effect("leaves empty content out (embeds or attachments alone)", () =>
    Effect.gen(function*() {
      yield* send(channel, "", { embeds: [{ description: "only an embed" }] })
      assert.deepStrictEqual((yield* onlyRequest).body, { embeds: [{ description: "only an embed" }] })
    }).pipe(withMock(() => sentMessage())))

  it.effect("counts content in UTF-8 bytes: 2000 pass, 2001 are refused before any request", () =>
    Effect.gen(function*() {
      yield* refusedBeforeSending(send(channel, "é".repeat(1000) + "!"), "2000 UTF-8 bytes")
      yield* refusedBeforeSending(send(bobMember, "a".repeat(2001)), "content")
      yield* send(channel, "é".repeat(1000)).pipe(withMock(() => sentMessage()))
    }))

  it.effect("refuses more than 5 replies or embeds, and reply ids that are not ULIDs", () =>
    Effect.gen(function*() {
      yield* refusedBeforeSending(send(channel, "x", { replies: Array(6).fill(ids.reply) }), "5 replies")
      yield* refusedBeforeSending(send(channel, "x", { embeds: Array(6).fill({ title: "t" }) }), "5 embeds")
      yield* refusedBeforeSending(send(channel, "x", { replies: [{ message: "nope", mention: true }] }), "replies[0]")
      yield* send(channel, "x", { replies: Array(5).fill(ids.reply), embeds: Array(5).fill({ title: "t" }) }).pipe(
        withMock(() => sentMessage())
      )
    }))

  it.effect("checks each embed field's length and colour", () =>
    Effect.gen(function*() {
      const embed = (fields: object) => send(channel, "x", { embeds: [{ title: "ok" }, fields] })
      yield* refusedBeforeSending(embed({ title: "" }), "embeds[1].title")
      yield* refusedBeforeSending(embed({ title: "t".repeat(101) }), "embeds[1].title")
      yield* refusedBeforeSending(embed({ description: "" }), "embeds[1].description")
      yield* refusedBeforeSending(embed({ description: "d".repeat(2001) }), "embeds[1].description")
      yield* refusedBeforeSending(embed({ iconUrl: "u".repeat(257) }), "embeds[1].iconUrl")
      yield* refusedBeforeSending(embed({ url: "" }), "embeds[1].url")
      yield* refusedBeforeSending(embed({ colour: "not-a-colour!" }), "embeds[1].colour")
      yield* refusedBeforeSending(embed({ colour: "#" + "a".repeat(128) }), "embeds[1].colour")
      yield* embed({ title: "t".repeat(100), description: "d".repeat(2000), url: "u".repeat(256), colour: "var(--accent)" })
        .pipe(withMock(() => sentMessage()))
    }))

  it.effect("checks the masquerade: name 1..32, avatar 1..256, a colour", () =>
    Effect.gen(function*() {
      yield* refusedBeforeSending(send(channel, "x", { masquerade: { name: "n".repeat(33) } }), "masquerade.name")
      yield* refusedBeforeSending(send(channel, "x", { masquerade: { name: "" } }), "masquerade.name")
      yield* refusedBeforeSending(send(channel, "x", { masquerade: { avatar: "a".repeat(257) } }), "masquerade.avatar")
      yield* refusedBeforeSending(send(channel, "x", { masquerade: { colour: "url(evil)" } }), "masquerade.colour")
      yield* send(channel, "x", { masquerade: { name: "n".repeat(32), colour: "rgba(1, 2, 3, 0)" } }).pipe(
        withMock(() => sentMessage())
      )
    }))

  it.effect("mentionEveryone is for bots only: a user account gets IsNotBot, as the server would answer", () =>
    refusedBeforeSending(send(channel, "@everyone", { mentionEveryone: true }), "", "IsNotBot", "user"))

  it.effect("restricting reactions needs reactions: InvalidProperty, as the server would answer", () =>
    Effect.gen(function*() {
      yield* refusedBeforeSending(send(channel, "x", { interactions: { restrictReactions: true } }), "", "InvalidProperty")
      yield* refusedBeforeSending(send(channel, "x", { interactions: { reactions: [], restrictReactions: true } }), "", "InvalidProperty")
    }))

  it.effect("checks the idempotency key: 1 to 64 printable ASCII characters", () =>
    Effect.gen(function*() {
      yield* refusedBeforeSending(send(channel, "x", { idempotencyKey: "" }), "idempotency key")
      yield* refusedBeforeSending(send(channel, "x", { idempotencyKey: "k".repeat(65) }), "idempotency key")
      yield* refusedBeforeSending(send(channel, "x", { idempotencyKey: "line\nbreak" }), "idempotency key")
      yield* send(channel, "x", { idempotencyKey: "k".repeat(64) }).pipe(withMock(() => sentMessage()))
    }))

  it.effect("through a member: opens the DM, then sends in it", () =>
    Effect.gen(function*() {
      yield* send(bobMember, "hi")
      assert.deepStrictEqual(yield* sent, [`GET /users/${ids.bob}/dm`, `POST /channels/${ids.dm}/messages`])
    }).pipe(withMock(viaDm(() => sentMessage()))))

  it.effect("through a member whose DM id is cached: no DM request", () =>
    Effect.gen(function*() {
      const cache = yield* StoatCache
      yield* cache.rememberDmChannel(bobUser.id, ChannelId.make(ids.dm))
      yield* send(bobMember, "hi")
      assert.deepStrictEqual(yield* sent, [`POST /channels/${ids.dm}/messages`])
    }).pipe(withMock(() => sentMessage())))

  it.effect("InSlowmode carries the wait in seconds", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(send(channel, "x"))
      assert.strictEqual(error._tag, "InSlowmode")
      if (error._tag === "InSlowmode") assert.strictEqual(error.retryAfter, 12)
    }).pipe(withMock(() => MockHttp.json(429, { type: "InSlowmode", retry_after: 12, location: "x" }))))

  it.effect("a reused idempotency key (409 from the default catcher) is UnexpectedResponse", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(send(channel, "x", { idempotencyKey: "again" }))
      assert.strictEqual(error._tag, "UnexpectedResponse")
    }).pipe(withMock(() => MockHttp.json(409, { error: { code: 409, reason: "Conflict", description: "dup" } }))))

  it.effect("declares the seed's table, the route's errors (InSlowmode too) and the DM route's", () =>
    everyDeclaredError(
      sendErrors.classes,
      [
        "EmptyMessage",
        "FailedValidation",
        "InvalidFlagValue",
        "InvalidOperation",
        "InvalidProperty",
        "IsBot",
        "IsNotBot",
        "PayloadTooLarge",
        "TooManyAttachments",
        "TooManyEmbeds",
        "TooManyReplies",
        "InvalidSession",
        "MissingPermission",
        "NotFound",
        "DatabaseError",
        "InternalError",
        "InSlowmode"
      ],
      (target) => send(target, "x")
    ))
})
