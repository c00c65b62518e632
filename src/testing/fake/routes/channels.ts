import { Either, HashMap, Option, Schema } from "effect"
import { pair } from "../FakeState.js"
import { apiError, json, noContent } from "../http.js"
import type { Context, Outcome, Route } from "../router.js"
import { channelPermissions, has, Permission } from "../rules/permissions.js"
import { channelJson } from "../wire/channels.js"
import { answer, decodeBody, livekitUrl, nullable } from "./common.js"

/** `GET /channels/{id}`, for every channel the caller can view. */
const fetchChannel = ({ state, params, caller, now }: Context): Outcome => {
  const channel = HashMap.get(state.channels, params[0] ?? "")
  if (Option.isNone(channel)) return answer(apiError("NotFound"))
  if (!has(channelPermissions(state, channel.value, caller.user, now), Permission.ViewChannel)) {
    return answer(apiError("MissingPermission", { permission: "ViewChannel" }))
  }
  return answer(json(200, channelJson(channel.value)))
}

/** `PUT /channels/{id}/ack/{message}`: whatever string it is given is stored as the last-read marker; user accounts only. */
const ack = ({ state, params, caller, now }: Context): Outcome => {
  if (caller.user.bot !== undefined) return answer(apiError("IsBot"))
  const channel = HashMap.get(state.channels, params[0] ?? "")
  if (Option.isNone(channel)) return answer(apiError("NotFound"))
  if (!has(channelPermissions(state, channel.value, caller.user, now), Permission.ViewChannel)) {
    return answer(apiError("MissingPermission", { permission: "ViewChannel" }))
  }
  return {
    state: { ...state, reads: HashMap.set(state.reads, pair(caller.user._id, channel.value._id), params[1] ?? "") },
    response: noContent
  }
}

/** `DataJoinCall` as serde reads it. */
const JoinCallBody = Schema.Struct({
  node: nullable(Schema.String),
  force_disconnect: nullable(Schema.Boolean),
  recipients: nullable(Schema.Array(Schema.String))
})

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url")

/** A JWT-shaped LiveKit token, not signed: what a test can read back. */
const livekitToken = (user: string, channel: string, node: string, permissions: number) =>
  `${base64url({ alg: "none", typ: "JWT" })}.${base64url({ iss: "effect-stoat-fake", sub: user, node, video: { room: channel, roomJoin: true }, permissions })}.fake`

/**
 * `POST /channels/{id}/join_call`: the checks of reference §8 in their order. The fake counts the
 * caller as connected at once, as if the client had used the token (LiveKit tells the backend later).
 */
const joinCall = ({ state, params, caller, now, body, request }: Context): Outcome => {
  const decoded = decodeBody(JoinCallBody, body, request)
  if (Either.isLeft(decoded)) return answer(decoded.left)
  const data = decoded.right
  if (!state.settings.voice) return answer(apiError("LiveKitUnavailable"))
  const user = caller.user
  if (user.bot !== undefined && data.force_disconnect === true) return answer(apiError("IsBot"))
  const channel = HashMap.get(state.channels, params[0] ?? "")
  if (Option.isNone(channel)) return answer(apiError("NotFound"))
  // DMs and groups always carry voice, without a user limit; a server channel only with `voice`.
  const maxUsers = channel.value.channel_type === "DirectMessage" || channel.value.channel_type === "Group"
    ? Option.some(Option.none<number>())
    : channel.value.channel_type === "TextChannel"
    ? Option.map(Option.fromNullable(channel.value.voice), (voice) => Option.fromNullable(voice.max_users))
    : Option.none()
  if (Option.isNone(maxUsers)) return answer(apiError("NotAVoiceChannel"))
  const permissions = channelPermissions(state, channel.value, user, now)
  if (!has(permissions, Permission.Connect)) return answer(apiError("MissingPermission", { permission: "Connect" }))
  const id = channel.value._id
  const connected = [...HashMap.values(state.voice)].filter((inCall) => inCall === id).length
  if (Option.exists(maxUsers.value, (max) => connected >= max) && !has(permissions, Permission.ManageChannel)) {
    return answer(apiError("CannotJoinCall"))
  }
  const running = HashMap.get(state.voiceNodes, id)
  const node = Option.orElse(running, () => Option.fromNullable(data.node))
  if (Option.isNone(node) || !state.settings.livekitNodes.includes(node.value)) return answer(apiError("UnknownNode"))
  const current = HashMap.get(state.voice, user._id)
  if (data.force_disconnect !== true) {
    // A bot may be in many calls, just not twice in one; a user in one call at most.
    const busy = user.bot !== undefined ? Option.contains(current, id) : Option.isSome(current)
    if (busy) return answer(apiError("AlreadyConnected"))
  }
  return {
    state: {
      ...state,
      voice: HashMap.set(state.voice, user._id, id),
      voiceNodes: Option.isSome(running) ? state.voiceNodes : HashMap.set(state.voiceNodes, id, node.value)
    },
    response: json(200, { token: livekitToken(user._id, id, node.value, permissions), url: livekitUrl(node.value) })
  }
}

export const channelRoutes: ReadonlyArray<Route> = [
  { method: "GET", path: "/channels/:channel", auth: true, handle: fetchChannel },
  { method: "PUT", path: "/channels/:channel/ack/:message", auth: true, handle: ack },
  { method: "POST", path: "/channels/:channel/join_call", auth: true, body: "json", handle: joinCall }
]
