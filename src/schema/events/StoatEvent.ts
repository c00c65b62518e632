import { Effect, Either, ParseResult, Schema } from "effect"
import { RawObject, unknownVariant } from "../Wire.js"
import {
  ChannelAck,
  ChannelCreateFromWire,
  ChannelDelete,
  ChannelGroupJoin,
  ChannelGroupLeave,
  ChannelStartTyping,
  ChannelStopTyping,
  ChannelUpdate,
  ChannelWipe
} from "./channelEvents.js"
import {
  Authenticated,
  Bees,
  DeleteAllSessions,
  DeleteSession,
  ErrorEvent,
  Logout,
  Pong,
  Ready,
  UserSlowmodes
} from "./connectionEvents.js"
import { EmojiCreateFromWire, EmojiDelete, EmojiUpdate, WebhookCreateFromWire, WebhookDelete, WebhookUpdate } from "./emojiEvents.js"
import {
  BulkMessageDelete,
  MessageAppend,
  MessageDelete,
  MessageEventFromWire,
  MessageReact,
  MessageRemoveReaction,
  MessageUnreact,
  MessageUpdate
} from "./messageEvents.js"
import {
  ServerCreate,
  ServerDelete,
  ServerMemberJoin,
  ServerMemberLeave,
  ServerMemberUpdate,
  ServerRoleDelete,
  ServerRoleRanksUpdate,
  ServerRoleUpdate,
  ServerUpdate
} from "./serverEvents.js"
import { UserPlatformWipe, UserRelationship, UserSettingsUpdate, UserUpdate } from "./userEvents.js"
import {
  UserMoveVoiceChannel,
  UserVoiceStateUpdate,
  VoiceCallUpdate,
  VoiceChannelJoin,
  VoiceChannelLeave,
  VoiceChannelMove
} from "./voiceEvents.js"

/**
 * An event this library does not know (a new `type`), or a known one whose body it could not decode
 * (logged as a warning): the whole frame is in `payload`.
 */
export class UnknownEvent extends Schema.TaggedClass<UnknownEvent>()("UnknownEvent", {
  type: Schema.String,
  payload: RawObject
}) {}

const known = [
  Authenticated, Logout, Bees, Pong, ErrorEvent, Ready, UserSlowmodes, DeleteSession, DeleteAllSessions,
  MessageEventFromWire, MessageUpdate, MessageAppend, MessageDelete, BulkMessageDelete, MessageReact,
  MessageUnreact, MessageRemoveReaction,
  ChannelCreateFromWire, ChannelUpdate, ChannelDelete, ChannelWipe, ChannelGroupJoin, ChannelGroupLeave,
  ChannelStartTyping, ChannelStopTyping, ChannelAck,
  ServerCreate, ServerUpdate, ServerDelete, ServerMemberJoin, ServerMemberUpdate, ServerMemberLeave,
  ServerRoleUpdate, ServerRoleDelete, ServerRoleRanksUpdate,
  UserUpdate, UserRelationship, UserSettingsUpdate, UserPlatformWipe,
  EmojiCreateFromWire, EmojiUpdate, EmojiDelete, WebhookCreateFromWire, WebhookUpdate, WebhookDelete,
  VoiceChannelJoin, VoiceChannelLeave, VoiceChannelMove, UserVoiceStateUpdate, UserMoveVoiceChannel, VoiceCallUpdate
] as const

/** The `type` of every event this library decodes (`Bulk` is opened, never delivered). */
export const knownEventTypes: ReadonlyArray<string> = [
  "Authenticated", "Logout", "Bees", "Pong", "Error", "Ready", "UserSlowmodes", "DeleteSession", "DeleteAllSessions",
  "Message", "MessageUpdate", "MessageAppend", "MessageDelete", "BulkMessageDelete", "MessageReact",
  "MessageUnreact", "MessageRemoveReaction",
  "ChannelCreate", "ChannelUpdate", "ChannelDelete", "ChannelWipe", "ChannelGroupJoin", "ChannelGroupLeave",
  "ChannelStartTyping", "ChannelStopTyping", "ChannelAck",
  "ServerCreate", "ServerUpdate", "ServerDelete", "ServerMemberJoin", "ServerMemberUpdate", "ServerMemberLeave",
  "ServerRoleUpdate", "ServerRoleDelete", "ServerRoleRanksUpdate",
  "UserUpdate", "UserRelationship", "UserSettingsUpdate", "UserPlatformWipe",
  "EmojiCreate", "EmojiUpdate", "EmojiDelete", "WebhookCreate", "WebhookUpdate", "WebhookDelete",
  "VoiceChannelJoin", "VoiceChannelLeave", "VoiceChannelMove", "UserVoiceStateUpdate", "UserMoveVoiceChannel",
  "VoiceCallUpdate"
]

/** Any event of the events socket, by its `type`; a `type` not known decodes to `UnknownEvent`. */
export const StoatEvent = Schema.Union(...known, unknownVariant("type", [...knownEventTypes, "Bulk"], UnknownEvent))
export type StoatEvent = typeof StoatEvent.Type

const decodeEvent = Schema.decodeUnknownEither(StoatEvent)

const isObject = (value: unknown): value is RawObject =>
  typeof value === "object" && value !== null && !Array.isArray(value)

/** One frame's events, in order: `Bulk` is opened (recursively), a frame that is not an object gives none. */
const eventsOf = (frame: unknown, warnings: Array<string>): Array<StoatEvent> => {
  if (!isObject(frame) || typeof frame["type"] !== "string") {
    warnings.push("an events frame that is not an object with a type was ignored")
    return []
  }
  const v = frame["v"]
  if (frame["type"] === "Bulk" && Array.isArray(v)) return v.flatMap((item) => eventsOf(item, warnings))
  return Either.match(decodeEvent(frame), {
    onRight: (event) => [event],
    onLeft: (error) => {
      warnings.push(`a ${frame["type"]} event could not be decoded: ${ParseResult.TreeFormatter.formatErrorSync(error)}`)
      return [new UnknownEvent({ type: String(frame["type"]), payload: frame })]
    }
  })
}

/**
 * The events of one text frame, in order (`Bulk` flattened). Text that is not JSON gives no event;
 * what could not be decoded is logged as a warning.
 */
export const decodeFrame = (text: string): Effect.Effect<ReadonlyArray<StoatEvent>> =>
  Effect.suspend(() => {
    const warnings: Array<string> = []
    let json: unknown
    try {
      json = JSON.parse(text)
    } catch {
      return Effect.as(Effect.logWarning("an events frame that is not JSON was ignored"), [])
    }
    const events = eventsOf(json, warnings)
    return warnings.length === 0 ? Effect.succeed(events) : Effect.as(Effect.forEach(warnings, (w) => Effect.logWarning(w)), events)
  })
