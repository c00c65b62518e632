import { HashMap, Option } from "effect"
import { isUlid } from "../../../schema/Ids.js"
import { type FakeState, pair } from "../FakeState.js"
import { apiError, catcher, json, noContent } from "../http.js"
import type { InviteRecord } from "../records.js"
import type { Context, Outcome, PublicContext, Route } from "../router.js"
import { channelPermissions, has, Permission, serverPermissions } from "../rules/permissions.js"
import { channelJson } from "../wire/channels.js"
import { memberCount, serverJson } from "../wire/servers.js"
import { userJson } from "../wire/users.js"
import { answer, newId, serverLimit, systemMessage, userById } from "./common.js"

/**
 * What `/invites/{target}` points at (reference §10): a stored invite by code, or, for a ULID, a
 * discoverable server with channels, as a made-up invite from its owner to its first channel.
 */
const resolve = (state: FakeState, target: string): Option.Option<InviteRecord> => {
  if (!isUlid(target)) return HashMap.get(state.invites, target)
  return HashMap.get(state.servers, target).pipe(
    Option.filter((server) => server.discoverable),
    Option.flatMap((server) =>
      Option.map(Option.fromNullable(server.channels[0]), (channel): InviteRecord => ({
        type: "Server",
        _id: server._id,
        creator: server.owner,
        server: server._id,
        channel
      }))
    )
  )
}

/** `GET /invites/{target}`. */
const fetchInvite = ({ state, params, request }: PublicContext): Outcome => {
  const invite = resolve(state, params[0] ?? "")
  if (Option.isNone(invite)) return answer(apiError("NotFound"))
  const channel = HashMap.get(state.channels, invite.value.channel)
  const creator = userById(state, invite.value.creator)
  if (Option.isNone(channel) || Option.isNone(creator)) return answer(apiError("NotFound"))
  const avatar = creator.value.avatar
  if (invite.value.type === "Server") {
    const server = HashMap.get(state.servers, invite.value.server)
    if (Option.isNone(server)) return answer(apiError("NotFound"))
    // The backend's unreachable!() for a server invite to a non-text channel: a panic, so a 500 page.
    if (channel.value.channel_type !== "TextChannel") return answer(catcher(request, 500))
    return answer(json(200, {
      type: "Server",
      code: invite.value._id,
      server_id: server.value._id,
      server_name: server.value.name,
      server_icon: server.value.icon,
      server_banner: server.value.banner,
      server_flags: server.value.flags === 0 ? undefined : server.value.flags,
      channel_id: channel.value._id,
      channel_name: channel.value.name,
      channel_description: channel.value.description,
      user_name: creator.value.username,
      user_avatar: avatar,
      member_count: memberCount(state, server.value._id)
    }))
  }
  if (channel.value.channel_type !== "Group") return answer(catcher(request, 500))
  return answer(json(200, {
    type: "Group",
    code: invite.value._id,
    channel_id: channel.value._id,
    channel_name: channel.value.name,
    channel_description: channel.value.description,
    user_name: creator.value.username,
    user_avatar: avatar
  }))
}

/** `POST /invites/{target}`: the checks of reference §6 in their order. */
const acceptInvite = ({ state, params, caller, now }: Context): Outcome => {
  const user = caller.user
  if (user.bot !== undefined) return answer(apiError("IsBot"))
  const { count, max } = serverLimit(state, user, now)
  // The backend's off-by-one (reference §10): a user at exactly `max` servers may join one more.
  if (count > max) return answer(apiError("TooManyServers", { max }))
  const invite = resolve(state, params[0] ?? "")
  if (Option.isNone(invite)) return answer(apiError("NotFound"))
  if (invite.value.type === "Server") {
    const server = HashMap.get(state.servers, invite.value.server)
    if (Option.isNone(server)) return answer(apiError("NotFound"))
    const key = pair(server.value._id, user._id)
    if (HashMap.has(state.bans, key)) return answer(apiError("Banned"))
    if (HashMap.has(state.members, key)) return answer(apiError("AlreadyInServer"))
    // A member who left while timed out comes back with the timeout still running.
    const timeout = HashMap.get(state.departed, key).pipe(Option.flatMap((departed) => Option.fromNullable(departed.timeout)))
    const member = {
      _id: { server: server.value._id, user: user._id },
      joined_at: now,
      timeout: Option.getOrUndefined(timeout),
      roles: [],
      can_publish: true,
      can_receive: true
    }
    let next: FakeState = { ...state, members: HashMap.set(state.members, key, member), departed: HashMap.remove(state.departed, key) }
    const announce = server.value.system_messages?.user_joined
    if (announce !== undefined) next = systemMessage(next, announce, { type: "user_joined", id: user._id }, now)
    const channels = server.value.channels
      .flatMap((id) => Option.toArray(HashMap.get(next.channels, id)))
      .filter((channel) => has(channelPermissions(next, channel, user, now), Permission.ViewChannel))
    return {
      state: next,
      response: json(200, { type: "Server", channels: channels.map(channelJson), server: serverJson(next, server.value) })
    }
  }
  const group = HashMap.get(state.channels, invite.value.channel)
  if (Option.isNone(group) || group.value.channel_type !== "Group") return answer(apiError("NotFound"))
  if (group.value.recipients.includes(user._id)) return answer(apiError("AlreadyInGroup"))
  if (group.value.recipients.length >= state.settings.groupSize) {
    return answer(apiError("GroupTooLarge", { max: state.settings.groupSize }))
  }
  const joined = { ...group.value, recipients: [...group.value.recipients, user._id] }
  let next: FakeState = { ...state, channels: HashMap.set(state.channels, joined._id, joined) }
  next = systemMessage(next, joined._id, { type: "user_added", id: user._id, by: invite.value.creator }, now)
  const users = joined.recipients.flatMap((id) => Option.toArray(userById(next, id))).map((member) => userJson(next, user, member))
  return { state: next, response: json(200, { type: "Group", channel: channelJson(joined), users }) }
}

