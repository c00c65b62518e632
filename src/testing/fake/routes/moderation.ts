import { HashMap, Option, Predicate } from "effect"
import { ulidTime } from "../../../schema/Ids.js"
import { type FakeState, pair } from "../FakeState.js"
import { apiError, catcher, type FakeRequest, json, noContent } from "../http.js"
import type { MemberRecord, ServerRecord } from "../records.js"
import type { Context, Outcome, Route } from "../router.js"
import {
  actorRank,
  has,
  isTimedOut,
  memberOf,
  memberRank,
  Permission,
  type PermissionName,
  serverPermissions
} from "../rules/permissions.js"
import { banJson } from "../wire/servers.js"
import { bannedUserJson } from "../wire/users.js"
import { answer, systemMessage, userById } from "./common.js"

const missing = (permission: PermissionName) => answer(apiError("MissingPermission", { permission }))

/** The system message channel and type of each removal. */
const removalMessages = {
  kick: { channel: "user_kicked", type: "user_kicked" },
  ban: { channel: "user_banned", type: "user_banned" },
  leave: { channel: "user_left", type: "user_left" }
} as const

/**
 * Removes a member as a kick, a ban or a leave does (`Member::remove`): one who leaves while timed
 * out keeps the timeout for a rejoin, and the server's system message channel for the removal hears
 * of it (unless `silently`).
 */
export const removeMember = (
  state: FakeState,
  server: ServerRecord,
  member: MemberRecord,
  intention: "kick" | "ban" | "leave",
  now: number,
  silently = false
): FakeState => {
  const key = pair(member._id.server, member._id.user)
  const removed: FakeState = {
    ...state,
    members: HashMap.remove(state.members, key),
    departed: isTimedOut(member, now) ? HashMap.set(state.departed, key, member) : state.departed,
    voice: HashMap.remove(state.voice, member._id.user)
  }
  const { channel, type } = removalMessages[intention]
  const target = server.system_messages?.[channel]
  if (target === undefined || silently) return removed
  return systemMessage(removed, target, { type, id: member._id.user }, now)
}

/** `DELETE /servers/{id}/members/{user}`: the kick checks of reference §7 in their order. */
const kick = ({ state, params, caller, now }: Context): Outcome => {
  const server = HashMap.get(state.servers, params[0] ?? "")
  if (Option.isNone(server)) return answer(apiError("NotFound"))
  const target = params[1] ?? ""
  if (target === caller.user._id) return answer(apiError("CannotRemoveYourself"))
  if (target === server.value.owner) return answer(apiError("InvalidOperation"))
  if (!has(serverPermissions(state, server.value, caller.user, now), Permission.KickMembers)) return missing("KickMembers")
  const member = memberOf(state, server.value._id, target)
  if (Option.isNone(member)) return answer(apiError("NotFound"))
  if (memberRank(server.value, member.value) <= actorRank(state, server.value, caller.user)) return answer(apiError("NotElevated"))
  return { state: removeMember(state, server.value, member.value, "kick", now), response: noContent }
}

const characters = (value: string) => [...value].length

/** Whether the raw body writes `key` as a JSON integer (serde reads `1.0` or `1e3` as a float, which an `i64` refuses). */
const integerLiteral = (request: FakeRequest, key: string) =>
  !new RegExp(`"${key}"\\s*:\\s*-?\\d+(\\.\\d*|[eE])`).test(request.body ?? "")

/** `DataBanCreate` as serde reads it: an optional string and an optional `i64`; anything else is the catcher's 422. */
const parseBan = (body: unknown, request: FakeRequest) => {
  if (!Predicate.isRecord(body)) return undefined
  const reason = body["reason"] ?? null
  const seconds = body["delete_message_seconds"] ?? null
  if (reason !== null && typeof reason !== "string") return undefined
  if (seconds !== null && (typeof seconds !== "number" || !Number.isSafeInteger(seconds) || !integerLiteral(request, "delete_message_seconds"))) {
    return undefined
  }
  return { reason, seconds }
}

/**
 * `PUT /servers/{id}/bans/{user}`: every id can be banned, member or not, existing or not. As in the
 * backend, a member is removed (with its "user banned" message) and the messages deleted before the
 * ban is stored, so a second ban deletes messages, then fails on the duplicate key.
 */
