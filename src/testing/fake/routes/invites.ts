import { HashMap, Option, Schema } from "effect"
import { InviteCode, isUlid } from "../../../schema/Ids.js"
import { GroupChannel, TextChannel } from "../../../schema/Channel.js"
import { Invite, ServerInvite } from "../../../schema/Invite.js"
import { Member } from "../../../schema/Member.js"
import { type FakeState, pair } from "../FakeState.js"
import { apiError, catcher, json, noContent } from "../http.js"
import { channelPermissions, has, Permission, serverPermissions } from "../permissions.js"
import type { Context, Outcome, PublicContext, Route } from "../router.js"
import { channelJson, serverJson, userJson } from "../wire.js"
import { answer, newId, serverLimit, systemMessage, userById } from "./common.js"

const encodeInvite = Schema.encodeSync(Invite)

/**
 * What `/invites/{target}` points at (reference §10): a stored invite by code, or, for a ULID, a
 * discoverable server with channels, as a made-up invite from its owner to its first channel.
 */
const resolve = (state: FakeState, target: string): Option.Option<Invite> => {
  if (!isUlid(target)) return HashMap.get(state.invites, target)
  return HashMap.get(state.servers, target).pipe(
    Option.filter((server) => server.discoverable),
    Option.flatMap((server) =>
      Option.map(Option.fromNullable(server.channels[0]), (channel) =>
        new ServerInvite({ code: InviteCode.make(server.id), creatorId: server.owner, serverId: server.id, channelId: channel })
      )
    )
  )
}

/** `GET /invites/{target}`. */
const fetchInvite = ({ state, params, request }: PublicContext): Outcome => {
  const invite = resolve(state, params[0] ?? "")
  if (Option.isNone(invite) || invite.value._tag === "UnknownInvite") return answer(apiError("NotFound"))
  const channel = HashMap.get(state.channels, invite.value.channelId)
  const creator = userById(state, invite.value.creatorId)
  if (Option.isNone(channel) || Option.isNone(creator)) return answer(apiError("NotFound"))
  const avatar = userJson(state, creator.value, creator.value)["avatar"]
  if (invite.value._tag === "ServerInvite") {
    const server = HashMap.get(state.servers, invite.value.serverId)
    if (Option.isNone(server)) return answer(apiError("NotFound"))
    // The backend's unreachable!() for a server invite to a non-text channel: a panic, so a 500 page.
    if (!(channel.value instanceof TextChannel)) return answer(catcher(request, 500))
    const rendered = serverJson(server.value)
    return answer(json(200, {
      type: "Server",
      code: invite.value.code,
      server_id: server.value.id,
      server_name: server.value.name,
      server_icon: rendered["icon"],
      server_banner: rendered["banner"],
      server_flags: server.value.flags === 0 ? undefined : server.value.flags,
      channel_id: channel.value.id,
      channel_name: channel.value.name,
      channel_description: Option.getOrUndefined(channel.value.description),
      user_name: creator.value.username,
      user_avatar: avatar,
      member_count: [...HashMap.values(state.members)].filter((member) => member.id.server === server.value.id).length
    }))
  }
  if (!(channel.value instanceof GroupChannel)) return answer(catcher(request, 500))
  return answer(json(200, {
    type: "Group",
    code: invite.value.code,
    channel_id: channel.value.id,
    channel_name: channel.value.name,
    channel_description: Option.getOrUndefined(channel.value.description),
    user_name: creator.value.username,
    user_avatar: avatar
  }))
}

