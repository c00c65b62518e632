import { HashMap, Option } from "effect"
import {
  DefaultPermissionDirectMessage,
  DefaultPermissionViewOnly,
  GrantAllSafe,
  Permission,
  UserPermission
} from "../../../schema/Permissions.js"
import { type FakeState, pair } from "../FakeState.js"
import type { ChannelRecord, MemberRecord, OverrideRecord, ServerRecord, TextChannelRecord, UserRecord } from "../records.js"

export { GrantAllSafe, Permission, type PermissionName, UserPermission } from "../../../schema/Permissions.js"

/**
 * The fake's own permission rules, written from the backend's `calculate_*_permissions`
 * (crates/core/permissions/src/impl.rs) and its `DatabasePermissionQuery`
 * (crates/core/database/src/util/permissions.rs). Bits are `u64` there: `bigint` here.
 */

const bits = (value: number) => BigInt(value)
const number = (value: bigint) => Number(BigInt.asUintN(64, value))

/** Whether `permissions` has every bit of `wanted`. */
export const has = (permissions: number, wanted: number) => (bits(permissions) & bits(wanted)) === bits(wanted)

/** `PermissionValue::apply`: the allowed bits added, then the denied ones removed. */
const apply = (permissions: bigint, override: OverrideRecord) => (permissions | bits(override.a)) & ~bits(override.d)

/** Every user permission: the backend gives `u64::MAX` to oneself, friends and privileged users. */
const allUserPermissions = UserPermission.Access + UserPermission.ViewProfile + UserPermission.SendMessage + UserPermission.Invite

/** Whether a member's timeout is still running at `now` (Unix ms): `Member::in_timeout`. */
export const isTimedOut = (member: MemberRecord, now: number) => member.timeout !== undefined && member.timeout > now

/** The overrides of the member's roles that exist, lowest priority (highest rank number) first. */
const roleOverrides = (
  server: ServerRecord,
  member: MemberRecord,
  overrideOf: (roleId: string) => OverrideRecord | undefined
): ReadonlyArray<OverrideRecord> =>
  Object.entries(server.roles)
    .filter(([id]) => member.roles.includes(id))
    .flatMap(([id, role]) => {
      const override = overrideOf(id)
      return override === undefined ? [] : [{ rank: role.rank, override }]
    })
    .sort((a, b) => b.rank - a.rank)
    .map(({ override }) => override)

/** What publish, receive and timeout take away (the tail of both server and channel calculations). */
const memberLimits = (permissions: bigint, member: MemberRecord, now: number) => {
  let result = permissions
  if (!member.can_publish) result &= ~bits(Permission.Speak + Permission.Video)
  if (!member.can_receive) result &= ~bits(Permission.Listen)
  if (isTimedOut(member, now)) result &= bits(DefaultPermissionViewOnly)
  return result
}

/** The member record of a user in a server, if they are one. */
export const memberOf = (state: FakeState, server: string, user: string): Option.Option<MemberRecord> =>
  HashMap.get(state.members, pair(server, user))

/** `calculate_server_permissions` for a known member (or none): the rule alone, without the state. */
export const serverPermissionsOf = (server: ServerRecord, user: UserRecord, member: Option.Option<MemberRecord>, now: number): number => {
  if (user.privileged || server.owner === user._id) return GrantAllSafe
  if (Option.isNone(member)) return 0
  let permissions = bits(server.default_permissions)
  for (const override of roleOverrides(server, member.value, (id) => server.roles[id]?.permissions)) {
    permissions = apply(permissions, override)
  }
  return number(memberLimits(permissions, member.value, now))
}

/** A user's permissions in a server (reference §4.2). */
export const serverPermissions = (state: FakeState, server: ServerRecord, user: UserRecord, now: number): number =>
  serverPermissionsOf(server, user, memberOf(state, server._id, user._id), now)

/**
 * A member's ranking (`Member::get_ranking`): the best (lowest) rank of the roles they hold that
 * exist, `+Infinity` (the backend's `i64::MAX`) without any.
 */
export const memberRank = (server: ServerRecord, member: MemberRecord): number =>
  member.roles.reduce((best, id) => Math.min(best, server.roles[id]?.rank ?? Number.POSITIVE_INFINITY), Number.POSITIVE_INFINITY)

/**
 * The actor's ranking (`query.get_member_rank().unwrap_or(i64::MIN)`): the owner and privileged
 * users never load their member, and neither does a non-member, so all three rank above everyone.
 */
