import { HashMap, Option, Order } from "effect"
import { apiError, json } from "../http.js"
import type { Context, Outcome, Route } from "../router.js"
import { channelPermissions, has, memberOf, Permission } from "../rules/permissions.js"
import { channelJson } from "../wire/channels.js"
import type { Json } from "../wire/json.js"
import { memberJson, roleJson, serverJson } from "../wire/servers.js"
import { userJson } from "../wire/users.js"
import { answer, queryBool, userById } from "./common.js"

/**
 * The server, if the caller is a member: the backend answers NotFound to anyone else, privileged
 * users and owners who left included (`are_we_a_member`).
 */
const memberServer = ({ state, params, caller }: Context) =>
  HashMap.get(state.servers, params[0] ?? "").pipe(
    Option.filter((server) => Option.isSome(memberOf(state, server._id, caller.user._id)))
  )

/** The database error of a member whose document lost its `joined_at` (`remove: ["JoinedAt"]`). */
const unreadable = (operation: string) => answer(apiError("DatabaseError", { operation, collection: "server_members" }))

/** `GET /servers/{id}`: with `include_channels`, the channel ids become the channels the caller can see. */
const fetchServer = (context: Context): Outcome => {
  const { state, caller, request, now } = context
  const includeChannels = queryBool(request.query.get("include_channels"))
  const server = memberServer(context)
  if (Option.isNone(server)) return answer(apiError("NotFound"))
  if (includeChannels !== true) return answer(json(200, serverJson(state, server.value)))
  const channels = server.value.channels
    .flatMap((id) => Option.toArray(HashMap.get(state.channels, id)))
    .filter((channel) => has(channelPermissions(state, channel, caller.user, now), Permission.ViewChannel))
  // The backend flattens the server and adds `channels`, whose key then wins over the server's ids.
  return answer(json(200, { ...serverJson(state, server.value), channels: channels.map(channelJson) }))
}

/** `GET /servers/{id}/members`: members and users, both sorted by user id. */
const fetchMembers = (context: Context): Outcome => {
  const { state, caller, request } = context
  const excludeOffline = queryBool(request.query.get("exclude_offline"))
  const server = memberServer(context)
  if (Option.isNone(server)) return answer(apiError("NotFound"))
  const members = [...HashMap.values(state.members)].filter((member) => member._id.server === server.value._id)
  if (members.some((member) => member.joined_at === undefined)) return unreadable("find")
  const rows = members
    .flatMap((member) => Option.toArray(Option.map(userById(state, member._id.user), (user) => ({ member, user }))))
    .map(({ member, user }) => ({ member, user: userJson(state, caller.user, user) }))
    .filter(({ user }) => excludeOffline !== true || user["online"] === true)
    .sort(Order.mapInput(Order.string, ({ member }) => member._id.user))
  return answer(json(200, { members: rows.map(({ member }) => memberJson(member)), users: rows.map(({ user }) => user) }))
}

/** `GET /servers/{id}/members/{user}`: the member, and with `roles=true` the roles they hold. */
const fetchMember = (context: Context): Outcome => {
  const { state, params, request } = context
  const withRoles = queryBool(request.query.get("roles"))
  const server = memberServer(context)
  if (Option.isNone(server)) return answer(apiError("NotFound"))
  const member = memberOf(state, server.value._id, params[1] ?? "")
  if (Option.isNone(member)) return answer(apiError("NotFound"))
  if (member.value.joined_at === undefined) return unreadable("find_one")
  if (withRoles !== true) return answer(json(200, memberJson(member.value)))
  const roles: Json = {}
  for (const [id, role] of Object.entries(server.value.roles)) {
    if (member.value.roles.includes(id)) roles[id] = roleJson(role)
  }
  return answer(json(200, { member: memberJson(member.value), roles }))
}

export const serverRoutes: ReadonlyArray<Route> = [
  { method: "GET", path: "/servers/:server", auth: true, handle: fetchServer },
  { method: "GET", path: "/servers/:server/members", auth: true, handle: fetchMembers },
  { method: "GET", path: "/servers/:server/members/:member", auth: true, handle: fetchMember }
]