const ban = ({ state, params, caller, now, body, request }: Context): Outcome => {
  const data = parseBan(body, request)
  if (data === undefined) return answer(catcher(request, 422))
  const { reason, seconds } = data
  if (typeof reason === "string" && characters(reason) > 1024) {
    return answer(apiError("FailedValidation", { error: "reason: length must be at most 1024" }))
  }
  if (typeof seconds === "number" && (seconds < 0 || seconds > 604800)) {
    return answer(apiError("FailedValidation", { error: "delete_message_seconds: must be 0..604800" }))
  }
  const server = HashMap.get(state.servers, params[0] ?? "")
  if (Option.isNone(server)) return answer(apiError("NotFound"))
  const target = params[1] ?? ""
  if (target === caller.user._id) return answer(apiError("CannotRemoveYourself"))
  if (target === server.value.owner) return answer(apiError("InvalidOperation"))
  if (!has(serverPermissions(state, server.value, caller.user, now), Permission.BanMembers)) return missing("BanMembers")
  let next: FakeState = state
  const member = memberOf(state, server.value._id, target)
  if (Option.isSome(member)) {
    if (memberRank(server.value, member.value) <= actorRank(state, server.value, caller.user)) return answer(apiError("NotElevated"))
    next = removeMember(next, server.value, member.value, "ban", now)
  }
  if (typeof seconds === "number" && seconds > 0) {
    const since = now - seconds * 1000
    const channels = new Set<string>(server.value.channels)
    next = {
      ...next,
      messages: HashMap.map(next.messages, (messages, channel) =>
        channels.has(channel) ? messages.filter((message) => message.author !== target || ulidTime(message._id) < since) : messages)
    }
  }
  const key = pair(server.value._id, target)
  // The backend's bug (reference §11.6): a second ban hits Mongo's duplicate key, a 500 DatabaseError.
  if (HashMap.has(next.bans, key)) {
    return { state: next, response: apiError("DatabaseError", { operation: "insert_one", collection: "server_bans" }) }
  }
  const stored = { _id: { server: server.value._id, user: target }, reason }
  return { state: { ...next, bans: HashMap.set(next.bans, key, stored) }, response: json(200, banJson(stored)) }
}

/** `DELETE /servers/{id}/bans/{user}`. */
const unban = ({ state, params, caller, now }: Context): Outcome => {
  const server = HashMap.get(state.servers, params[0] ?? "")
  if (Option.isNone(server)) return answer(apiError("NotFound"))
  if (!has(serverPermissions(state, server.value, caller.user, now), Permission.BanMembers)) return missing("BanMembers")
  const key = pair(server.value._id, params[1] ?? "")
  if (!HashMap.has(state.bans, key)) return answer(apiError("NotFound"))
  return { state: { ...state, bans: HashMap.remove(state.bans, key) }, response: noContent }
}

/** `GET /servers/{id}/bans`: the bans, and the banned users that exist. */
const fetchBans = ({ state, params, caller, now }: Context): Outcome => {
  const server = HashMap.get(state.servers, params[0] ?? "")
  if (Option.isNone(server)) return answer(apiError("NotFound"))
  if (!has(serverPermissions(state, server.value, caller.user, now), Permission.BanMembers)) return missing("BanMembers")
  const bans = [...HashMap.values(state.bans)].filter((ban) => ban._id.server === server.value._id)
  const users = bans.flatMap((ban) => Option.toArray(userById(state, ban._id.user))).map(bannedUserJson)
  return answer(json(200, { users, bans: bans.map(banJson) }))
}

export const moderationRoutes: ReadonlyArray<Route> = [
  { method: "DELETE", path: "/servers/:server/members/:member", auth: true, audit: true, handle: kick },
  { method: "PUT", path: "/servers/:server/bans/:user", auth: true, audit: true, body: "json", handle: ban },
  { method: "DELETE", path: "/servers/:server/bans/:user", auth: true, audit: true, handle: unban },
  { method: "GET", path: "/servers/:server/bans", auth: true, handle: fetchBans }
]
