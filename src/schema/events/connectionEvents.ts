import { Schema } from "effect"
import { Channel } from "../Channel.js"
import { ChannelId, UserId } from "../Ids.js"
import { Member } from "../Member.js"
import { Server } from "../Server.js"
import { User } from "../User.js"
import { nullOption, optionalOption, RawObject, renamed } from "../Wire.js"
import { eventTag } from "./eventWire.js"
import { Emoji } from "./emojiEvents.js"
import { ChannelVoiceState } from "./voiceEvents.js"

/** `Authenticated`: the token was accepted; `Ready` follows. */
export class Authenticated extends Schema.Class<Authenticated>("Authenticated")({
  _tag: eventTag("Authenticated")
}) {}

/** `Logout`: this session ended (deleted, or the bot's token reset); the server then drops the socket. */
export class Logout extends Schema.Class<Logout>("Logout")({
  _tag: eventTag("Logout")
}) {}

/** `Bees`: defined by the server, never sent. */
export class Bees extends Schema.Class<Bees>("Bees")({
  _tag: eventTag("Bees")
}) {}

/** What a `Ping` carries and its `Pong` echoes: a number or bytes. */
export const PingData = Schema.Union(Schema.Number, Schema.Array(Schema.Number))
export type PingData = typeof PingData.Type

/** `Pong`: the answer to a `Ping`, echoing its data. */
export class Pong extends Schema.Class<Pong>("Pong")({
  _tag: eventTag("Pong"),
  data: PingData
}) {}

/** `Error`: authentication failed; `data.type` is the error (`InvalidSession`), and the server drops the socket. */
export class ErrorEvent extends Schema.Class<ErrorEvent>("ErrorEvent")({
  _tag: eventTag("Error"),
  data: Schema.Struct({ type: Schema.String }, RawObject)
}) {}

/**
 * `Ready`: what the account sees at connect time. Each list is `None` when not asked for; `members`
 * holds only your own memberships, not member lists.
 */
export class Ready extends Schema.Class<Ready>("Ready")({
  _tag: eventTag("Ready"),
  users: optionalOption(Schema.Array(User)),
  servers: optionalOption(Schema.Array(Server)),
  channels: optionalOption(Schema.Array(Channel)),
  members: optionalOption(Schema.Array(Member)),
  emojis: optionalOption(Schema.Array(Emoji)),
  voiceStates: optionalOption(Schema.Array(ChannelVoiceState), "voice_states"),
  userSettings: optionalOption(RawObject, "user_settings"),
  channelUnreads: optionalOption(Schema.Array(RawObject), "channel_unreads"),
  policyChanges: optionalOption(Schema.Array(RawObject), "policy_changes")
}) {}

/** One active slow-mode: when you may next send in `channelId`. */
export class ChannelSlowmode extends Schema.Class<ChannelSlowmode>("ChannelSlowmode")({
  channelId: renamed(ChannelId, "channel_id"),
  duration: Schema.Number,
  retryAfter: renamed(Schema.Number, "retry_after")
}) {}

/** `UserSlowmodes`: your active slow-modes (after Ready, and when a send starts or hits one). */
export class UserSlowmodes extends Schema.Class<UserSlowmodes>("UserSlowmodes")({
  _tag: eventTag("UserSlowmodes"),
  slowmodes: Schema.Array(ChannelSlowmode)
}) {}

/** `DeleteSession`: a session of `userId` was deleted (your own arrives as `Logout`). */
export class DeleteSession extends Schema.Class<DeleteSession>("DeleteSession")({
  _tag: eventTag("DeleteSession"),
  userId: renamed(UserId, "user_id"),
  sessionId: renamed(Schema.String, "session_id")
}) {}

/** `DeleteAllSessions`: every session of `userId` but `excludeSessionId` was deleted. */
export class DeleteAllSessions extends Schema.Class<DeleteAllSessions>("DeleteAllSessions")({
  _tag: eventTag("DeleteAllSessions"),
  userId: renamed(UserId, "user_id"),
  excludeSessionId: nullOption(Schema.String, "exclude_session_id")
}) {}
