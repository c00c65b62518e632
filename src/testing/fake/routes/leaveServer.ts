import { HashMap, Option } from "effect"
import type { FakeState } from "../FakeState.js"
import { apiError, noContent } from "../http.js"
import type { Context, Outcome, Route } from "../router.js"
import { memberOf } from "../rules/permissions.js"
import { answer, queryBool } from "./common.js"
import { removeMember } from "./moderation.js"

/** The instance without a server and everything in it: channels, members, bans, invites, messages. */
const withoutServer = (state: FakeState, server: string, channels: ReadonlyArray<string>): FakeState => ({
  ...state,
  servers: HashMap.remove(state.servers, server),
  channels: HashMap.filter(state.channels, (_, id) => !channels.includes(id)),
  members: HashMap.filter(state.members, (member) => member._id.server !== server),
  departed: HashMap.filter(state.departed, (member) => member._id.server !== server),
  bans: HashMap.filter(state.bans, (ban) => ban._id.server !== server),
  invites: HashMap.filter(state.invites, (invite) => invite.type !== "Server" || invite.server !== server),
  messages: HashMap.filter(state.messages, (_, channel) => !channels.includes(channel))
})

/**
 * `DELETE /servers/{id}[?leave_silently=true]` (`server_delete.rs`): a member leaves (a `user_left`
 * system message unless silent); the owner deletes the server. Not a member: `NotFound`.
 */
const leaveServer = ({ state, params, caller, request, now }: Context): Outcome => {
  const server = HashMap.get(state.servers, params[0] ?? "")
  if (Option.isNone(server)) return answer(apiError("NotFound"))
  const member = memberOf(state, server.value._id, caller.user._id)
  if (Option.isNone(member)) return answer(apiError("NotFound"))
  if (server.value.owner === caller.user._id) {
    return { state: withoutServer(state, server.value._id, server.value.channels), response: noContent }
  }
  const silently = queryBool(request.query.get("leave_silently")) === true
  return { state: removeMember(state, server.value, member.value, "leave", now, silently), response: noContent }
}

export const leaveServerRoutes: ReadonlyArray<Route> = [
  { method: "DELETE", path: "/servers/:server", auth: true, handle: leaveServer }
]
