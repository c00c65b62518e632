import { Schema } from "effect"
import { GroupChannel, Channel } from "./Channel.js"
import { File } from "./File.js"
import { ChannelId, InviteCode, ServerId, UserId } from "./Ids.js"
import { Server } from "./Server.js"
import { User } from "./User.js"
import { optionalOption, RawObject, renamed, unknownVariant, wireTag, withDefault } from "./Wire.js"

/** What anyone can see of an invite to a server channel (`GET /invites/{code}`). */
export class ServerPublicInvite extends Schema.Class<ServerPublicInvite>("ServerPublicInvite")({
  _tag: wireTag("type", "Server", "ServerPublicInvite"),
  code: InviteCode,
  serverId: renamed(ServerId, "server_id"),
  serverName: renamed(Schema.String, "server_name"),
  serverIcon: optionalOption(File, "server_icon"),
  serverBanner: optionalOption(File, "server_banner"),
  serverFlags: withDefault(Schema.Number, () => 0, "server_flags"),
  channelId: renamed(ChannelId, "channel_id"),
  channelName: renamed(Schema.String, "channel_name"),
  channelDescription: optionalOption(Schema.String, "channel_description"),
  userName: renamed(Schema.String, "user_name"),
  userAvatar: optionalOption(File, "user_avatar"),
  memberCount: renamed(Schema.Number, "member_count")
}) {}

/** What anyone can see of an invite to a group (`GET /invites/{code}`). */
export class GroupPublicInvite extends Schema.Class<GroupPublicInvite>("GroupPublicInvite")({
  _tag: wireTag("type", "Group", "GroupPublicInvite"),
  code: InviteCode,
  channelId: renamed(ChannelId, "channel_id"),
  channelName: renamed(Schema.String, "channel_name"),
  channelDescription: optionalOption(Schema.String, "channel_description"),
  userName: renamed(Schema.String, "user_name"),
  userAvatar: optionalOption(File, "user_avatar")
}) {}

/** A public invite of a type this library does not know yet, kept whole in `payload`. */
export class UnknownPublicInvite extends Schema.TaggedClass<UnknownPublicInvite>()("UnknownPublicInvite", {
  type: Schema.String,
  code: InviteCode,
  payload: RawObject
}) {}

/** Any public invite, by its `type`. */
export const PublicInvite = Schema.Union(
  ServerPublicInvite,
  GroupPublicInvite,
  unknownVariant("type", ["Server", "Group"], UnknownPublicInvite, (raw) => ({ code: raw["code"] }))
)
export type PublicInvite = typeof PublicInvite.Type

/** A server invite as stored: who made it, for which server and channel. */
export class ServerInvite extends Schema.Class<ServerInvite>("ServerInvite")({
  _tag: wireTag("type", "Server", "ServerInvite"),
  code: renamed(InviteCode, "_id"),
  creatorId: renamed(UserId, "creator"),
  serverId: renamed(ServerId, "server"),
  channelId: renamed(ChannelId, "channel")
}) {}

/** A group invite as stored: who made it, for which group. */
export class GroupInvite extends Schema.Class<GroupInvite>("GroupInvite")({
  _tag: wireTag("type", "Group", "GroupInvite"),
  code: renamed(InviteCode, "_id"),
  creatorId: renamed(UserId, "creator"),
  channelId: renamed(ChannelId, "channel")
}) {}

/** The seed's `PrivateBaseInvite`: a stored invite of a known kind, with its `code` and `creatorId`. */
export const PrivateBaseInvite = Schema.Union(ServerInvite, GroupInvite)
export type PrivateBaseInvite = typeof PrivateBaseInvite.Type

/** A stored invite of a type this library does not know yet, kept whole in `payload`. */
export class UnknownInvite extends Schema.TaggedClass<UnknownInvite>()("UnknownInvite", {
  type: Schema.String,
  code: InviteCode,
  payload: RawObject
}) {}

/** Any stored invite, by its `type`. */
export const Invite = Schema.Union(
  ServerInvite,
  GroupInvite,
  unknownVariant("type", ["Server", "Group"], UnknownInvite, (raw) => ({ code: raw["_id"] }))
)
export type Invite = typeof Invite.Type

/** The result of joining a server through an invite: the server and the channels you can see. */
export class JoinedServer extends Schema.Class<JoinedServer>("JoinedServer")({
  _tag: wireTag("type", "Server", "JoinedServer"),
  server: Server,
  channels: Schema.Array(Channel)
}) {}

/** The result of joining a group through an invite: the group and all its members. */
export class JoinedGroup extends Schema.Class<JoinedGroup>("JoinedGroup")({
  _tag: wireTag("type", "Group", "JoinedGroup"),
  channel: GroupChannel,
  users: Schema.Array(User)
}) {}

/** The result of joining through an invite of a type this library does not know yet. */
export class JoinedUnknown extends Schema.TaggedClass<JoinedUnknown>()("JoinedUnknown", {
  type: Schema.String,
  payload: RawObject
}) {}

/** Any join result, by its `type`. */
export const JoinResult = Schema.Union(
  JoinedServer,
  JoinedGroup,
  unknownVariant("type", ["Server", "Group"], JoinedUnknown)
)
export type JoinResult = typeof JoinResult.Type
