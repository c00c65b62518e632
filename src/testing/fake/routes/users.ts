import { HashMap, Option } from "effect"
import { type FakeRelation, type FakeState, pair } from "../FakeState.js"
import { apiError, catcher, json } from "../http.js"
import { solidPng } from "../png.js"
import type { ChannelRecord, UserRecord } from "../records.js"
import type { Context, Outcome, PublicContext, Route } from "../router.js"
import { has, UserPermission, userPermissions } from "../rules/permissions.js"
import { channelJson } from "../wire/channels.js"
import { userJson } from "../wire/users.js"
import { answer, isMember, newId, userById } from "./common.js"

/** How `a` sees `b`, as the backend's `relationship_with` answers: `User` for oneself. */
const relationship = (state: FakeState, a: string, b: string): FakeRelation | "User" | "None" =>
  a === b ? "User" : Option.getOrElse(HashMap.get(state.relations, pair(a, b)), () => "None" as const)

/** Records how `a` sees `b` and `b` sees `a`; `None` removes the record. */
const relate = (state: FakeState, a: string, b: string, ab: FakeRelation | "None", ba: FakeRelation | "None"): FakeState => {
  const set = (relations: FakeState["relations"], key: string, status: FakeRelation | "None") =>
    status === "None" ? HashMap.remove(relations, key) : HashMap.set(relations, key, status)
  return { ...state, relations: set(set(state.relations, pair(a, b), ab), pair(b, a), ba) }
}

/** The target user and the caller's user permissions toward them, or `NotFound`. */
const withTarget = (state: FakeState, caller: UserRecord, id: string, then: (target: UserRecord, permissions: number) => Outcome): Outcome =>
  Option.match(userById(state, id), {
    onNone: () => answer(apiError("NotFound")),
    onSome: (target) => then(target, userPermissions(state, caller, target))
  })

const lacking = (permission: keyof typeof UserPermission) => answer(apiError("MissingPermission", { permission }))

/** `GET /users/{id}`: yourself in full (with your relations), anyone else if you have `Access` to them. */
const fetchUser = ({ state, params, caller }: Context): Outcome => {
  const id = params[0] ?? ""
  if (id === caller.user._id) return answer(json(200, userJson(state, caller.user, caller.user)))
  return withTarget(state, caller.user, id, (target, permissions) =>
    has(permissions, UserPermission.Access) ? answer(json(200, userJson(state, caller.user, target))) : lacking("Access"))
}

/** `GET /users/{id}/profile`: `{}` when there is none; yours always, others' with `ViewProfile`. */
const fetchProfile = ({ state, params, caller }: Context): Outcome => {
  const id = params[0] ?? ""
  const render = (user: UserRecord) => {
    const profile = Option.map(HashMap.get(state.accounts, user._id), (account) => account.profile)
    return answer(json(200, {
      content: Option.getOrUndefined(Option.flatMap(profile, (profile) => Option.fromNullable(profile.content))),
      background: Option.getOrUndefined(Option.flatMap(profile, (profile) => Option.fromNullable(profile.background)))
    }))
  }
  if (id === caller.user._id) return render(caller.user)
  return withTarget(state, caller.user, id, (target, permissions) =>
    has(permissions, UserPermission.ViewProfile) ? render(target) : lacking("ViewProfile"))
}

/** `GET /users/{id}/flags` (no auth): an unknown user has flags 0, never a 404. */
const fetchFlags = ({ state, params }: PublicContext): Outcome =>
  answer(json(200, { flags: Option.match(userById(state, params[0] ?? ""), { onNone: () => 0, onSome: (user) => user.flags }) }))

/** The backend's seven default avatars, as solid squares of their own colours. */
const avatars = [
  solidPng(16, [0xed, 0x6a, 0x5e]),
  solidPng(16, [0xf6, 0xad, 0x55]),
  solidPng(16, [0xf6, 0xe0, 0x5e]),
  solidPng(16, [0x48, 0xbb, 0x78]),
  solidPng(16, [0x42, 0x99, 0xe1]),
  solidPng(16, [0x9f, 0x7a, 0xea]),
  solidPng(16, [0xed, 0x64, 0xa6])
] as const

/** Which avatar (1 to 7) the backend picks for the last character of the target. */
const avatarIndex = (last: string) => {
  if ("0123SZ".includes(last)) return 2
  if ("4567T".includes(last)) return 3
  if ("89AB".includes(last)) return 4
  if ("CDEFV".includes(last)) return 5
  if ("GHJKW".includes(last)) return 6
  if ("MNPQX".includes(last)) return 7
  return 1
}

/** `GET /users/{id}/default_avatar` (no auth): a PNG picked by the last character of any segment. */
const defaultAvatar = ({ params, request }: PublicContext): Outcome => {
  const last = [...(params[0] ?? "")].at(-1)
  // Rocket does not match an empty segment: the request finds no route.
  if (last === undefined) return answer(catcher(request, 404))
  const bytes = avatars[avatarIndex(last) - 1] ?? avatars[0]
  return answer({
    status: 200,
    headers: { "content-type": "image/png", "cache-control": "public, max-age=31536000, immutable" },
    body: "",
    bytes
  })
}

