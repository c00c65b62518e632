import { Clock, DateTime, Duration, Effect, Schema } from "effect"
import {
  CannotRemoveYourself,
  CannotTimeoutYourself,
  DatabaseError,
  FailedValidation,
  InternalError,
  InvalidOperation,
  InvalidRole,
  InvalidSession,
  IsElevated,
  LiveKitUnavailable,
  MissingPermission,
  NotAVoiceChannel,
  NotConnected,
  NotElevated,
  NotFound,
  UnknownChannel
} from "../errors/ApiError.js"
import type { ClientError } from "../errors/ClientError.js"
import { declare, type Declared, type ErrorOf } from "../errors/Declared.js"
import { Ban, BanList } from "../schema/Ban.js"
import { ChannelId, FileId, RoleId, ServerId, UserId } from "../schema/Ids.js"
import { Member } from "../schema/Member.js"
import type { MemberFieldName } from "../schema/PartialMember.js"
import { StoatClient } from "../services/StoatClient.js"
import { type AuditLogOptions, auditLogReason, characters, idOf, type Identifiable, invalid, segment, serverId, ulid, userId } from "../internal/input.js"
import { operation } from "../internal/operation.js"

/**
 * A member: a `Member` (or anything carrying a member `id`), or `{ server, user }` where each is an
 * id or an object with one (a `Server`, a `User`).
 */
export type MemberRef =
  | { readonly id: { readonly server: string; readonly user: string } }
  | { readonly server: Identifiable<ServerId>; readonly user: Identifiable<UserId> }

const memberIds = (member: MemberRef) =>
  "id" in member ? member.id : { server: idOf(member.server), user: idOf(member.user) }

/** A member's server and user, both checked as ULIDs (the member routes only 404 on anything else). */
const memberOf = (member: MemberRef) => {
  const ids = memberIds(member)
  return Effect.zip(serverId(ids.server), userId(ids.user))
}

/** A ban target's server and user: the ban routes take any user id segment, existing or not. */
const banTargetOf = (server: string, user: string) =>
  Effect.zip(serverId(server), segment("user id", user, UserId.make))

/** When a timeout ends: an instant, or a `Duration` from now (read from `Clock`). */
export type TimeoutEnd = DateTime.DateTime | Date | Duration.Duration

// The instants the backend's ISO 8601 parser takes: years 0000 to 9999.
const earliest = -62_167_219_200_000
const latest = 253_402_300_799_999

const isoInstant = (millis: number) =>
  Number.isFinite(millis) && millis >= earliest && millis <= latest
    ? Effect.succeed(new Date(millis).toISOString())
    : invalid("the timeout must end between the years 0000 and 9999")

/** A timeout's end as the ISO 8601 UTC string the backend takes. */
const timeoutIso = (end: TimeoutEnd): Effect.Effect<string, FailedValidation> => {
  if (Duration.isDuration(end)) {
    return Effect.flatMap(Clock.currentTimeMillis, (now) => isoInstant(now + Duration.toMillis(end)))
  }
  return isoInstant(end instanceof Date ? end.getTime() : DateTime.toEpochMillis(end))
}

const fileId = (file: Identifiable<FileId>) => {
  const id = idOf(file)
  return id === "" ? invalid("the avatar file id must not be empty") : Effect.succeed(FileId.make(id))
}

/** What `editMember` changes: an absent key is left as it is, `null` clears it, a value sets it. */
export interface MemberEdit {
  /** 1 to 32 characters. Needs `ChangeNickname` for yourself, `ManageNicknames` for others. */
  readonly nickname?: string | null
  /** 1 to 24 characters; your own only. */
  readonly pronouns?: string | null
  /** A file already uploaded under the `avatars` tag; only your own can be set (`ChangeAvatar`). */
  readonly avatar?: Identifiable<FileId> | null
  /** The member's roles, replacing the whole list (`AssignRoles`). */
  readonly roles?: ReadonlyArray<Identifiable<RoleId>> | null
  /** When the member's timeout ends (`TimeoutMembers`); `null` lifts it. */
  readonly timeout?: TimeoutEnd | null
  /** `false` mutes the member server-wide (`MuteMembers`); `null` restores the default (allowed). */
  readonly canPublish?: boolean | null
  /** `false` deafens the member server-wide (`DeafenMembers`); `null` restores the default (allowed). */
  readonly canReceive?: boolean | null
  /** Moves the member to this voice channel (`MoveMembers` for others); `null` disconnects them. */
  readonly voiceChannel?: Identifiable<ChannelId> | null
}

/** A member field that `PATCH /servers/{server}/members/{member}` clears (removing `JoinedAt` does nothing). */
export type MemberField = Exclude<MemberFieldName, "JoinedAt">

