import { DateTime, HashMap, Option } from "effect"
import type { Channel } from "../../schema/Channel.js"
import { hasBits } from "../../schema/FlagSet.js"
import type { Member } from "../../schema/Member.js"
import { isTimedOutAt, memberRoles } from "../../schema/memberValues.js"
import {
  applyOverride,
  DefaultPermissionDirectMessage,
  DefaultPermissionViewOnly,
  GrantAllSafe,
  Permission,
  restrictPermissions,
  revokePermissions,
  UserPermission
} from "../../schema/Permissions.js"
import type { Server } from "../../schema/Server.js"
import { memberRanking, serverPermissionsAt } from "../../schema/serverPermissions.js"
import type { User } from "../../schema/User.js"
import { type FakeState, pair } from "./FakeState.js"

export { GrantAllSafe, Permission, type PermissionName, UserPermission } from "../../schema/Permissions.js"

/** Whether `permissions` has every bit of `bits`. */
export const has = hasBits

/** Whether a member's timeout is still running at `now` (Unix ms). */
export const isTimedOut = (member: Member, now: number) => isTimedOutAt(member, DateTime.unsafeMake(now))

/** A member's rank: the best (lowest) of their roles, the worst possible without roles. */
export const memberRank = (server: Server, member: Member) => memberRanking(member, server)

/** A user's permissions in a server (reference §4.2): the client's own calculation, on the fake's members. */
export const serverPermissions = (state: FakeState, server: Server, user: User, now: number): number => {
  if (user.privileged || server.owner === user.id) return GrantAllSafe
  return Option.match(HashMap.get(state.members, pair(server.id, user.id)), {
    onNone: () => 0,
    onSome: (member) => serverPermissionsAt(member, server, DateTime.unsafeMake(now), user).raw
  })
}

/** Whether two users share a server, a group or a DM. */
const mutual = (state: FakeState, a: string, b: string) =>
  [...HashMap.values(state.channels)].some((channel) =>
    (channel._tag === "Group" || channel._tag === "DirectMessage") &&
    channel.recipients.some((id) => id === a) && channel.recipients.some((id) => id === b)
  ) ||
  [...HashMap.values(state.servers)].some((server) =>
    HashMap.has(state.members, pair(server.id, a)) && HashMap.has(state.members, pair(server.id, b))
  )

/** What `viewer` may do toward `target` (reference §4.2, user level). */
export const userPermissions = (state: FakeState, viewer: User, target: User): number => {
  const all = UserPermission.Access + UserPermission.ViewProfile + UserPermission.SendMessage + UserPermission.Invite
  if (viewer.privileged || viewer.id === target.id) return all
  if (Option.exists(target.bot, (bot) => bot.owner === viewer.id)) return all
  const relation = HashMap.get(state.relations, pair(viewer.id, target.id))
  if (Option.contains(relation, "Friend")) return all
  if (Option.isSome(relation)) return UserPermission.Access
  if (!mutual(state, viewer.id, target.id)) return 0
  const bot = Option.isSome(viewer.bot) || Option.isSome(target.bot)
  return UserPermission.Access + UserPermission.ViewProfile + (bot ? UserPermission.SendMessage : 0)
}

/** A server channel's permissions for a member: server default, channel default, role overrides, channel role overrides. */
const textChannelPermissions = (channel: Extract<Channel, { readonly _tag: "TextChannel" }>, server: Server, member: Member, now: number) => {
  const roles = [...memberRoles(member, server)].reverse()
  let permissions = Option.match(channel.defaultPermissions, {
    onNone: () => server.defaultPermissions,
    onSome: (override) => applyOverride(server.defaultPermissions, override)
  })
  for (const role of roles) permissions = applyOverride(permissions, role.permissions)
  for (const role of roles) {
    const override = channel.rolePermissions[role.id]
    if (override !== undefined) permissions = applyOverride(permissions, override)
  }
  if (!member.canPublish) permissions = revokePermissions(permissions, Permission.Speak + Permission.Video)
  if (!member.canReceive) permissions = revokePermissions(permissions, Permission.Listen)
  if (isTimedOut(member, now)) permissions = restrictPermissions(permissions, DefaultPermissionViewOnly)
  return has(permissions, Permission.ViewChannel) ? permissions : 0
}

/** A user's permissions in a channel (reference §4.2, channel level). */
export const channelPermissions = (state: FakeState, channel: Channel, user: User, now: number): number => {
  switch (channel._tag) {
    case "SavedMessages":
      return channel.user === user.id ? GrantAllSafe : 0
    case "DirectMessage": {
      if (!channel.recipients.includes(user.id)) return 0
      const other = channel.recipients.find((id) => id !== user.id)
      const account = other === undefined ? Option.none() : HashMap.get(state.accounts, other)
      if (Option.isNone(account)) return DefaultPermissionViewOnly
      return has(userPermissions(state, user, account.value.user), UserPermission.SendMessage)
        ? DefaultPermissionDirectMessage
        : DefaultPermissionViewOnly
    }
    case "Group":
      if (channel.owner === user.id) return GrantAllSafe
      if (!channel.recipients.includes(user.id)) return 0
      return DefaultPermissionViewOnly + revokePermissions(
        Option.getOrElse(channel.permissions, () => DefaultPermissionDirectMessage),
        DefaultPermissionViewOnly
      )
    case "TextChannel": {
      const server = HashMap.get(state.servers, channel.server)
      if (Option.isNone(server)) return 0
      if (user.privileged || server.value.owner === user.id) return GrantAllSafe
      return Option.match(HashMap.get(state.members, pair(server.value.id, user.id)), {
        onNone: () => 0,
        onSome: (member) => textChannelPermissions(channel, server.value, member, now)
      })
    }
    default:
      return 0
  }
}
