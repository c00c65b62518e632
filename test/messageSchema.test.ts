import { assert, describe, it } from "@effect/vitest"
import { DateTime, Effect, Option, Schema } from "effect"
import {
  AppleMusicSpecial,
  BulkMessageResponse,
  Embed,
  ImageEmbed,
  Interactions,
  Message,
  NoEmbed,
  SystemCallStarted,
  SystemChannelOwnershipChanged,
  SystemMessage,
  SystemMessagePinned,
  SystemText,
  SystemUserAdded,
  TextEmbed,
  UnknownEmbed,
  UnknownEnumValue,
  UnknownSpecial,
  UnknownSystemMessage,
  VideoEmbed,
  WebsiteEmbed,
  YouTubeSpecial
} from "effect-stoat"
import { bobWire, ids, messageWire, wire } from "./messagesKit.js"

const decodeMessage = Schema.decodeUnknownSync(Message)
const encodeMessage = Schema.encodeSync(Message)
const decodeEmbed = Schema.decodeUnknownSync(Embed)
const decodeSystem = Schema.decodeUnknownSync(SystemMessage)

/** A message with every field the backend may send. */
const fullWire = {
  _id: ids.message,
  nonce: "01HZ8Y3Q4R5S6T7V8W9X0YZN0N",
  channel: ids.channel,
  author: ids.bob,
  user: bobWire,
  member: { _id: { server: ids.server, user: ids.bob }, joined_at: "2024-05-01T12:00:00.000Z" },
  webhook: { name: "Hook", avatar: null },
  content: "see https://example.test",
  attachments: [wire.avatarFile],
  edited: "2024-05-02T08:00:00.000Z",
  embeds: [
    {
      type: "Website",
      url: "https://example.test",
      special: { type: "YouTube", id: "dQw4w9WgXcQ", creator_name: "Rick", creator_url: null },
      title: "Example",
      image: { url: "https://example.test/i.png", width: 10, height: 20, size: "Large" },
      video: { url: "https://example.test/v.mp4", width: 30, height: 40 },
      site_name: "Example",
      colour: "#123456"
    },
    { type: "Image", url: "https://example.test/i.png", width: 1, height: 2, size: "Preview" },
    { type: "Video", url: "https://example.test/v.mp4", width: 3, height: 4 },
    { type: "Text", title: "T", description: "D", media: wire.avatarFile, colour: "red" },
    { type: "None" }
  ],
  mentions: [ids.me],
  role_mentions: ["01HZ8Y3Q4R5S6T7V8W9X0YZR01"],
  replies: [ids.reply],
  reactions: { "👍": [ids.me, ids.bob] },
  interactions: { reactions: ["👍"], restrict_reactions: true },
  masquerade: { name: "Mask", avatar: "https://example.test/m.png", colour: "blue" },
  pinned: true,
  flags: 2
}

