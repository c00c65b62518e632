import { Schema } from "effect"
import { File } from "./File.js"
import { ChannelId, MessageId, RoleId, ServerId, UserId } from "./Ids.js"
import { PermissionOverride } from "./Permissions.js"
import { optionalOption, RawObject, renamed, unknownVariant, wireTag, withDefault } from "./Wire.js"

/** Your own notes channel. */
export class SavedMessagesChannel extends Schema.Class<SavedMessagesChannel>("SavedMessagesChannel")({
  _tag: wireTag("channel_type", "SavedMessages", "SavedMessages"),
  id: renamed(ChannelId, "_id"),
  user: UserId
}) {}

/** A direct message channel between two users. */
export class DirectMessageChannel extends Schema.Class<DirectMessageChannel>("DirectMessageChannel")({
  _tag: wireTag("channel_type", "DirectMessage", "DirectMessage"),
  id: renamed(ChannelId, "_id"),
  active: Schema.Boolean,
  recipients: Schema.Array(UserId),
  lastMessageId: optionalOption(MessageId, "last_message_id")
}) {}

/** A group channel. `permissions` is what members other than the owner may do. */
export class GroupChannel extends Schema.Class<GroupChannel>("GroupChannel")({
  _tag: wireTag("channel_type", "Group", "Group"),
  id: renamed(ChannelId, "_id"),
  name: Schema.String,
  owner: UserId,
  description: optionalOption(Schema.String),
  recipients: Schema.Array(UserId),
  icon: optionalOption(File),
  lastMessageId: optionalOption(MessageId, "last_message_id"),
  permissions: optionalOption(Schema.Number),
  nsfw: withDefault(Schema.Boolean, () => false)
}) {}

/** Voice settings of a server channel that carries voice. */
export class VoiceInformation extends Schema.Class<VoiceInformation>("VoiceInformation")({
  maxUsers: optionalOption(Schema.Number, "max_users")
}) {}

/** A server channel; it carries voice when `voice` is set. */
export class TextChannel extends Schema.Class<TextChannel>("TextChannel")({
  _tag: wireTag("channel_type", "TextChannel", "TextChannel"),
  id: renamed(ChannelId, "_id"),
  server: ServerId,
  name: Schema.String,
  description: optionalOption(Schema.String),
  icon: optionalOption(File),
  lastMessageId: optionalOption(MessageId, "last_message_id"),
  defaultPermissions: optionalOption(PermissionOverride, "default_permissions"),
  rolePermissions: withDefault(
    Schema.Record({ key: RoleId, value: PermissionOverride }),
    () => ({}),
    "role_permissions"
  ),
  nsfw: withDefault(Schema.Boolean, () => false),
  voice: optionalOption(VoiceInformation),
  slowmode: optionalOption(Schema.Number)
}) {}

/** A channel of a type this library does not know yet, kept whole in `payload`. */
export class UnknownChannelType extends Schema.TaggedClass<UnknownChannelType>()("UnknownChannelType", {
  type: Schema.String,
  id: ChannelId,
  payload: RawObject
}) {}

/** A channel whose `channel_type` is none of the known ones, decoded as `UnknownChannelType`. */
export const UnknownChannelTypeFromWire = unknownVariant(
  "channel_type",
  ["SavedMessages", "DirectMessage", "Group", "TextChannel"],
  UnknownChannelType,
  (raw) => ({ id: raw["_id"] })
)

/** Any channel, by its `channel_type`. */
export const Channel = Schema.Union(
  SavedMessagesChannel,
  DirectMessageChannel,
  GroupChannel,
  TextChannel,
  UnknownChannelTypeFromWire
)
export type Channel = typeof Channel.Type

/** What `GET /users/{id}/dm` answers: a DM, your saved messages, or a channel type not known yet. */
export const DmChannel = Schema.Union(SavedMessagesChannel, DirectMessageChannel, UnknownChannelTypeFromWire)
export type DmChannel = typeof DmChannel.Type
