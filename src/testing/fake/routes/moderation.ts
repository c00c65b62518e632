import { HashMap, Option, Predicate, Schema } from "effect"
import { Ban } from "../../../schema/Ban.js"
import { File } from "../../../schema/File.js"
import type { Member } from "../../../schema/Member.js"
import { ulidTime } from "../../../schema/Ids.js"
import { type FakeState, pair } from "../FakeState.js"
import { apiError, catcher, json, noContent } from "../http.js"
import { has, isTimedOut, memberRank, Permission, type PermissionName, serverPermissions } from "../permissions.js"
import type { Context, Outcome, Route } from "../router.js"
import { actorRank, answer, systemMessage, userById } from "./common.js"

const encodeFile = Schema.encodeSync(File)

const missing = (permission: PermissionName) => answer(apiError("MissingPermission", { permission }))

/** Removes a member as a kick or a ban does: one who leaves while timed out keeps the timeout for a rejoin. */
const removeMember = (state: FakeState, member: Member, now: number): FakeState => {
  const key = pair(member.id.server, member.id.user)
  return {
    ...state,
    members: HashMap.remove(state.members, key),
    departed: isTimedOut(member, now) ? HashMap.set(state.departed, key, member) : state.departed,
    voice: HashMap.remove(state.voice, member.id.user)
  }
}

const announce = (state: FakeState, serverId: string, event: "userKicked" | "userBanned", user: string, now: number) => {
  const server = HashMap.get(state.servers, serverId)
  const channel = server.pipe(Option.flatMap((server) => server.systemMessages), Option.flatMap((channels) => channels[event]))
  const type = event === "userKicked" ? "user_kicked" : "user_banned"
  return Option.match(channel, { onNone: () => state, onSome: (id) => systemMessage(state, id, { type, id: user }, now) })
}

/** `DELETE /servers/{id}/members/{user}`: the kick checks of reference §7 in their order. */
const kick = ({ state, params, caller, now }: Context): Outcome => {
  const server = HashMap.get(state.servers, params[0] ?? "")
  if (Option.isNone(server)) return answer(apiError("NotFound"))
  const target = params[1] ?? ""
  if (target === caller.user.id) return answer(apiError("CannotRemoveYourself"))
  if (target === server.value.owner) return answer(apiError("InvalidOperation"))
  if (!has(serverPermissions(state, server.value, caller.user, now), Permission.KickMembers)) return missing("KickMembers")
  const member = HashMap.get(state.members, pair(server.value.id, target))
  if (Option.isNone(member)) return answer(apiError("NotFound"))
  if (memberRank(server.value, member.value) <= actorRank(state, server.value, caller.user)) return answer(apiError("NotElevated"))
  const next = announce(removeMember(state, member.value, now), server.value.id, "userKicked", target, now)
  return { state: next, response: noContent }
}

const characters = (value: string) => [...value].length

/** `PUT /servers/{id}/bans/{user}`: every id can be banned, member or not, existing or not. */
const ban = ({ state, params, caller, now, body, request }: Context): Outcome => {
  if (!Predicate.isRecord(body)) return answer(catcher(request, 422))
  const reason = body["reason"] ?? null
  const seconds = body["delete_message_seconds"] ?? null
  if ((reason !== null && typeof reason !== "string") || (seconds !== null && typeof seconds !== "number")) {
    return answer(catcher(request, 422))
  }
  if (typeof reason === "string" && characters(reason) > 1024) {
    return answer(apiError("FailedValidation", { error: "reason: length must be at most 1024" }))
  }
  if (typeof seconds === "number" && (seconds < 0 || seconds > 604800 || !Number.isInteger(seconds))) {
    return answer(apiError("FailedValidation", { error: "delete_message_seconds: must be 0..604800" }))
  }
  const server = HashMap.get(state.servers, params[0] ?? "")
  if (Option.isNone(server)) return answer(apiError("NotFound"))
  const target = params[1] ?? ""
  if (target === caller.user.id) return answer(apiError("CannotRemoveYourself"))
  if (target === server.value.owner) return answer(apiError("InvalidOperation"))
  if (!has(serverPermissions(state, server.value, caller.user, now), Permission.BanMembers)) return missing("BanMembers")
  const key = pair(server.value.id, target)
  const member = HashMap.get(state.members, key)
  if (Option.isSome(member) && memberRank(server.value, member.value) <= actorRank(state, server.value, caller.user)) {
    return answer(apiError("NotElevated"))
  }
  // The backend's bug (reference §11.6): a second ban hits Mongo's duplicate key, a 500 DatabaseError.
  if (HashMap.has(state.bans, key)) return answer(apiError("DatabaseError", { operation: "insert_one", collection: "server_bans" }))
  const wire = { _id: { server: server.value.id, user: target }, reason }
  let next: FakeState = { ...state, bans: HashMap.set(state.bans, key, Schema.decodeUnknownSync(Ban)(wire)) }
  if (Option.isSome(member)) next = removeMember(next, member.value, now)
  if (typeof seconds === "number" && seconds > 0) {
    const since = now - seconds * 1000
    const channels = new Set<string>(server.value.channels)
    next = {
      ...next,
      messages: HashMap.map(next.messages, (messages, channel) =>
        channels.has(channel)
          ? messages.filter((message) => message.author !== target || ulidTime(message.id) < since)
          : messages)
    }
  }
  next = announce(next, server.value.id, "userBanned", target, now)
  return { state: next, response: json(200, wire) }
}

/** `DELETE /servers/{id}/bans/{user}`. */
const unban = ({ state, params, caller, now }: Context): Outcome => {
  const server = HashMap.get(state.servers, params[0] ?? "")
  if (Option.isNone(server)) return answer(apiError("NotFound"))
  if (!has(serverPermissions(state, server.value, caller.user, now), Permission.BanMembers)) return missing("BanMembers")
  const key = pair(server.value.id, params[1] ?? "")
  if (!HashMap.has(state.bans, key)) return answer(apiError("NotFound"))
  return { state: { ...state, bans: HashMap.remove(state.bans, key) }, response: noContent }
}

/** `GET /servers/{id}/bans`: the bans, and the banned users that exist. */
const fetchBans = ({ state, params, caller, now }: Context): Outcome => {
  const server = HashMap.get(state.servers, params[0] ?? "")
  if (Option.isNone(server)) return answer(apiError("NotFound"))
  if (!has(serverPermissions(state, server.value, caller.user, now), Permission.BanMembers)) return missing("BanMembers")
  const bans = [...HashMap.values(state.bans)].filter((ban) => ban.id.server === server.value.id)
  const users = bans.flatMap((ban) => Option.toArray(userById(state, ban.id.user))).map((user) => {
    const avatar = Option.getOrNull(Option.map(user.avatar, encodeFile))
    return { _id: user.id, username: user.username, discriminator: user.discriminator, avatar }
  })
  return answer(json(200, { users, bans: bans.map((ban) => Schema.encodeSync(Ban)(ban)) }))
}

export const moderationRoutes: ReadonlyArray<Route> = [
  { method: "DELETE", path: "/servers/:server/members/:member", auth: true, handle: kick },
  { method: "PUT", path: "/servers/:server/bans/:user", auth: true, body: "json", handle: ban },
  { method: "DELETE", path: "/servers/:server/bans/:user", auth: true, handle: unban },
  { method: "GET", path: "/servers/:server/bans", auth: true, handle: fetchBans }
]

