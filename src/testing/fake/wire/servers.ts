import { HashMap } from "effect"
import type { FakeState } from "../FakeState.js"
import type { BanRecord, MemberRecord, RoleRecord, ServerRecord } from "../records.js"
import { ifAny, ifNonZero, ifTrue, iso, type Json, present } from "./json.js"

/** A role as the backend serializes it (`v0::Role`): `hoist` only when true, `rank` always. */
export const roleJson = (role: RoleRecord): Json =>
  present({
    _id: role._id,
    name: role.name,
    permissions: { a: role.permissions.a, d: role.permissions.d },
    colour: role.colour,
    hoist: ifTrue(role.hoist),
    rank: role.rank,
    icon: role.icon
  })

/** How many members a server has: the backend counts them (and caches the count for an hour). */
export const memberCount = (state: FakeState, server: string): number =>
  [...HashMap.values(state.members)].filter((member) => member._id.server === server).length

/** A server as the backend serializes it (`v0::Server`): no `roles` key when there are none. */
export const serverJson = (state: FakeState, server: ServerRecord): Json => {
  const roles = Object.entries(server.roles)
  return present({
    _id: server._id,
    owner: server.owner,
    name: server.name,
    description: server.description,
    channels: [...server.channels],
    system_messages: server.system_messages === undefined ? undefined : present({ ...server.system_messages }),
    roles: roles.length === 0 ? undefined : Object.fromEntries(roles.map(([id, role]) => [id, roleJson(role)])),
    default_permissions: server.default_permissions,
    icon: server.icon,
    banner: server.banner,
    flags: ifNonZero(server.flags),
    nsfw: ifTrue(server.nsfw),
    analytics: ifTrue(server.analytics),
    discoverable: ifTrue(server.discoverable),
    approximate_member_count: memberCount(state, server._id)
  })
}

/**
 * A member as the backend serializes it (`v0::Member`): `roles` only when any, `can_publish` and
 * `can_receive` only when false. `joinedAt` stands in for a `joined_at` the database lost (the
 * in-memory member a route answers with still has it).
 */
export const memberJson = (member: MemberRecord, joinedAt = member.joined_at ?? 0): Json =>
  present({
    _id: { server: member._id.server, user: member._id.user },
    joined_at: iso(joinedAt),
    nickname: member.nickname,
    pronouns: member.pronouns,
    avatar: member.avatar,
    roles: ifAny(member.roles),
    timeout: member.timeout === undefined ? undefined : iso(member.timeout),
    can_publish: member.can_publish ? undefined : false,
    can_receive: member.can_receive ? undefined : false
  })

/** A ban as the backend serializes it: `reason` always, `null` when none. */
export const banJson = (ban: BanRecord): Json => ({ _id: { server: ban._id.server, user: ban._id.user }, reason: ban.reason })