describe("Message", () => {
  it("decodes every field of §5.7, camelCased", () => {
    const message = decodeMessage(fullWire)
    assert.strictEqual<string>(message.id, ids.message)
    assert.strictEqual(Option.getOrThrow(message.user).username, "bob")
    assert.strictEqual<string>(Option.getOrThrow(message.member).id.user, ids.bob)
    assert.strictEqual(Option.getOrThrow(message.webhook).name, "Hook")
    assert.isTrue(Option.isNone(Option.getOrThrow(message.webhook).avatar))
    assert.strictEqual(message.attachments[0]?.id, wire.avatarFile._id)
    assert.strictEqual(DateTime.formatIso(Option.getOrThrow(message.edited)), "2024-05-02T08:00:00.000Z")
    assert.deepStrictEqual(message.embeds.map((embed) => embed._tag), [
      "WebsiteEmbed",
      "ImageEmbed",
      "VideoEmbed",
      "TextEmbed",
      "NoEmbed"
    ])
    assert.deepStrictEqual<ReadonlyArray<string>>(message.roleMentions, ["01HZ8Y3Q4R5S6T7V8W9X0YZR01"])
    assert.deepStrictEqual<Readonly<Record<string, ReadonlyArray<string>>>>(message.reactions, { "👍": [ids.me, ids.bob] })
    assert.deepStrictEqual(message.interactions, new Interactions({ reactions: ["👍"], restrictReactions: true }))
    assert.strictEqual(Option.getOrThrow(Option.getOrThrow(message.masquerade).colour), "blue")
    assert.isTrue(message.pinned)
    assert.strictEqual(message.flags, 2)
  })

  it("applies the defaults the server omits", () => {
    const message = decodeMessage({ _id: ids.message, channel: ids.channel, author: ids.bob })
    assert.deepStrictEqual(message.attachments, [])
    assert.deepStrictEqual(message.embeds, [])
    assert.deepStrictEqual(message.mentions, [])
    assert.deepStrictEqual(message.roleMentions, [])
    assert.deepStrictEqual(message.replies, [])
    assert.deepStrictEqual(message.reactions, {})
    assert.deepStrictEqual(message.interactions, new Interactions({ reactions: [], restrictReactions: false }))
    assert.isFalse(message.pinned)
    assert.strictEqual(message.flags, 0)
    assert.isTrue(Option.isNone(message.content))
    assert.isTrue(Option.isNone(message.system))
  })

  it("accepts null for every optional field", () => {
    const message = decodeMessage({
      ...messageWire(),
      nonce: null,
      content: null,
      system: null,
      attachments: null,
      edited: null,
      embeds: null,
      masquerade: null,
      flags: null
    })
    assert.isTrue(Option.isNone(message.content))
    assert.deepStrictEqual(message.embeds, [])
  })

  it("round-trips: decode(encode(x)) equals x", () => {
    for (const raw of [fullWire, messageWire(), { ...messageWire(), system: { type: "user_joined", id: ids.me } }]) {
      const message = decodeMessage(raw)
      assert.deepStrictEqual(decodeMessage(encodeMessage(message)), message)
    }
  })

  it("encodes back to wire keys", () => {
    const encoded: Readonly<Record<string, unknown>> = encodeMessage(decodeMessage(fullWire))
    assert.strictEqual(encoded["_id"], ids.message)
    assert.deepStrictEqual(encoded["role_mentions"], fullWire.role_mentions)
    assert.deepStrictEqual(encoded["interactions"], { reactions: ["👍"], restrict_reactions: true })
    assert.deepStrictEqual(encoded["embeds"], fullWire.embeds.map((embed) =>
      // `null` and absent both decode to none, which encodes as absent.
      embed.type === "Website" ? { ...embed, special: { type: "YouTube", id: "dQw4w9WgXcQ", creator_name: "Rick" } } : embed
    ))
  })
})

describe("Embed", () => {
  it("decodes a website embed with its special content, image and video", () => {
    const embed = decodeEmbed(fullWire.embeds[0])
    assert.instanceOf(embed, WebsiteEmbed)
    if (!(embed instanceof WebsiteEmbed)) return
    const special = Option.getOrThrow(embed.special)
    assert.instanceOf(special, YouTubeSpecial)
    if (special instanceof YouTubeSpecial) assert.strictEqual(Option.getOrThrow(special.creatorName), "Rick")
    assert.strictEqual(Option.getOrThrow(embed.image).size, "Large")
    assert.strictEqual(Option.getOrThrow(embed.video).height, 40)
    assert.strictEqual(Option.getOrThrow(embed.siteName), "Example")
  })

  it("decodes image, video, text and empty embeds", () => {
    assert.instanceOf(decodeEmbed(fullWire.embeds[1]), ImageEmbed)
    assert.instanceOf(decodeEmbed(fullWire.embeds[2]), VideoEmbed)
    const text = decodeEmbed(fullWire.embeds[3])
    assert.instanceOf(text, TextEmbed)
    if (text instanceof TextEmbed) assert.strictEqual(Option.getOrThrow(text.media).tag, "avatars")
    assert.instanceOf(decodeEmbed({ type: "None" }), NoEmbed)
  })

  it("keeps an unknown embed type, an unknown special content and an unknown image size", () => {
    const unknown = decodeEmbed({ type: "Poll", question: "?" })
    assert.instanceOf(unknown, UnknownEmbed)
    if (unknown instanceof UnknownEmbed) assert.deepStrictEqual(unknown.payload, { type: "Poll", question: "?" })
    const x = decodeEmbed({ type: "Website", special: { type: "XTheEverythingAppByElonMusk", id: "1", likes: 3 } })
    if (!(x instanceof WebsiteEmbed)) return assert.fail("not a website embed")
    const special = Option.getOrThrow(x.special)
    assert.instanceOf(special, UnknownSpecial)
    const image = decodeEmbed({ type: "Image", url: "u", width: 1, height: 1, size: "Huge" })
    if (image instanceof ImageEmbed) assert.deepStrictEqual(image.size, new UnknownEnumValue({ value: "Huge" }))
    const apple = decodeEmbed({ type: "Website", special: { type: "AppleMusic", album_id: "a" } })
    if (apple instanceof WebsiteEmbed) assert.instanceOf(Option.getOrThrow(apple.special), AppleMusicSpecial)
    assert.deepStrictEqual(Schema.encodeSync(Embed)(unknown), { type: "Poll", question: "?" })
  })
})

