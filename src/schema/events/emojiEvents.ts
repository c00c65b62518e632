import { Schema } from "effect"
import { ChannelId, UserId } from "../Ids.js"
import { RawObject, renamed, withDefault } from "../Wire.js"
import { eventTag, flattenedEvent } from "./eventWire.js"

/** A custom emoji; `parent` is `{type:"Server",id}` or `{type:"Detached"}`, kept as sent. */
export class Emoji extends Schema.Class<Emoji>("Emoji")({
  id: renamed(Schema.String, "_id"),
  parent: RawObject,
  creatorId: renamed(UserId, "creator_id"),
  name: Schema.String,
  animated: withDefault(Schema.Boolean, () => false),
  nsfw: withDefault(Schema.Boolean, () => false)
}) {}

/** `EmojiCreate`: a new emoji (the frame is the emoji's fields). */
export class EmojiCreate extends Schema.TaggedClass<EmojiCreate>()("EmojiCreate", { emoji: Emoji }) {}

/** `EmojiCreate` from its flattened frame. */
export const EmojiCreateFromWire = flattenedEvent(
  "EmojiCreate",
  Schema.typeSchema(EmojiCreate),
  Emoji,
  (emoji) => new EmojiCreate({ emoji }),
  (event) => event.emoji
)

/** `EmojiUpdate`: an emoji changed (`data.name`). */
export class EmojiUpdate extends Schema.Class<EmojiUpdate>("EmojiUpdate")({
  _tag: eventTag("EmojiUpdate"),
  id: Schema.String,
  data: RawObject
}) {}

/** `EmojiDelete`: an emoji was deleted. */
export class EmojiDelete extends Schema.Class<EmojiDelete>("EmojiDelete")({
  _tag: eventTag("EmojiDelete"),
  id: Schema.String
}) {}

/** A webhook of a channel, as sent (`_id`, `name`, `avatar`, `creator_id`, `channel_id`, `permissions`, `token`). */
const RawWebhook = Schema.Struct({ _id: Schema.String, channel_id: ChannelId }, RawObject)

/** `WebhookCreate`: a new webhook (the frame is the webhook's fields). */
export class WebhookCreate extends Schema.TaggedClass<WebhookCreate>()("WebhookCreate", { webhook: RawWebhook }) {}

/** `WebhookCreate` from its flattened frame. */
export const WebhookCreateFromWire = flattenedEvent(
  "WebhookCreate",
  Schema.typeSchema(WebhookCreate),
  RawWebhook,
  (webhook) => new WebhookCreate({ webhook }),
  (event) => event.webhook
)

/** `WebhookUpdate`: a webhook changed; `remove` lists the cleared fields (not `clear`). */
export class WebhookUpdate extends Schema.Class<WebhookUpdate>("WebhookUpdate")({
  _tag: eventTag("WebhookUpdate"),
  id: Schema.String,
  data: RawObject,
  remove: withDefault(Schema.Array(Schema.String), () => [])
}) {}

/** `WebhookDelete`: a webhook was deleted. */
export class WebhookDelete extends Schema.Class<WebhookDelete>("WebhookDelete")({
  _tag: eventTag("WebhookDelete"),
  id: Schema.String
}) {}