/** Checks an edit and builds its `DataMemberEdit` body, cleared fields in `remove`. */
const memberEditBody = Effect.fnUntraced(function*(edit: MemberEdit) {
  const body: Record<string, unknown> = {}
  const remove: Array<MemberField> = []
  if (edit.nickname === null) remove.push("Nickname")
  else if (edit.nickname !== undefined) body["nickname"] = yield* characters("nickname", edit.nickname, 1, 32)
  if (edit.pronouns === null) remove.push("Pronouns")
  else if (edit.pronouns !== undefined) body["pronouns"] = yield* characters("pronouns", edit.pronouns, 1, 24)
  if (edit.avatar === null) remove.push("Avatar")
  else if (edit.avatar !== undefined) body["avatar"] = yield* fileId(edit.avatar)
  if (edit.roles === null) remove.push("Roles")
  else if (edit.roles !== undefined) {
    body["roles"] = yield* Effect.forEach(edit.roles, (role) => ulid("role id", idOf(role), RoleId.make))
  }
  if (edit.timeout === null) remove.push("Timeout")
  else if (edit.timeout !== undefined) body["timeout"] = yield* timeoutIso(edit.timeout)
  if (edit.canPublish === null) remove.push("CanPublish")
  else if (edit.canPublish !== undefined) body["can_publish"] = edit.canPublish
  if (edit.canReceive === null) remove.push("CanReceive")
  else if (edit.canReceive !== undefined) body["can_receive"] = edit.canReceive
  if (edit.voiceChannel === null) remove.push("VoiceChannel")
  else if (edit.voiceChannel !== undefined) {
    body["voice_channel"] = yield* ulid("voice channel id", idOf(edit.voiceChannel), ChannelId.make)
  }
  if (remove.length > 0) body["remove"] = remove
  return body
})

/** The errors `editMember` declares, for decoding its failures. */
export const editMemberErrors = declare(
  CannotTimeoutYourself,
  LiveKitUnavailable,
  NotAVoiceChannel,
  InvalidSession,
  IsElevated,
  MissingPermission,
  NotElevated,
  NotFound,
  InvalidRole,
  UnknownChannel,
  DatabaseError,
  InternalError,
  FailedValidation,
  InvalidOperation,
  NotConnected
)
/** The failures of `editMember`. */
export type EditMemberError = ErrorOf<typeof editMemberErrors.classes> | ClientError

/** The errors `timeoutMember` declares, for decoding its failures. */
export const timeoutMemberErrors = declare(
  CannotTimeoutYourself,
  InvalidSession,
  IsElevated,
  MissingPermission,
  NotFound,
  DatabaseError,
  InternalError,
  NotElevated,
  FailedValidation
)
/** The failures of `timeoutMember`: those of an edit of the timeout alone (rank included). */
export type TimeoutMemberError = ErrorOf<typeof timeoutMemberErrors.classes> | ClientError

const patchMember = <E>(name: string, errors: Declared<E>) =>
  operation(name)(function*(member: MemberRef, edit: MemberEdit, options?: AuditLogOptions) {
    const client = yield* StoatClient
    const [server, user] = yield* memberOf(member)
    const body = yield* memberEditBody(edit)
    const reason = yield* auditLogReason(options?.auditLogReason)
    return yield* client.request(
      { method: "PATCH", path: ["servers", server, "members", user], body, auditLogReason: reason },
      Member,
      errors
    )
  })

/** `PATCH /servers/{server}/members/{member}`: edits a member; returns it updated (and caches it). */
export const editMember: (
  member: MemberRef,
  edit: MemberEdit,
  options?: AuditLogOptions
) => Effect.Effect<Member, EditMemberError, StoatClient> = patchMember("Stoat.editMember", editMemberErrors)

const patchTimeout = patchMember("Stoat.timeoutMember", timeoutMemberErrors)

/** `PATCH /servers/{server}/members/{member}`: times a member out until `length` ends (`null` lifts it). */
export const timeoutMember = (
  member: MemberRef,
  length: TimeoutEnd | null,
  options?: AuditLogOptions
): Effect.Effect<Member, TimeoutMemberError, StoatClient> => patchTimeout(member, { timeout: length }, options)

/** The errors `kickMember` declares, for decoding its failures. */
export const kickMemberErrors = declare(
  CannotRemoveYourself,
  InvalidOperation,
  InvalidSession,
  NotElevated,
  MissingPermission,
  NotFound,
  DatabaseError,
  FailedValidation
)
/** The failures of `kickMember`. */
export type KickMemberError = ErrorOf<typeof kickMemberErrors.classes> | ClientError

