import { HashMap, Option, Predicate } from "effect"
import type { MemberFieldName } from "../../../schema/PartialMember.js"
import { pair } from "../FakeState.js"
import { apiError, catcher, json } from "../http.js"
import type { MemberRecord } from "../records.js"
import type { Context, Outcome, Route } from "../router.js"
import {
  actorRank,
  channelPermissions,
  has,
  memberOf,
  memberRank,
  Permission,
  type PermissionName,
  serverPermissions
} from "../rules/permissions.js"
import { memberJson } from "../wire/servers.js"
import { answer } from "./common.js"

/** `FieldsMember`: the values `remove` takes, and the document path each unsets (`VoiceChannel` none). */
const paths: Readonly<Record<MemberFieldName, keyof MemberRecord | undefined>> = {
  Nickname: "nickname",
  Pronouns: "pronouns",
  Avatar: "avatar",
  Roles: "roles",
  Timeout: "timeout",
  CanReceive: "can_receive",
  CanPublish: "can_publish",
  JoinedAt: "joined_at",
  VoiceChannel: undefined
}
const fields: ReadonlyArray<string> = Object.keys(paths)
const isField = (field: string): field is MemberFieldName => fields.includes(field)

interface Edit {
  readonly nickname: string | undefined
  readonly pronouns: string | undefined
  readonly avatar: string | undefined
  readonly roles: ReadonlyArray<string> | undefined
  readonly timeout: string | number | undefined
  readonly canPublish: boolean | undefined
  readonly canReceive: boolean | undefined
  readonly voiceChannel: string | undefined
  readonly remove: ReadonlyArray<MemberFieldName> | undefined
}

const optional = <A>(value: unknown, guard: (value: unknown) => value is A): Option.Option<A | undefined> =>
  value === undefined || value === null ? Option.some(undefined) : guard(value) ? Option.some(value) : Option.none()

const isStringArray = (value: unknown): value is ReadonlyArray<string> =>
  Array.isArray(value) && value.every(Predicate.isString)

/** An ISO 8601 string or Unix milliseconds, as the backend's timestamp parser takes them. */
const isTimestamp = (value: unknown): value is string | number =>
  (typeof value === "number" && Number.isInteger(value)) ||
  (typeof value === "string" && !Number.isNaN(Date.parse(value)))

/** A timestamp the backend parsed, in Unix ms. */
const timestamp = (value: string | number) => (typeof value === "number" ? value : Date.parse(value))

/** Reads `DataMemberEdit`; a wrong type, an unknown `remove` value or a bad timestamp is a 422. */
const parseEdit = (body: unknown): Option.Option<Edit> => {
  if (!Predicate.isRecord(body)) return Option.none()
  return Option.all({
    nickname: optional(body["nickname"], Predicate.isString),
    pronouns: optional(body["pronouns"], Predicate.isString),
    avatar: optional(body["avatar"], Predicate.isString),
    roles: optional(body["roles"], isStringArray),
    timeout: optional(body["timeout"], isTimestamp),
    canPublish: optional(body["can_publish"], Predicate.isBoolean),
    canReceive: optional(body["can_receive"], Predicate.isBoolean),
    voiceChannel: optional(body["voice_channel"], Predicate.isString),
    // `remove` has a serde default for a missing key, but `null` is no list.
    remove: body["remove"] === null
      ? Option.none()
      : optional(body["remove"], (value): value is ReadonlyArray<MemberFieldName> => isStringArray(value) && value.every(isField))
  })
}

const characters = (value: string) => [...value].length

