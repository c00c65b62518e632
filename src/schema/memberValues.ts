import { DateTime, Effect, Option, Order } from "effect"
import type { Member, MemberId } from "./Member.js"
import type { Role, Server } from "./Server.js"
import type { User } from "./User.js"
import type { UserId } from "./Ids.js"
import { idOf } from "../internal/input.js"

/*
 * The seed's member properties as functions of the data. The ones it proxies to the member's user
 * are that user's fields: `name` is `user.username`, `discriminator` `user.discriminator`,
 * `display_name` `user.displayName` (the user's display name, not the server nickname: see
 * `nicknameOrDisplayNameOrUsername`), `bot` `user.bot`, `privileged`, `online`, `status` and
 * `relationship` the fields of those names. `badges`/`flags` are in UserFlags.ts, the avatar URLs
 * in fileUrls.ts, `server_permissions` in serverPermissions.ts, the cache lookups in
 * operations/memberLookups.ts.
 */

/** Anything with a member's id: a `Member` or a `PartialMember`. */
export interface HasMemberId {
  readonly id: MemberId
}

/** The seed's `id`: the member's user id (the server's is `member.id.server`). */
export const memberUserId = (member: HasMemberId): UserId => member.id.user

/** The seed's `mention`: `<@user id>`, for a member or a user. */
export const mention = (target: HasMemberId | User): string => `<@${idOf(target)}>`

/** The seed's `tag`: `username#discriminator`. */
export const userTag = (user: User): string => `${user.username}#${user.discriminator}`

/** The name to show for a member: the server nickname, else the user's display name, else the username. */
export const nicknameOrDisplayNameOrUsername = (member: Member, user: User): string =>
  Option.getOrElse(Option.orElse(member.nickname, () => user.displayName), () => user.username)

/** The seed's `is_sentinel`: a member is never the system user. */
export const isSentinel = (_member: HasMemberId): false => false

/** The seed's `eq` (`ne` is its negation): whether both are the same user in the same server. */
export const isSameMember = (a: HasMemberId, b: HasMemberId): boolean =>
  a.id.server === b.id.server && a.id.user === b.id.user

/** A key naming a member (server and user) for `Map`s and `Set`s: equal keys, same member. */
export const memberKey = (member: HasMemberId): string => JSON.stringify([member.id.server, member.id.user])

const byRank = Order.mapInput(Order.number, (role: Role) => role.rank)

/**
 * The seed's `roles`: the member's roles that the server has, highest first (the lowest `rank`
 * number; equal ranks in the server's order). Ids the server does not know are left out.
 */
export const memberRoles = (member: Member, server: Server): ReadonlyArray<Role> =>
  Object.values(server.roles)
    .filter((role) => member.roles.includes(role.id))
    .sort(byRank)

/** The seed's `top_role`: the member's highest role. */
export const topRole = (member: Member, server: Server): Option.Option<Role> =>
  Option.fromNullable(memberRoles(member, server)[0])

/** Whether the member's timeout runs past `now` (an expired timeout no longer counts). */
export const isTimedOutAt = (member: Member, now: DateTime.DateTime): boolean =>
  Option.exists(member.timeout, (end) => DateTime.greaterThan(end, now))

/** Whether the member is timed out now, by the `Clock`. */
export const isTimedOut = (member: Member): Effect.Effect<boolean> =>
  Effect.map(DateTime.now, (now) => isTimedOutAt(member, now))
