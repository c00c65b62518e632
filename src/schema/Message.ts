import { Schema } from "effect"
import { Embed } from "./Embed.js"
import { File } from "./File.js"
import { ChannelId, MessageId, RoleId, UserId } from "./Ids.js"
import { Member, Timestamp } from "./Member.js"
import { User } from "./User.js"
import { optionalOption, RawObject, renamed, unknownVariant, wireTag, withDefault } from "./Wire.js"

/**
 * The bits of a message's `flags`, as the backend reads them (`1 << index` of its `MessageFlags`).
 * Its own model declares 1, 2 and 3 and stoat.py sends those, but the backend tests `1 << value`
 * and rejects anything above 7 (reference §11.4: to verify against a live instance). `send` sends
 * `SuppressNotifications` for `silent` and `MentionsEveryone` for `mentionEveryone`;
 * `MentionsOnline` cannot be sent, only read (the server sets it for `@online`).
 */
export const MessageFlags = {
  SuppressNotifications: 2,
  MentionsEveryone: 4,
  MentionsOnline: 8
} as const

/** Custom text posted by the system. */
export class SystemText extends Schema.Class<SystemText>("SystemText")({
  _tag: wireTag("type", "text", "SystemText"),
  content: Schema.String
}) {}

/** `by` added `id` to the group. */
export class SystemUserAdded extends Schema.Class<SystemUserAdded>("SystemUserAdded")({
  _tag: wireTag("type", "user_added", "SystemUserAdded"),
  id: UserId,
  by: UserId
}) {}

/** `by` removed `id` from the group. */
export class SystemUserRemove extends Schema.Class<SystemUserRemove>("SystemUserRemove")({
  _tag: wireTag("type", "user_remove", "SystemUserRemove"),
  id: UserId,
  by: UserId
}) {}

/** `id` joined the server. */
export class SystemUserJoined extends Schema.Class<SystemUserJoined>("SystemUserJoined")({
  _tag: wireTag("type", "user_joined", "SystemUserJoined"),
  id: UserId
}) {}

/** `id` left the server or group. */
export class SystemUserLeft extends Schema.Class<SystemUserLeft>("SystemUserLeft")({
  _tag: wireTag("type", "user_left", "SystemUserLeft"),
  id: UserId
}) {}

/** `id` was kicked from the server. */
export class SystemUserKicked extends Schema.Class<SystemUserKicked>("SystemUserKicked")({
  _tag: wireTag("type", "user_kicked", "SystemUserKicked"),
  id: UserId
}) {}

/** `id` was banned from the server. */
export class SystemUserBanned extends Schema.Class<SystemUserBanned>("SystemUserBanned")({
  _tag: wireTag("type", "user_banned", "SystemUserBanned"),
  id: UserId
}) {}

/** `by` renamed the channel to `name`. */
export class SystemChannelRenamed extends Schema.Class<SystemChannelRenamed>("SystemChannelRenamed")({
  _tag: wireTag("type", "channel_renamed", "SystemChannelRenamed"),
  name: Schema.String,
  by: UserId
}) {}

/** `by` changed the channel's description. */
export class SystemChannelDescriptionChanged extends Schema.Class<SystemChannelDescriptionChanged>(
  "SystemChannelDescriptionChanged"
)({
  _tag: wireTag("type", "channel_description_changed", "SystemChannelDescriptionChanged"),
  by: UserId
}) {}

/** `by` changed the channel's icon. */
export class SystemChannelIconChanged extends Schema.Class<SystemChannelIconChanged>("SystemChannelIconChanged")({
  _tag: wireTag("type", "channel_icon_changed", "SystemChannelIconChanged"),
  by: UserId
}) {}

/** The group's ownership passed from `from` to `to`. */
export class SystemChannelOwnershipChanged extends Schema.Class<SystemChannelOwnershipChanged>(
  "SystemChannelOwnershipChanged"
)({
  _tag: wireTag("type", "channel_ownership_changed", "SystemChannelOwnershipChanged"),
  from: UserId,
  to: UserId
}) {}

/** `by` pinned the message `id`. */
export class SystemMessagePinned extends Schema.Class<SystemMessagePinned>("SystemMessagePinned")({
  _tag: wireTag("type", "message_pinned", "SystemMessagePinned"),
  id: MessageId,
  by: UserId
}) {}

/** `by` unpinned the message `id`. */
export class SystemMessageUnpinned extends Schema.Class<SystemMessageUnpinned>("SystemMessageUnpinned")({
  _tag: wireTag("type", "message_unpinned", "SystemMessageUnpinned"),
  id: MessageId,
  by: UserId
}) {}