/** `GET /users/{id}/mutual`: shared friends, servers, and groups and DMs; not for yourself. */
const fetchMutual = ({ state, params, caller }: Context): Outcome => {
  const id = params[0] ?? ""
  if (id === caller.user._id) return answer(apiError("InvalidOperation"))
  return withTarget(state, caller.user, id, (target, permissions) => {
    if (!has(permissions, UserPermission.ViewProfile)) return lacking("ViewProfile")
    const me = caller.user._id
    const friendOf = (user: string, of: string) => Option.contains(HashMap.get(state.relations, pair(user, of)), "Friend")
    const users = [...HashMap.keys(state.accounts)].filter((user) => friendOf(user, me) && friendOf(user, target._id))
    const servers = [...HashMap.keys(state.servers)].filter((server) => isMember(state, server, me) && isMember(state, server, target._id))
    const channels = [...HashMap.values(state.channels)]
      .filter((channel) =>
        (channel.channel_type === "Group" || channel.channel_type === "DirectMessage") &&
        channel.recipients.includes(me) && channel.recipients.includes(target._id)
      )
      .map((channel) => channel._id)
    return answer(json(200, { users: users.sort(), servers: servers.sort(), channels: [...channels].sort() }))
  })
}

/**
 * `GET /users/{id}/dm`: the DM with the target, reused or created (active); your saved messages,
 * created if needed, for yourself. Needs `SendMessage` toward them: friends, or a bot on one side.
 */
const openDm = ({ state, params, caller, now }: Context): Outcome =>
  withTarget(state, caller.user, params[0] ?? "", (target, permissions) => {
    if (!has(permissions, UserPermission.SendMessage)) return lacking("SendMessage")
    const me = caller.user._id
    const existing = [...HashMap.values(state.channels)].find((channel) =>
      me === target._id
        ? channel.channel_type === "SavedMessages" && channel.user === me
        : channel.channel_type === "DirectMessage" && channel.recipients.includes(me) && channel.recipients.includes(target._id)
    )
    if (existing !== undefined) return answer(json(200, channelJson(existing)))
    const [id, counted] = newId(state, now)
    const channel: ChannelRecord = me === target._id
      ? { channel_type: "SavedMessages", _id: id, user: me }
      : { channel_type: "DirectMessage", _id: id, active: true, recipients: [me, target._id] }
    return { state: { ...counted, channels: HashMap.set(counted.channels, id, channel) }, response: json(200, channelJson(channel)) }
  })

/** `DELETE /users/{id}/friend`: removes a friend, or denies or cancels a request; humans only. */
const removeFriend = ({ state, params, caller }: Context): Outcome =>
  withTarget(state, caller.user, params[0] ?? "", (target) => {
    if (caller.user.bot !== undefined || target.bot !== undefined) return answer(apiError("IsBot"))
    const status = relationship(state, caller.user._id, target._id)
    if (status !== "Friend" && status !== "Outgoing" && status !== "Incoming") return answer(apiError("NoEffect"))
    const next = relate(state, caller.user._id, target._id, "None", "None")
    return { state: next, response: json(200, userJson(next, caller.user, target)) }
  })

/** `PUT /users/{id}/block`: blocks anyone but yourself, bots included; blocking back makes both `Blocked`. */
const block = ({ state, params, caller }: Context): Outcome =>
  withTarget(state, caller.user, params[0] ?? "", (target) => {
    const status = relationship(state, caller.user._id, target._id)
    if (status === "User" || status === "Blocked") return answer(apiError("NoEffect"))
    const next = relate(state, caller.user._id, target._id, "Blocked", status === "BlockedOther" ? "Blocked" : "BlockedOther")
    return { state: next, response: json(200, userJson(next, caller.user, target)) }
  })

/** `DELETE /users/{id}/block`: unblocks; if they block you too you stay `BlockedOther`. */
const unblock = ({ state, params, caller }: Context): Outcome =>
  withTarget(state, caller.user, params[0] ?? "", (target) => {
    if (relationship(state, caller.user._id, target._id) !== "Blocked") return answer(apiError("NoEffect"))
    const theirs = relationship(state, target._id, caller.user._id)
    // The backend's InternalError when the two sides of the pair disagree.
    if (theirs !== "Blocked" && theirs !== "BlockedOther") return answer(apiError("InternalError"))
    const next = theirs === "Blocked"
      ? relate(state, caller.user._id, target._id, "BlockedOther", "Blocked")
      : relate(state, caller.user._id, target._id, "None", "None")
    return { state: next, response: json(200, userJson(next, caller.user, target)) }
  })

export const userRoutes: ReadonlyArray<Route> = [
  { method: "GET", path: "/users/:user", auth: true, handle: fetchUser },
  { method: "GET", path: "/users/:user/profile", auth: true, handle: fetchProfile },
  { method: "GET", path: "/users/:user/flags", auth: false, handle: fetchFlags },
  { method: "GET", path: "/users/:user/default_avatar", auth: false, handle: defaultAvatar },
  { method: "GET", path: "/users/:user/mutual", auth: true, handle: fetchMutual },
  { method: "GET", path: "/users/:user/dm", auth: true, handle: openDm },
  { method: "DELETE", path: "/users/:user/friend", auth: true, handle: removeFriend },
  { method: "PUT", path: "/users/:user/block", auth: true, handle: block },
  { method: "DELETE", path: "/users/:user/block", auth: true, handle: unblock }
]
