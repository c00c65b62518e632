import { DateTime, HashMap, Option, Predicate, Schema } from "effect"
import { RoleId } from "../../../schema/Ids.js"
import { Member } from "../../../schema/Member.js"
import { MemberFieldName } from "../../../schema/PartialMember.js"
import { pair } from "../FakeState.js"
import { apiError, catcher, json } from "../http.js"
import { channelPermissions, has, memberRank, Permission, type PermissionName, serverPermissions } from "../permissions.js"
import type { Context, Outcome, Route } from "../router.js"
import { memberJson } from "../wire.js"
import { actorRank, answer } from "./common.js"

const fields: ReadonlyArray<string> = MemberFieldName.literals

interface Edit {
  readonly nickname: string | undefined
  readonly pronouns: string | undefined
  readonly avatar: string | undefined
  readonly roles: ReadonlyArray<string> | undefined
  readonly timeout: string | number | undefined
  readonly canPublish: boolean | undefined
  readonly canReceive: boolean | undefined
  readonly voiceChannel: string | undefined
  readonly remove: ReadonlyArray<string> | undefined
}

const optional = <A>(value: unknown, guard: (value: unknown) => value is A): Option.Option<A | undefined> =>
  value === undefined || value === null ? Option.some(undefined) : guard(value) ? Option.some(value) : Option.none()

const isStringArray = (value: unknown): value is ReadonlyArray<string> =>
  Array.isArray(value) && value.every(Predicate.isString)

/** An ISO 8601 string or Unix milliseconds, as the backend's timestamp parser takes them. */
const isTimestamp = (value: unknown): value is string | number =>
  (typeof value === "number" && Number.isInteger(value)) ||
  (typeof value === "string" && !Number.isNaN(Date.parse(value)))

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
    remove: optional(body["remove"], (value): value is ReadonlyArray<string> => isStringArray(value) && value.every((field) => fields.includes(field)))
  })
}

const characters = (value: string) => [...value].length

/** `PATCH /servers/{id}/members/{user}`: the checks of reference §7 in their order, then the change. */
const editMember = ({ state, params, caller, now, body, request }: Context): Outcome => {
  const parsed = parseEdit(body)
  if (Option.isNone(parsed)) return answer(catcher(request, 422))
  const edit = parsed.value
  const remove = edit.remove ?? []
  const removes = (field: string) => remove.includes(field)
  const invalid = (error: string) => answer(apiError("FailedValidation", { error }))
  if (edit.nickname !== undefined && (characters(edit.nickname) < 1 || characters(edit.nickname) > 32)) return invalid("nickname: length must be 1..32")
  if (edit.pronouns !== undefined && (characters(edit.pronouns) < 1 || characters(edit.pronouns) > 24)) return invalid("pronouns: length must be 1..24")
  if (edit.avatar !== undefined && (characters(edit.avatar) < 1 || characters(edit.avatar) > 128)) return invalid("avatar: length must be 1..128")

  const server = HashMap.get(state.servers, params[0] ?? "")
  if (Option.isNone(server)) return answer(apiError("NotFound"))
  const targetId = params[1] ?? ""
  const member = HashMap.get(state.members, pair(server.value.id, targetId))
  const target = HashMap.get(state.accounts, targetId)
  if (Option.isNone(member) || Option.isNone(target)) return answer(apiError("NotFound"))
  const self = targetId === caller.user.id
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
        Option.filter((channel) => channel._tag === "TextChannel" && channel.server === server.value.id)
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
        if (member.value.roles.some((held) => held === id)) continue
        const role = server.value.roles[RoleId.make(id)]
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

  const wire = Schema.encodeSync(Member)(member.value)
  const changed: Record<string, unknown> = {
    ...wire,
    ...(edit.nickname === undefined ? {} : { nickname: edit.nickname }),
    ...(edit.pronouns === undefined ? {} : { pronouns: edit.pronouns }),
    ...(edit.roles === undefined ? {} : { roles: edit.roles }),
    ...(edit.timeout === undefined ? {} : { timeout: DateTime.formatIso(DateTime.unsafeMake(typeof edit.timeout === "number" ? edit.timeout : Date.parse(edit.timeout))) }),
    ...(edit.canPublish === undefined ? {} : { can_publish: edit.canPublish }),
    ...(edit.canReceive === undefined ? {} : { can_receive: edit.canReceive })
  }
  const cleared: Record<string, string> = {
    Nickname: "nickname",
    Pronouns: "pronouns",
    Avatar: "avatar",
    Roles: "roles",
    Timeout: "timeout",
    CanPublish: "can_publish",
    CanReceive: "can_receive"
  }
  for (const field of remove) {
    const key = cleared[field]
    if (key !== undefined) delete changed[key]
  }
  const updated = Schema.decodeUnknownSync(Member)(changed)
  const voice = edit.voiceChannel !== undefined
    ? HashMap.set(state.voice, targetId, edit.voiceChannel)
    : removes("VoiceChannel") ? HashMap.remove(state.voice, targetId) : state.voice
  return {
    state: { ...state, voice, members: HashMap.set(state.members, pair(server.value.id, targetId), updated) },
    response: json(200, memberJson(updated))
  }
}

export const memberEditRoutes: ReadonlyArray<Route> = [
  { method: "PATCH", path: "/servers/:server/members/:member", auth: true, body: "json", handle: editMember }
]