/** `DELETE /invites/{target}`. */
const deleteInvite = ({ state, params, caller, now, request }: Context): Outcome => {
  const invite = resolve(state, params[0] ?? "")
  if (Option.isNone(invite)) return answer(apiError("NotFound"))
  const remove = { state: { ...state, invites: HashMap.remove(state.invites, invite.value._id) }, response: noContent }
  if (invite.value.creator === caller.user._id) return remove
  if (invite.value.type === "Group") {
    // The backend's unreachable!() for a group invite one did not create: a panic, so a 500 page.
    return answer(catcher(request, 500))
  }
  const server = HashMap.get(state.servers, invite.value.server)
  if (Option.isNone(server)) return answer(apiError("NotFound"))
  if (!has(serverPermissions(state, server.value, caller.user, now), Permission.ManageServer)) {
    return answer(apiError("MissingPermission", { permission: "ManageServer" }))
  }
  return remove
}

const codeAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZabcdefghjkmnpqrstvwxyz"

/** `POST /channels/{id}/invites`. */
const createInvite = ({ state, params, caller, now }: Context): Outcome => {
  if (caller.user.bot !== undefined) return answer(apiError("IsBot"))
  const channel = HashMap.get(state.channels, params[0] ?? "")
  if (Option.isNone(channel)) return answer(apiError("NotFound"))
  if (!has(channelPermissions(state, channel.value, caller.user, now), Permission.InviteOthers)) {
    return answer(apiError("MissingPermission", { permission: "InviteOthers" }))
  }
  const [, counted] = newId(state, now)
  let code = ""
  for (let value = counted.sequence * 7919n + 104729n; code.length < 8; value /= 54n) {
    code += codeAlphabet[Number(value % 54n)]
  }
  const invite: InviteRecord | undefined = channel.value.channel_type === "TextChannel"
    ? { type: "Server", _id: code, server: channel.value.server, creator: caller.user._id, channel: channel.value._id }
    : channel.value.channel_type === "Group"
    ? { type: "Group", _id: code, creator: caller.user._id, channel: channel.value._id }
    : undefined
  if (invite === undefined) return answer(apiError("InvalidOperation"))
  return { state: { ...counted, invites: HashMap.set(counted.invites, code, invite) }, response: json(200, { ...invite }) }
}

/** `GET /servers/{id}/invites`. */
const fetchServerInvites = ({ state, params, caller, now }: Context): Outcome => {
  const server = HashMap.get(state.servers, params[0] ?? "")
  if (Option.isNone(server)) return answer(apiError("NotFound"))
  if (!has(serverPermissions(state, server.value, caller.user, now), Permission.ManageServer)) {
    return answer(apiError("MissingPermission", { permission: "ManageServer" }))
  }
  const invites = [...HashMap.values(state.invites)].filter((invite) => invite.type === "Server" && invite.server === server.value._id)
  return answer(json(200, invites.map((invite) => ({ ...invite }))))
}

export const inviteRoutes: ReadonlyArray<Route> = [
  { method: "GET", path: "/invites/:target", auth: false, handle: fetchInvite },
  { method: "POST", path: "/invites/:target", auth: true, handle: acceptInvite },
  { method: "DELETE", path: "/invites/:target", auth: true, audit: true, handle: deleteInvite },
  { method: "POST", path: "/channels/:channel/invites", auth: true, audit: true, handle: createInvite },
  { method: "GET", path: "/servers/:server/invites", auth: true, handle: fetchServerInvites }
]
