import { DateTime, Effect, Option } from "effect"
import type { Member } from "./Member.js"
import { isTimedOutAt, memberRoles } from "./memberValues.js"
import {
  AllowInTimeout,
  applyOverride,
  GrantAllSafe,
  Permission,
  permissionSet,
  type Permissions,
  restrictPermissions,
  revokePermissions
} from "./Permissions.js"
import type { Server } from "./Server.js"
import type { User } from "./User.js"

/** Whether the member's user is privileged (platform staff), as far as the user given (if any) says. */
const privileged = (member: Member, user: User | undefined) => user?.privileged === true && user.id === member.id.user

/**
 * The seed's `server_permissions` at `now` (reference §4.2): everything for the owner and for
 * privileged users (pass the member's `user` to know; another user is ignored), nothing for a
 * member of another server; otherwise the server's default permissions, then each role's override
 * from the lowest rank to the highest (allow, then deny), without `Speak` and `Video` when the
 * member cannot publish and without `Listen` when it cannot receive, and only `ViewChannel` and
 * `ReadMessageHistory` while timed out.
 */
export const serverPermissionsAt = (member: Member, server: Server, now: DateTime.DateTime, user?: User): Permissions => {
  if (privileged(member, user) || member.id.user === server.owner) return permissionSet(GrantAllSafe)
  if (member.id.server !== server.id) return permissionSet(0)
  let bits = memberRoles(member, server).reduceRight(
    (bits, role) => applyOverride(bits, role.permissions),
    server.defaultPermissions
  )
  if (!member.canPublish) bits = revokePermissions(bits, Permission.Speak + Permission.Video)
  if (!member.canReceive) bits = revokePermissions(bits, Permission.Listen)
  if (isTimedOutAt(member, now)) bits = restrictPermissions(bits, AllowInTimeout)
  return permissionSet(bits)
}

/** The seed's `server_permissions` now, by the `Clock` (see `serverPermissionsAt`). */
export const serverPermissions = (member: Member, server: Server, user?: User): Effect.Effect<Permissions> =>
  Effect.map(DateTime.now, (now) => serverPermissionsAt(member, server, now, user))

/**
 * A member's ranking as the backend compares it (reference §4.3): the best (lowest) rank of its
 * roles, `+Infinity` without any (the backend's `i64::MAX`).
 */
export const memberRanking = (member: Member, server: Server): number =>
  Option.match(Option.fromNullable(memberRoles(member, server)[0]), {
    onNone: () => Number.POSITIVE_INFINITY,
    onSome: (role) => role.rank
  })

/**
 * Whether `actor` may kick, ban or edit `target` as far as rank goes: the target must rank
 * strictly lower. The owner and privileged users (pass the actor's `user`) outrank everyone; equal
 * ranks, and two members without roles, do not outrank each other.
 */
export const outranks = (actor: Member, target: Member, server: Server, user?: User): boolean => {
  const ours = privileged(actor, user) || actor.id.user === server.owner ? Number.NEGATIVE_INFINITY : memberRanking(actor, server)
  return memberRanking(target, server) > ours
}