/** `DELETE /servers/{server}/members/{member}`: kicks a member (`KickMembers`); the cache forgets them. */
export const kickMember: (
  member: MemberRef,
  options?: AuditLogOptions
) => Effect.Effect<void, KickMemberError, StoatClient> = operation("Stoat.kickMember")(function*(member, options) {
  const client = yield* StoatClient
  const [server, user] = yield* memberOf(member)
  const reason = yield* auditLogReason(options?.auditLogReason)
  yield* client.request(
    { method: "DELETE", path: ["servers", server, "members", user], auditLogReason: reason },
    Schema.Void,
    kickMemberErrors
  )
})

/** Options of `banMember`. */
export interface BanOptions extends AuditLogOptions {
  /** Why, kept with the ban: at most 1024 characters. */
  readonly reason?: string
  /** Deletes the user's messages of this many last seconds in every channel: 0 to 604800 (7 days). */
  readonly deleteMessageSeconds?: number
}

const maxDeleteMessageSeconds = 604_800

const deleteMessageSeconds = (seconds: number) =>
  Number.isInteger(seconds) && seconds >= 0 && seconds <= maxDeleteMessageSeconds
    ? Effect.succeed(seconds)
    : invalid(`deleteMessageSeconds must be a whole number from 0 to ${maxDeleteMessageSeconds}, got ${seconds}`)

/** The errors `banMember` declares, for decoding its failures. */
export const banMemberErrors = declare(
  CannotRemoveYourself,
  FailedValidation,
  InvalidOperation,
  InvalidSession,
  NotElevated,
  MissingPermission,
  NotFound,
  DatabaseError
)
/** The failures of `banMember` (`DatabaseError` also when the user is already banned). */
export type BanMemberError = ErrorOf<typeof banMemberErrors.classes> | ClientError

/**
 * `PUT /servers/{server}/bans/{user}`: bans a user (`BanMembers`), member or not; the cache forgets
 * the member and records the ban.
 */
export const banMember: (
  member: MemberRef,
  options?: BanOptions
) => Effect.Effect<Ban, BanMemberError, StoatClient> = operation("Stoat.banMember")(function*(member, options) {
  const client = yield* StoatClient
  const ids = memberIds(member)
  const [server, user] = yield* banTargetOf(ids.server, ids.user)
  const body: Record<string, unknown> = {}
  if (options?.reason !== undefined) body["reason"] = yield* characters("ban reason", options.reason, 0, 1024)
  if (options?.deleteMessageSeconds !== undefined) {
    body["delete_message_seconds"] = yield* deleteMessageSeconds(options.deleteMessageSeconds)
  }
  const reason = yield* auditLogReason(options?.auditLogReason)
  const ban = yield* client.request(
    { method: "PUT", path: ["servers", server, "bans", user], body, auditLogReason: reason },
    Ban,
    banMemberErrors
  )
  return ban
})

/** The errors `unbanUser` declares, for decoding its failures. */
export const unbanUserErrors = declare(InvalidSession, NotFound, MissingPermission, DatabaseError, FailedValidation)
/** The failures of `unbanUser` (`NotFound` also when the user is not banned). */
export type UnbanUserError = ErrorOf<typeof unbanUserErrors.classes> | ClientError

/** `DELETE /servers/{server}/bans/{user}`: lifts a ban (`BanMembers`); the cache forgets it. */
export const unbanUser: (
  server: Identifiable<ServerId>,
  user: Identifiable<UserId>,
  options?: AuditLogOptions
) => Effect.Effect<void, UnbanUserError, StoatClient> = operation("Stoat.unbanUser")(
  function*(server, user, options) {
    const client = yield* StoatClient
    const [serverId, userId] = yield* banTargetOf(idOf(server), idOf(user))
    const reason = yield* auditLogReason(options?.auditLogReason)
    yield* client.request(
      { method: "DELETE", path: ["servers", serverId, "bans", userId], auditLogReason: reason },
      Schema.Void,
      unbanUserErrors
    )
  }
)

/** The errors `fetchBans` declares, for decoding its failures. */
export const fetchBansErrors = declare(InvalidSession, NotFound, MissingPermission, DatabaseError, FailedValidation)
/** The failures of `fetchBans`. */
export type FetchBansError = ErrorOf<typeof fetchBansErrors.classes> | ClientError

/** `GET /servers/{server}/bans`: a server's bans (`BanMembers`); the cache's bans of it become these. */
export const fetchBans: (
  server: Identifiable<ServerId>
) => Effect.Effect<BanList, FetchBansError, StoatClient> = operation("Stoat.fetchBans")(function*(server) {
  const client = yield* StoatClient
  const id = yield* serverId(server)
  const list = yield* client.request({ method: "GET", path: ["servers", id, "bans"] }, BanList, fetchBansErrors)
  return list
})
