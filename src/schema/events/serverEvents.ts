import { Data, Schema } from "effect"
import { Channel } from "../Channel.js"
import { RoleId, ServerId, UserId } from "../Ids.js"
import { Member, MemberId } from "../Member.js"
import { ClearedMemberField, MemberChanges, PartialMember } from "../PartialMember.js"
import { Server } from "../Server.js"
import { openEnum, RawObject, renamed, withDefault } from "../Wire.js"
import { Emoji } from "./emojiEvents.js"
import { eventTag } from "./eventWire.js"
import { ChannelVoiceState } from "./voiceEvents.js"

/** `ServerCreate`: you joined a server (sent to your sessions only), with its channels and emojis. */
export class ServerCreate extends Schema.Class<ServerCreate>("ServerCreate")({
  _tag: eventTag("ServerCreate"),
  id: ServerId,
  server: Server,
  channels: withDefault(Schema.Array(Channel), () => []),
  emojis: withDefault(Schema.Array(Emoji), () => []),
  voiceStates: withDefault(Schema.Array(ChannelVoiceState), () => [], "voice_states")
}) {}

/** A server field an update clears (`FieldsServer`). */
export const ClearedServerField = openEnum("Description", "Categories", "SystemMessages", "Icon", "Banner")

/** `ServerUpdate`: a server changed; `data` is the partial server as sent. */
export class ServerUpdate extends Schema.Class<ServerUpdate>("ServerUpdate")({
  _tag: eventTag("ServerUpdate"),
  id: ServerId,
  data: RawObject,
  clear: withDefault(Schema.Data(Schema.Array(ClearedServerField)), () => Data.array([]))
}) {}

/** `ServerDelete`: a server was deleted. */
export class ServerDelete extends Schema.Class<ServerDelete>("ServerDelete")({
  _tag: eventTag("ServerDelete"),
  id: ServerId
}) {}

/**
 * `ServerMemberJoin`: `member` joined server `id` (the joiner's own sessions do not get it). On a
 * rejoin the member carries a still-running timeout.
 */
export class ServerMemberJoin extends Schema.Class<ServerMemberJoin>("ServerMemberJoin")({
  _tag: eventTag("ServerMemberJoin"),
  id: ServerId,
  user: UserId,
  member: Member
}) {}

/** `ServerMemberUpdate`: a member changed: `clear` resets fields, then `data` sets them. */
export class ServerMemberUpdate extends Schema.Class<ServerMemberUpdate>("ServerMemberUpdate")({
  _tag: eventTag("ServerMemberUpdate"),
  id: MemberId,
  data: MemberChanges,
  clear: withDefault(Schema.Data(Schema.Array(ClearedMemberField)), () => Data.array([]))
}) {}

/** The change a `ServerMemberUpdate` carries, for `applyPartial`. */
export const memberUpdatePartial = (event: ServerMemberUpdate): PartialMember =>
  new PartialMember({ id: event.id, data: event.data, clear: event.clear })

/** Why a member left (`RemovalIntention`). */
export const RemovalIntention = openEnum("Leave", "Kick", "Ban")
export type RemovalIntention = typeof RemovalIntention.Type

/** `ServerMemberLeave`: `user` left server `id`, was kicked or was banned. */
export class ServerMemberLeave extends Schema.Class<ServerMemberLeave>("ServerMemberLeave")({
  _tag: eventTag("ServerMemberLeave"),
  id: ServerId,
  user: UserId,
  reason: RemovalIntention
}) {}

/** A role field an update clears (`FieldsRole`). */
export const ClearedRoleField = openEnum("Colour", "Icon")

/** `ServerRoleUpdate`: a role was created or changed; `data` is the partial role as sent. */
export class ServerRoleUpdate extends Schema.Class<ServerRoleUpdate>("ServerRoleUpdate")({
  _tag: eventTag("ServerRoleUpdate"),
  id: ServerId,
  roleId: renamed(RoleId, "role_id"),
  data: RawObject,
  clear: withDefault(Schema.Data(Schema.Array(ClearedRoleField)), () => Data.array([]))
}) {}

/** `ServerRoleDelete`: a role was deleted. */
export class ServerRoleDelete extends Schema.Class<ServerRoleDelete>("ServerRoleDelete")({
  _tag: eventTag("ServerRoleDelete"),
  id: ServerId,
  roleId: renamed(RoleId, "role_id")
}) {}

/** `ServerRoleRanksUpdate`: the roles in their new order (rank = index). */
export class ServerRoleRanksUpdate extends Schema.Class<ServerRoleRanksUpdate>("ServerRoleRanksUpdate")({
  _tag: eventTag("ServerRoleRanksUpdate"),
  id: ServerId,
  ranks: Schema.Array(RoleId)
}) {}