/** `by` started a call, which ended at `finishedAt` when it has. */
export class SystemCallStarted extends Schema.Class<SystemCallStarted>("SystemCallStarted")({
  _tag: wireTag("type", "call_started", "SystemCallStarted"),
  by: UserId,
  finishedAt: optionalOption(Timestamp, "finished_at")
}) {}

/** A system message of a type this library does not know yet, kept whole in `payload`. */
export class UnknownSystemMessage extends Schema.TaggedClass<UnknownSystemMessage>()("UnknownSystemMessage", {
  type: Schema.String,
  payload: RawObject
}) {}

/** What a system message reports, by its `type`. */
export const SystemMessage = Schema.Union(
  SystemText,
  SystemUserAdded,
  SystemUserRemove,
  SystemUserJoined,
  SystemUserLeft,
  SystemUserKicked,
  SystemUserBanned,
  SystemChannelRenamed,
  SystemChannelDescriptionChanged,
  SystemChannelIconChanged,
  SystemChannelOwnershipChanged,
  SystemMessagePinned,
  SystemMessageUnpinned,
  SystemCallStarted,
  unknownVariant(
    "type",
    [
      "text",
      "user_added",
      "user_remove",
      "user_joined",
      "user_left",
      "user_kicked",
      "user_banned",
      "channel_renamed",
      "channel_description_changed",
      "channel_icon_changed",
      "channel_ownership_changed",
      "message_pinned",
      "message_unpinned",
      "call_started"
    ],
    UnknownSystemMessage
  )
)
export type SystemMessage = typeof SystemMessage.Type

/** The name, avatar URL and colour a message shows instead of its author's. */
export class Masquerade extends Schema.Class<Masquerade>("Masquerade")({
  name: optionalOption(Schema.String),
  avatar: optionalOption(Schema.String),
  colour: optionalOption(Schema.String)
}) {}

/** How a message may be reacted to: reactions always shown, and whether only those are allowed. */
export class Interactions extends Schema.Class<Interactions>("Interactions")({
  reactions: withDefault(Schema.Array(Schema.String), () => []),
  restrictReactions: withDefault(Schema.Boolean, () => false, "restrict_reactions")
}) {}

/** The webhook that sent a message: its name and avatar file id. */
export class MessageWebhook extends Schema.Class<MessageWebhook>("MessageWebhook")({
  name: Schema.String,
  avatar: optionalOption(Schema.String)
}) {}

/**
 * A message. `author` is a user or webhook id (26 zeros for the system); `user` and `member`
 * come only with a sent message. `flags` is the raw bit field (see `MessageFlags`).
 */
export class Message extends Schema.Class<Message>("Message")({
  id: renamed(MessageId, "_id"),
  nonce: optionalOption(Schema.String),
  channel: ChannelId,
  author: UserId,
  user: optionalOption(User),
  member: optionalOption(Member),
  webhook: optionalOption(MessageWebhook),
  content: optionalOption(Schema.String),
  system: optionalOption(SystemMessage),
  attachments: withDefault(Schema.Array(File), () => []),
  edited: optionalOption(Timestamp),
  embeds: withDefault(Schema.Array(Embed), () => []),
  mentions: withDefault(Schema.Array(UserId), () => []),
  roleMentions: withDefault(Schema.Array(RoleId), () => [], "role_mentions"),
  replies: withDefault(Schema.Array(MessageId), () => []),
  reactions: withDefault(Schema.Record({ key: Schema.String, value: Schema.Array(UserId) }), () => ({})),
  interactions: withDefault(Interactions, () => new Interactions({ reactions: [], restrictReactions: false })),
  masquerade: optionalOption(Masquerade),
  pinned: withDefault(Schema.Boolean, () => false),
  flags: withDefault(Schema.Number, () => 0)
}) {}

/** Messages with, when asked for, their authors (and members, in a server channel). */
export class BulkMessages extends Schema.Class<BulkMessages>("BulkMessages")({
  messages: Schema.Array(Message),
  users: withDefault(Schema.Array(User), () => []),
  members: withDefault(Schema.Array(Member), () => [])
}) {}

/** The untagged `BulkMessageResponse`: a bare array of messages, or messages with users and members. */
export const BulkMessageResponse = Schema.transform(
  Schema.Union(Schema.Array(Schema.Unknown), RawObject),
  BulkMessages,
  {
    strict: false,
    decode: (raw) => (Array.isArray(raw) ? { messages: raw } : raw),
    encode: (bulk) => bulk
  }
)