/** `POST /invites/{target}`: the checks of reference §6 in their order. */
const acceptInvite = ({ state, params, caller, now }: Context): Outcome => {
  const user = caller.user
  if (Option.isSome(user.bot)) return answer(apiError("IsBot"))
  const { count, max } = serverLimit(state, user, now)
  // The backend's off-by-one (reference §10): a user at exactly `max` servers may join one more.
  if (count > max) return answer(apiError("TooManyServers", { max }))
  const invite = resolve(state, params[0] ?? "")
  if (Option.isNone(invite) || invite.value._tag === "UnknownInvite") return answer(apiError("NotFound"))
  if (invite.value._tag === "ServerInvite") {
    const server = HashMap.get(state.servers, invite.value.serverId)
    if (Option.isNone(server)) return answer(apiError("NotFound"))
    const key = pair(server.value.id, user.id)
    if (HashMap.has(state.bans, key)) return answer(apiError("Banned"))
    if (HashMap.has(state.members, key)) return answer(apiError("AlreadyInServer"))
    // A member who left while timed out comes back with the timeout still running.
    const timeout = HashMap.get(state.departed, key).pipe(Option.flatMap((departed) => departed.timeout))
    const member = Schema.decodeUnknownSync(Member)({
      _id: { server: server.value.id, user: user.id },
      joined_at: new Date(now).toISOString(),
      timeout: Option.getOrUndefined(Option.map(timeout, (end) => end.toJSON()))
    })
    let next: FakeState = { ...state, members: HashMap.set(state.members, key, member), departed: HashMap.remove(state.departed, key) }
    const announce = server.value.systemMessages.pipe(Option.flatMap((channels) => channels.userJoined))
    if (Option.isSome(announce)) next = systemMessage(next, announce.value, { type: "user_joined", id: user.id }, now)
    const channels = server.value.channels
      .flatMap((id) => Option.toArray(HashMap.get(next.channels, id)))
      .filter((channel) => has(channelPermissions(next, channel, user, now), Permission.ViewChannel))
    return {
      state: next,
      response: json(200, { type: "Server", channels: channels.map(channelJson), server: serverJson(server.value) })
    }
  }
  const group = HashMap.get(state.channels, invite.value.channelId)
  if (Option.isNone(group) || !(group.value instanceof GroupChannel)) return answer(apiError("NotFound"))
  if (group.value.recipients.includes(user.id)) return answer(apiError("AlreadyInGroup"))
  if (group.value.recipients.length >= state.settings.groupSize) {
    return answer(apiError("GroupTooLarge", { max: state.settings.groupSize }))
  }
  const joined = new GroupChannel({ ...group.value, recipients: [...group.value.recipients, user.id] })
  let next: FakeState = { ...state, channels: HashMap.set(state.channels, joined.id, joined) }
  next = systemMessage(next, joined.id, { type: "user_added", id: user.id, by: invite.value.creatorId }, now)
  const users = joined.recipients.flatMap((id) => Option.toArray(userById(next, id))).map((member) => userJson(next, user, member))
  return { state: next, response: json(200, { type: "Group", channel: channelJson(joined), users }) }
}

/** `DELETE /invites/{target}`. */
const deleteInvite = ({ state, params, caller, now, request }: Context): Outcome => {
  const invite = resolve(state, params[0] ?? "")
  if (Option.isNone(invite) || invite.value._tag === "UnknownInvite") return answer(apiError("NotFound"))
  const remove = { state: { ...state, invites: HashMap.remove(state.invites, invite.value.code) }, response: noContent }
  if (invite.value.creatorId === caller.user.id) return remove
  if (invite.value._tag === "GroupInvite") {
    // The backend's unreachable!() for a group invite one did not create: a panic, so a 500 page.
    return answer(catcher(request, 500))
  }
  const server = HashMap.get(state.servers, invite.value.serverId)
  if (Option.isNone(server)) return answer(apiError("NotFound"))
  if (!has(serverPermissions(state, server.value, caller.user, now), Permission.ManageServer)) {
    return answer(apiError("MissingPermission", { permission: "ManageServer" }))
  }
  return remove
}

const codeAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZabcdefghjkmnpqrstvwxyz"

/** `POST /channels/{id}/invites`. */
const createInvite = ({ state, params, caller, now }: Context): Outcome => {
  if (Option.isSome(caller.user.bot)) return answer(apiError("IsBot"))
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
  const wire = channel.value instanceof TextChannel
    ? { type: "Server", _id: code, server: channel.value.server, creator: caller.user.id, channel: channel.value.id }
    : channel.value instanceof GroupChannel
    ? { type: "Group", _id: code, creator: caller.user.id, channel: channel.value.id }
    : undefined
  if (wire === undefined) return answer(apiError("InvalidOperation"))
  const invite = Schema.decodeUnknownSync(Invite)(wire)
  if (invite._tag === "UnknownInvite") return answer(apiError("InvalidOperation"))
  return { state: { ...counted, invites: HashMap.set(counted.invites, code, invite) }, response: json(200, wire) }
}

/** `GET /servers/{id}/invites`. */
const fetchServerInvites = ({ state, params, caller, now }: Context): Outcome => {
  const server = HashMap.get(state.servers, params[0] ?? "")
  if (Option.isNone(server)) return answer(apiError("NotFound"))
  if (!has(serverPermissions(state, server.value, caller.user, now), Permission.ManageServer)) {
    return answer(apiError("MissingPermission", { permission: "ManageServer" }))
  }
  const invites = [...HashMap.values(state.invites)].filter((invite) =>
    invite._tag === "ServerInvite" && invite.serverId === server.value.id
  )
  return answer(json(200, invites.map((invite) => encodeInvite(invite))))
}

export const inviteRoutes: ReadonlyArray<Route> = [
  { method: "GET", path: "/invites/:target", auth: false, handle: fetchInvite },
  { method: "POST", path: "/invites/:target", auth: true, handle: acceptInvite },
  { method: "DELETE", path: "/invites/:target", auth: true, handle: deleteInvite },
  { method: "POST", path: "/channels/:channel/invites", auth: true, handle: createInvite },
  { method: "GET", path: "/servers/:server/invites", auth: true, handle: fetchServerInvites }
]
