import { Equal, HashMap, Option, Predicate, Schema } from "effect"
import { Channel } from "../../schema/Channel.js"
import { Member } from "../../schema/Member.js"
import { Server } from "../../schema/Server.js"
import { User } from "../../schema/User.js"
import { type FakeState, pair } from "./FakeState.js"
import { has, UserPermission, userPermissions } from "./permissions.js"

type Json = Record<string, unknown>

const isEmpty = (value: unknown) =>
  (Array.isArray(value) && value.length === 0) ||
  (typeof value === "object" && value !== null && !Array.isArray(value) && Object.keys(value).length === 0)

/** Drops the keys the backend leaves out when they hold their default. */
const omitDefaults = (json: Json, defaults: Readonly<Record<string, unknown>>): Json => {
  const result: Json = { ...json }
  for (const [key, fallback] of Object.entries(defaults)) {
    const value = result[key]
    if (value === fallback || (isEmpty(fallback) && isEmpty(value))) delete result[key]
  }
  return result
}

const encodeMember = Schema.encodeSync(Member)
const encodeUser = Schema.encodeSync(User)
const encodeServer = Schema.encodeSync(Server)
const encodeChannel = Schema.encodeSync(Channel)

/** A member as the backend serializes it. */
export const memberJson = (member: Member): Json =>
  omitDefaults(encodeMember(member), { roles: [], can_publish: true, can_receive: true })

/** A server as the backend serializes it. */
export const serverJson = (server: Server): Json => {
  const json = omitDefaults(encodeServer(server), { flags: 0, nsfw: false, analytics: false, discoverable: false })
  const roles: Json = {}
  for (const [id, role] of Object.entries(Predicate.isRecord(json["roles"]) ? json["roles"] : {})) {
    roles[id] = Predicate.isRecord(role) ? omitDefaults(role, { hoist: false }) : role
  }
  return { ...json, roles }
}

/** A channel as the backend serializes it. */
export const channelJson = (channel: Channel): Json =>
  omitDefaults(encodeChannel(channel), { nsfw: false, role_permissions: {} })

/** A user as `viewer` sees them: relationship, presence and status depend on who asks. */
export const userJson = (state: FakeState, viewer: User, user: User): Json => {
  const self = viewer.id === user.id
  const canSeeProfile = has(userPermissions(state, viewer, user), UserPermission.ViewProfile)
  const invisible = Option.exists(user.status, (status) => Option.exists(status.presence, (presence) => Equal.equals(presence, "Invisible")))
  const relationship = self
    ? "User"
    : Option.isSome(user.bot) ? "None" : Option.getOrElse(HashMap.get(state.relations, pair(viewer.id, user.id)), () => "None")
  const relations = self
    ? [...HashMap.entries(state.relations)]
      .filter(([key]) => key.startsWith(`${user.id}/`))
      .map(([key, status]) => ({ _id: key.slice(user.id.length + 1), status }))
    : []
  const json = omitDefaults(encodeUser(user), { badges: 0, flags: 0, privileged: false, relations: [] })
  const status = Predicate.isRecord(json["status"]) ? json["status"] : undefined
  const visibleStatus = status === undefined || !canSeeProfile
    ? undefined
    : omitDefaults(invisible ? { ...status, presence: undefined } : status, {})
  const result: Json = {
    ...json,
    relationship,
    online: canSeeProfile && !invisible && user.online,
    ...(relations.length > 0 ? { relations } : {})
  }
  delete result["status"]
  if (visibleStatus !== undefined && (visibleStatus["text"] !== undefined || visibleStatus["presence"] !== undefined)) {
    result["status"] = Object.fromEntries(Object.entries(visibleStatus).filter(([, value]) => value !== undefined))
  }
  return result
}