describe("SystemMessage", () => {
  it("decodes each type with its fields", () => {
    const samples: ReadonlyArray<readonly [Record<string, unknown>, string]> = [
      [{ type: "text", content: "hi" }, "SystemText"],
      [{ type: "user_added", id: ids.me, by: ids.bob }, "SystemUserAdded"],
      [{ type: "user_remove", id: ids.me, by: ids.bob }, "SystemUserRemove"],
      [{ type: "user_joined", id: ids.me }, "SystemUserJoined"],
      [{ type: "user_left", id: ids.me }, "SystemUserLeft"],
      [{ type: "user_kicked", id: ids.me }, "SystemUserKicked"],
      [{ type: "user_banned", id: ids.me }, "SystemUserBanned"],
      [{ type: "channel_renamed", name: "n", by: ids.bob }, "SystemChannelRenamed"],
      [{ type: "channel_description_changed", by: ids.bob }, "SystemChannelDescriptionChanged"],
      [{ type: "channel_icon_changed", by: ids.bob }, "SystemChannelIconChanged"],
      [{ type: "channel_ownership_changed", from: ids.bob, to: ids.me }, "SystemChannelOwnershipChanged"],
      [{ type: "message_pinned", id: ids.message, by: ids.bob }, "SystemMessagePinned"],
      [{ type: "message_unpinned", id: ids.message, by: ids.bob }, "SystemMessageUnpinned"],
      [{ type: "call_started", by: ids.bob, finished_at: "2024-05-02T08:00:00.000Z" }, "SystemCallStarted"]
    ]
    for (const [raw, tag] of samples) {
      const system = decodeSystem(raw)
      assert.strictEqual(system._tag, tag)
      assert.deepStrictEqual(Schema.encodeSync(SystemMessage)(system), raw)
    }
    assert.instanceOf(decodeSystem(samples[0]?.[0]), SystemText)
    const added = decodeSystem(samples[1]?.[0])
    if (added instanceof SystemUserAdded) assert.strictEqual<string>(added.by, ids.bob)
    const owner = decodeSystem(samples[10]?.[0])
    if (owner instanceof SystemChannelOwnershipChanged) assert.strictEqual<string>(owner.to, ids.me)
    assert.instanceOf(decodeSystem(samples[11]?.[0]), SystemMessagePinned)
  })

  it("a call still going has no end; an unknown type is kept", () => {
    const call = decodeSystem({ type: "call_started", by: ids.bob, finished_at: null })
    if (call instanceof SystemCallStarted) assert.isTrue(Option.isNone(call.finishedAt))
    else assert.fail("not a call")
    const unknown = decodeSystem({ type: "poll_closed", id: "p" })
    assert.instanceOf(unknown, UnknownSystemMessage)
    if (unknown instanceof UnknownSystemMessage) assert.strictEqual(unknown.type, "poll_closed")
  })

  it("one unknown system message or embed does not break a page of messages", () =>
    Effect.gen(function*() {
      const page = yield* Schema.decodeUnknown(BulkMessageResponse)([
        messageWire(ids.message, { system: { type: "poll_closed" } }),
        messageWire(ids.reply, { embeds: [{ type: "Poll" }] })
      ])
      assert.strictEqual(page.messages.length, 2)
      const encoded = yield* Schema.encode(BulkMessageResponse)(page)
      assert.deepStrictEqual(yield* Schema.decodeUnknown(BulkMessageResponse)(encoded), page)
    }).pipe(Effect.runSync))
})
