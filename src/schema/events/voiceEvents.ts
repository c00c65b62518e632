import { Schema } from "effect"
import { ChannelId, UserId } from "../Ids.js"
import { Timestamp } from "../Timestamp.js"
import { nullOption, RawObject, renamed } from "../Wire.js"
import { eventTag } from "./eventWire.js"

/** A user's state in a voice channel. */
export class UserVoiceState extends Schema.Class<UserVoiceState>("UserVoiceState")({
  id: UserId,
  joinedAt: renamed(Timestamp, "joined_at"),
  isReceiving: renamed(Schema.Boolean, "is_receiving"),
  isPublishing: renamed(Schema.Boolean, "is_publishing"),
  screensharing: Schema.Boolean,
  camera: Schema.Boolean
}) {}

/** Who is in one voice channel (`Ready.voice_states`, `ServerCreate.voice_states`). */
export class ChannelVoiceState extends Schema.Class<ChannelVoiceState>("ChannelVoiceState")({
  id: ChannelId,
  participants: Schema.Array(UserVoiceState)
}) {}

/** `VoiceChannelJoin`: a user joined the voice channel `id`. */
export class VoiceChannelJoin extends Schema.Class<VoiceChannelJoin>("VoiceChannelJoin")({
  _tag: eventTag("VoiceChannelJoin"),
  id: ChannelId,
  state: UserVoiceState
}) {}

/** `VoiceChannelLeave`: `user` left the voice channel `id`. */
export class VoiceChannelLeave extends Schema.Class<VoiceChannelLeave>("VoiceChannelLeave")({
  _tag: eventTag("VoiceChannelLeave"),
  id: ChannelId,
  user: UserId
}) {}

/** `VoiceChannelMove`: `user` moved from one voice channel to another (sent to the destination only). */
export class VoiceChannelMove extends Schema.Class<VoiceChannelMove>("VoiceChannelMove")({
  _tag: eventTag("VoiceChannelMove"),
  user: UserId,
  from: ChannelId,
  to: ChannelId,
  state: UserVoiceState
}) {}

/** `UserVoiceStateUpdate`: a user's voice state changed (`data` is the partial state, as sent). */
export class UserVoiceStateUpdate extends Schema.Class<UserVoiceStateUpdate>("UserVoiceStateUpdate")({
  _tag: eventTag("UserVoiceStateUpdate"),
  id: UserId,
  channelId: renamed(ChannelId, "channel_id"),
  data: RawObject
}) {}

/** `UserMoveVoiceChannel`: you were moved; reconnect to LiveKit room `to` on `node` with `token`. */
export class UserMoveVoiceChannel extends Schema.Class<UserMoveVoiceChannel>("UserMoveVoiceChannel")({
  _tag: eventTag("UserMoveVoiceChannel"),
  node: Schema.String,
  from: ChannelId,
  to: ChannelId,
  token: Schema.Redacted(Schema.String)
}) {}

/** `VoiceCallUpdate`: a DM or group call started (`startedAt`) or ended. */
export class VoiceCallUpdate extends Schema.Class<VoiceCallUpdate>("VoiceCallUpdate")({
  _tag: eventTag("VoiceCallUpdate"),
  initiatorId: renamed(UserId, "initiator_id"),
  channelId: renamed(ChannelId, "channel_id"),
  startedAt: nullOption(Timestamp, "started_at"),
  ended: Schema.Boolean
}) {}
