import { Record as Rec, Schema } from "effect"
import { Channel } from "./Channel.js"
import { File } from "./File.js"
import { ChannelId, RoleId, ServerId, UserId } from "./Ids.js"
import { PermissionOverride } from "./Permissions.js"
import { optionalOption, RawObject, renamed, withDefault } from "./Wire.js"

/** A server role. A lower `rank` is a higher rank. */
export class Role extends Schema.Class<Role>("Role")({
  id: renamed(RoleId, "_id"),
  name: Schema.String,
  permissions: PermissionOverride,
  colour: optionalOption(Schema.String),
  hoist: withDefault(Schema.Boolean, () => false),
  rank: withDefault(Schema.Number, () => 0),
  icon: optionalOption(File)
}) {}

/**
 * Roles keyed by id, as the server sends them. Older servers leave `_id` out of the role itself,
 * so the key fills it in.
 */
export const RoleMap = Schema.transform(
  Schema.Record({ key: Schema.String, value: RawObject }),
  Schema.Record({ key: RoleId, value: Role }),
  {
    strict: false,
    decode: (roles) => Rec.map(roles, (role, id) => ({ _id: id, ...role })),
    encode: (roles) => roles
  }
)

/** A category grouping channels in the server's sidebar. */
export class Category extends Schema.Class<Category>("Category")({
  id: Schema.String,
  title: Schema.String,
  channels: Schema.Array(ChannelId)
}) {}

/** Channels where the server posts system messages for each event. */
export class SystemMessageChannels extends Schema.Class<SystemMessageChannels>("SystemMessageChannels")({
  userJoined: optionalOption(ChannelId, "user_joined"),
  userLeft: optionalOption(ChannelId, "user_left"),
  userKicked: optionalOption(ChannelId, "user_kicked"),
  userBanned: optionalOption(ChannelId, "user_banned")
}) {}

/** A Stoat server. `flags` is the raw bit field. */
export class Server extends Schema.Class<Server>("Server")({
  id: renamed(ServerId, "_id"),
  owner: UserId,
  name: Schema.String,
  description: optionalOption(Schema.String),
  channels: withDefault(Schema.Array(ChannelId), () => []),
  categories: optionalOption(Schema.Array(Category)),
  systemMessages: optionalOption(SystemMessageChannels, "system_messages"),
  roles: withDefault(RoleMap, () => ({})),
  defaultPermissions: renamed(Schema.Number, "default_permissions"),
  icon: optionalOption(File),
  banner: optionalOption(File),
  flags: withDefault(Schema.Number, () => 0),
  nsfw: withDefault(Schema.Boolean, () => false),
  analytics: withDefault(Schema.Boolean, () => false),
  discoverable: withDefault(Schema.Boolean, () => false),
  approximateMemberCount: optionalOption(Schema.Number, "approximate_member_count")
}) {}

/**
 * A server and the channels the caller can see (`GET /servers/{id}?include_channels=true`). The
 * backend flattens the server and puts the channel objects under its `channels` key, so the server's
 * own channel ids are those of the visible channels.
 */
export class ServerWithChannels extends Schema.Class<ServerWithChannels>("ServerWithChannels")({
  server: Server,
  channels: Schema.Array(Channel)
}) {}

/** `ServerWithChannels` from its wire form: the server's fields with `channels` holding the channels. */
export const ServerWithChannelsFromWire = Schema.transform(
  Schema.Struct({ channels: Schema.Array(RawObject) }, RawObject),
  ServerWithChannels,
  {
    strict: false,
    decode: (raw) => ({ server: { ...raw, channels: raw.channels.map((channel) => channel["_id"]) }, channels: raw.channels }),
    encode: (value) => ({ ...value.server, channels: value.channels })
  }
)