export const actorRank = (state: FakeState, server: ServerRecord, user: UserRecord): number => {
  if (user.privileged || server.owner === user._id) return Number.NEGATIVE_INFINITY
  return Option.match(memberOf(state, server._id, user._id), {
    onNone: () => Number.NEGATIVE_INFINITY,
    onSome: (member) => memberRank(server, member)
  })
}

/** Whether two users share a server, a group or a DM (`has_mutual_connection`). */
const mutual = (state: FakeState, a: string, b: string) =>
  [...HashMap.values(state.channels)].some((channel) =>
    (channel.channel_type === "Group" || channel.channel_type === "DirectMessage") &&
    channel.recipients.includes(a) && channel.recipients.includes(b)
  ) ||
  [...HashMap.keys(state.servers)].some((server) =>
    HashMap.has(state.members, pair(server, a)) && HashMap.has(state.members, pair(server, b))
  )

/**
 * What `viewer` may do toward `target` (`calculate_user_permissions`). A bot's owner counts as the
 * bot itself for the relationship only: that status grants nothing by itself.
 */
export const userPermissions = (state: FakeState, viewer: UserRecord, target: UserRecord): number => {
  if (viewer.privileged || viewer._id === target._id) return allUserPermissions
  const ownsBot = target.bot?.owner === viewer._id
  const relation = ownsBot ? undefined : Option.getOrUndefined(HashMap.get(state.relations, pair(viewer._id, target._id)))
  if (relation === "Friend") return allUserPermissions
  if (relation === "Blocked" || relation === "BlockedOther") return UserPermission.Access
  const base = relation === "Incoming" || relation === "Outgoing" ? UserPermission.Access : 0
  if (!mutual(state, viewer._id, target._id)) return base
  const bot = viewer.bot !== undefined || target.bot !== undefined
  return UserPermission.Access + UserPermission.ViewProfile + (bot ? UserPermission.SendMessage : 0)
}

/**
 * A server channel's permissions: server default, then the channel's default (before the roles,
 * as HEAD does since commit 9ab2ae92; v0.15.1 applied it after them), the role overrides, the
 * channel's role overrides, then publish, receive and timeout; nothing without `ViewChannel`.
 */
const textChannelPermissions = (channel: TextChannelRecord, server: ServerRecord, member: MemberRecord, now: number) => {
  let permissions = bits(server.default_permissions)
  if (channel.default_permissions !== undefined) permissions = apply(permissions, channel.default_permissions)
  for (const override of roleOverrides(server, member, (id) => server.roles[id]?.permissions)) {
    permissions = apply(permissions, override)
  }
  for (const override of roleOverrides(server, member, (id) => channel.role_permissions[id])) {
    permissions = apply(permissions, override)
  }
  const limited = memberLimits(permissions, member, now)
  return (limited & bits(Permission.ViewChannel)) === 0n ? 0 : number(limited)
}

/** A user's permissions in a channel (`calculate_channel_permissions`). */
export const channelPermissions = (state: FakeState, channel: ChannelRecord, user: UserRecord, now: number): number => {
  if (user.privileged) return GrantAllSafe
  switch (channel.channel_type) {
    case "SavedMessages":
      return channel.user === user._id ? GrantAllSafe : 0
    case "DirectMessage": {
      if (!channel.recipients.includes(user._id)) return 0
      const other = channel.recipients.find((id) => id !== user._id)
      const account = other === undefined ? Option.none() : HashMap.get(state.accounts, other)
      if (Option.isNone(account)) return DefaultPermissionViewOnly
      return has(userPermissions(state, user, account.value.user), UserPermission.SendMessage)
        ? DefaultPermissionDirectMessage
        : DefaultPermissionViewOnly
    }
    case "Group":
      if (channel.owner === user._id) return GrantAllSafe
      if (!channel.recipients.includes(user._id)) return 0
      return number(bits(DefaultPermissionViewOnly) | bits(channel.permissions ?? DefaultPermissionDirectMessage))
    case "TextChannel": {
      const server = HashMap.get(state.servers, channel.server)
      if (Option.isNone(server)) return 0
      if (server.value.owner === user._id) return GrantAllSafe
      return Option.match(memberOf(state, server.value._id, user._id), {
        onNone: () => 0,
        onSome: (member) => textChannelPermissions(channel, server.value, member, now)
      })
    }
  }
}