/** `PATCH /servers/{id}/members/{user}`: the checks of reference §7 in their order, then the change. */
const editMember = ({ state, params, caller, now, body, request }: Context): Outcome => {
  const parsed = parseEdit(body)
  if (Option.isNone(parsed)) return answer(catcher(request, 422))
  const edit = parsed.value
  const remove = edit.remove ?? []
  const removes = (field: MemberFieldName) => remove.includes(field)
  const invalid = (error: string) => answer(apiError("FailedValidation", { error }))
  if (edit.nickname !== undefined && (characters(edit.nickname) < 1 || characters(edit.nickname) > 32)) return invalid("nickname: length must be 1..32")
  if (edit.pronouns !== undefined && (characters(edit.pronouns) < 1 || characters(edit.pronouns) > 24)) return invalid("pronouns: length must be 1..24")
  // The avatar id's length is not validated: an id of any length is looked up, and not found.

  const server = HashMap.get(state.servers, params[0] ?? "")
  if (Option.isNone(server)) return answer(apiError("NotFound"))
  const targetId = params[1] ?? ""
  const target = HashMap.get(state.accounts, targetId)
  if (Option.isNone(target)) return answer(apiError("NotFound"))
  const member = memberOf(state, server.value._id, targetId)
  if (Option.isNone(member)) return answer(apiError("NotFound"))
  const self = targetId === caller.user._id
  const permissions = serverPermissions(state, server.value, caller.user, now)
  const need = (permission: PermissionName) =>
    has(permissions, Permission[permission]) ? undefined : answer(apiError("MissingPermission", { permission }))

  const checks: Array<() => Outcome | undefined> = [
    () => edit.nickname !== undefined || removes("Nickname") ? need(self ? "ChangeNickname" : "ManageNicknames") : undefined,
    () => !self && (edit.pronouns !== undefined || removes("Pronouns")) ? answer(apiError("InvalidOperation")) : undefined,
    () => {
      if (self && (edit.avatar !== undefined || removes("Avatar"))) return need("ChangeAvatar")
      if (!self && edit.avatar !== undefined) return answer(apiError("InvalidOperation"))
      return !self && removes("Avatar") ? need("RemoveAvatars") : undefined
    },
    () => edit.roles !== undefined || removes("Roles") ? need("AssignRoles") : undefined,
    () => {
      if (edit.timeout !== undefined) {
        if (self) return answer(apiError("CannotTimeoutYourself"))
        if (has(serverPermissions(state, server.value, target.value.user, now), Permission.TimeoutMembers)) return answer(apiError("IsElevated"))
      }
      return edit.timeout !== undefined || removes("Timeout") ? need("TimeoutMembers") : undefined
    },
    // `remove: ["CanPublish"]` / `["CanReceive"]` is not permission-checked by the backend (reference §11.6).
    () => edit.canPublish !== undefined ? need("MuteMembers") : undefined,
    () => edit.canReceive !== undefined ? need("DeafenMembers") : undefined,
    () => {
      if (edit.voiceChannel === undefined && !removes("VoiceChannel")) return undefined
      if (edit.voiceChannel !== undefined && removes("VoiceChannel")) return answer(apiError("InvalidOperation"))
      if (!state.settings.voice) return answer(apiError("LiveKitUnavailable"))
      if (!self) {
        const missing = need("MoveMembers")
        if (missing !== undefined) return missing
      }
      if (edit.voiceChannel === undefined) return undefined
      const channel = HashMap.get(state.channels, edit.voiceChannel).pipe(
        Option.filter((channel) => channel.channel_type === "TextChannel" && channel.server === server.value._id)
      )
      if (Option.isNone(channel)) return answer(apiError("UnknownChannel"))
      if (!has(channelPermissions(state, channel.value, caller.user, now), Permission.Connect)) {
        return answer(apiError("MissingPermission", { permission: "Connect" }))
      }
      return HashMap.has(state.voice, targetId) ? undefined : answer(apiError("NotConnected"))
    },
    () =>
      !self && memberRank(server.value, member.value) <= actorRank(state, server.value, caller.user)
        ? answer(apiError("NotElevated"))
        : undefined,
    () => {
      const rank = actorRank(state, server.value, caller.user)
      for (const id of edit.roles ?? []) {
        if (member.value.roles.includes(id)) continue
        const role = server.value.roles[id]
        if (role === undefined) return answer(apiError("InvalidRole"))
        if (role.rank <= rank) return answer(apiError("NotElevated"))
      }
      return undefined
    },
    // The fake has no file server: no uploaded avatar can be found.
    () => edit.avatar !== undefined ? answer(apiError("NotFound")) : undefined
  ]
  for (const check of checks) {
    const failure = check()
    if (failure !== undefined) return failure
  }

  // One Mongo update sets the given fields and unsets the removed ones: a path in both is a conflict.
  const set: Partial<Record<keyof MemberRecord, unknown>> = {
    nickname: edit.nickname,
    pronouns: edit.pronouns,
    roles: edit.roles,
    timeout: edit.timeout,
    can_publish: edit.canPublish,
    can_receive: edit.canReceive
  }
  if (remove.some((field) => { const path = paths[field]; return path !== undefined && set[path] !== undefined })) {
    return answer(apiError("DatabaseError", { operation: "update_one", collection: "server_members" }))
  }
  const before = member.value
  const updated: MemberRecord = {
    ...before,
    nickname: removes("Nickname") ? undefined : edit.nickname ?? before.nickname,
    pronouns: removes("Pronouns") ? undefined : edit.pronouns ?? before.pronouns,
    avatar: removes("Avatar") ? undefined : before.avatar,
    roles: removes("Roles") ? [] : edit.roles ?? before.roles,
    timeout: removes("Timeout") ? undefined : edit.timeout === undefined ? before.timeout : timestamp(edit.timeout),
    can_publish: removes("CanPublish") ? true : edit.canPublish ?? before.can_publish,
    can_receive: removes("CanReceive") ? true : edit.canReceive ?? before.can_receive,
    // The Mongo build unsets `joined_at` in the document; the member it answers with keeps it in memory.
    joined_at: removes("JoinedAt") ? undefined : before.joined_at
  }
  const voice = edit.voiceChannel !== undefined
    ? HashMap.set(state.voice, targetId, edit.voiceChannel)
    : removes("VoiceChannel") ? HashMap.remove(state.voice, targetId) : state.voice
  return {
    state: { ...state, voice, members: HashMap.set(state.members, pair(server.value._id, targetId), updated) },
    response: json(200, memberJson(updated, before.joined_at))
  }
}

export const memberEditRoutes: ReadonlyArray<Route> = [
  { method: "PATCH", path: "/servers/:server/members/:member", auth: true, audit: true, body: "json", handle: editMember }
]
