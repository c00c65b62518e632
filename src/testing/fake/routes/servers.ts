import { HashMap, Option, Order, Schema } from "effect"
import { Role } from "../../../schema/Server.js"
import { type FakeState, pair } from "../FakeState.js"
import { apiError, json } from "../http.js"
import { channelPermissions, has, Permission } from "../permissions.js"
import type { Context, Outcome, Route } from "../router.js"
import { channelJson, memberJson, serverJson, userJson } from "../wire.js"
import { answer, queryBool, userById } from "./common.js"

const encodeRole = Schema.encodeSync(Role)

/** The server, if the caller may see it: the backend answers NotFound to non-members. */
const visibleServer = (state: FakeState, id: string, caller: Context["caller"]) =>
  HashMap.get(state.servers, id).pipe(
    Option.filter((server) => caller.user.privileged || HashMap.has(state.members, pair(server.id, caller.user.id)))
  )

/** `GET /servers/{id}`: with `include_channels`, the channel ids become the channels the caller can see. */
const fetchServer = ({ state, params, caller, request, now }: Context): Outcome => {
  const includeChannels = queryBool(request.query.get("include_channels"))
  const server = visibleServer(state, params[0] ?? "", caller)
  if (Option.isNone(server)) return answer(apiError("NotFound"))
  if (includeChannels !== true) return answer(json(200, serverJson(server.value)))
  const channels = server.value.channels
    .flatMap((id) => Option.toArray(HashMap.get(state.channels, id)))
    .filter((channel) => has(channelPermissions(state, channel, caller.user, now), Permission.ViewChannel))
  // The backend flattens the server and adds `channels`, whose key then wins over the server's ids.
  return answer(json(200, { ...serverJson(server.value), channels: channels.map(channelJson) }))
}

/** `GET /servers/{id}/members`: members and users, both sorted by user id. */
const fetchMembers = ({ state, params, caller, request }: Context): Outcome => {
  const excludeOffline = queryBool(request.query.get("exclude_offline"))
  const server = visibleServer(state, params[0] ?? "", caller)
  if (Option.isNone(server)) return answer(apiError("NotFound"))
  const rows = [...HashMap.values(state.members)]
    .filter((member) => member.id.server === server.value.id)
    .flatMap((member) => Option.toArray(Option.map(userById(state, member.id.user), (user) => ({ member, user }))))
    .map(({ member, user }) => ({ member, user: userJson(state, caller.user, user) }))
    .filter(({ user }) => excludeOffline !== true || user["online"] === true)
    .sort(Order.mapInput(Order.string, ({ member }) => member.id.user))
  return answer(json(200, { members: rows.map(({ member }) => memberJson(member)), users: rows.map(({ user }) => user) }))
}

/** `GET /servers/{id}/members/{user}`: the member, and with `roles=true` the roles they hold. */
const fetchMember = ({ state, params, caller, request }: Context): Outcome => {
  const withRoles = queryBool(request.query.get("roles"))
  const server = visibleServer(state, params[0] ?? "", caller)
  if (Option.isNone(server)) return answer(apiError("NotFound"))
  const member = HashMap.get(state.members, pair(server.value.id, params[1] ?? ""))
  if (Option.isNone(member)) return answer(apiError("NotFound"))
  if (withRoles !== true) return answer(json(200, memberJson(member.value)))
  const roles: Record<string, unknown> = {}
  for (const id of member.value.roles) {
    const role = server.value.roles[id]
    if (role !== undefined) roles[id] = encodeRole(role)
  }
  return answer(json(200, { member: memberJson(member.value), roles }))
}

export const serverRoutes: ReadonlyArray<Route> = [
  { method: "GET", path: "/servers/:server", auth: true, handle: fetchServer },
  { method: "GET", path: "/servers/:server/members", auth: true, handle: fetchMembers },
  { method: "GET", path: "/servers/:server/members/:member", auth: true, handle: fetchMember }
]
