import { Data, Schema } from "effect"
import { Embed } from "../Embed.js"
import { ChannelId, MessageId, UserId } from "../Ids.js"
import { Message } from "../Message.js"
import { openEnum, RawObject, renamed, withDefault } from "../Wire.js"
import { eventTag, flattenedEvent } from "./eventWire.js"

/** `Message`: a new message (the frame is the message's fields). */
export class MessageEvent extends Schema.TaggedClass<MessageEvent>()("Message", { message: Message }) {}

/** `Message` from its flattened frame. */
export const MessageEventFromWire = flattenedEvent(
  "Message",
  Schema.typeSchema(MessageEvent),
  Message,
  (message) => new MessageEvent({ message }),
  (event) => event.message
)

/** A message field an update clears (`FieldsMessage`: only `Pinned`). */
export const ClearedMessageField = openEnum("Pinned")

/** `MessageUpdate`: a message changed; `data` is the partial message as sent. */
export class MessageUpdate extends Schema.Class<MessageUpdate>("MessageUpdate")({
  _tag: eventTag("MessageUpdate"),
  id: MessageId,
  channel: ChannelId,
  data: RawObject,
  clear: withDefault(Schema.Data(Schema.Array(ClearedMessageField)), () => Data.array([]))
}) {}

/** What `MessageAppend` adds to a message. */
export class AppendedToMessage extends Schema.Class<AppendedToMessage>("AppendedToMessage")({
  embeds: withDefault(Schema.Array(Embed), () => [])
}) {}

/** `MessageAppend`: embeds were added to a message. */
export class MessageAppend extends Schema.Class<MessageAppend>("MessageAppend")({
  _tag: eventTag("MessageAppend"),
  id: MessageId,
  channel: ChannelId,
  append: AppendedToMessage
}) {}

/** `MessageDelete`: a message was deleted. */
export class MessageDelete extends Schema.Class<MessageDelete>("MessageDelete")({
  _tag: eventTag("MessageDelete"),
  id: MessageId,
  channel: ChannelId
}) {}

/** `BulkMessageDelete`: messages of a channel were deleted (a ban's message purge). */
export class BulkMessageDelete extends Schema.Class<BulkMessageDelete>("BulkMessageDelete")({
  _tag: eventTag("BulkMessageDelete"),
  channel: ChannelId,
  ids: Schema.Array(MessageId)
}) {}

/** `MessageReact`: `userId` reacted with `emojiId`. */
export class MessageReact extends Schema.Class<MessageReact>("MessageReact")({
  _tag: eventTag("MessageReact"),
  id: MessageId,
  channelId: renamed(ChannelId, "channel_id"),
  userId: renamed(UserId, "user_id"),
  emojiId: renamed(Schema.String, "emoji_id")
}) {}

/** `MessageUnreact`: `userId` took back their `emojiId` reaction. */
export class MessageUnreact extends Schema.Class<MessageUnreact>("MessageUnreact")({
  _tag: eventTag("MessageUnreact"),
  id: MessageId,
  channelId: renamed(ChannelId, "channel_id"),
  userId: renamed(UserId, "user_id"),
  emojiId: renamed(Schema.String, "emoji_id")
}) {}

/** `MessageRemoveReaction`: every `emojiId` reaction was removed from a message. */
export class MessageRemoveReaction extends Schema.Class<MessageRemoveReaction>("MessageRemoveReaction")({
  _tag: eventTag("MessageRemoveReaction"),
  id: MessageId,
  channelId: renamed(ChannelId, "channel_id"),
  emojiId: renamed(Schema.String, "emoji_id")
}) {}
