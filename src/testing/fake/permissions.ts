import { DateTime, HashMap, Option } from "effect"
import type { Channel } from "../../schema/Channel.js"
import type { Member } from "../../schema/Member.js"
import type { Server } from "../../schema/Server.js"
import type { User } from "../../schema/User.js"
import { type FakeState, pair } from "./FakeState.js"

/** Permission bits the fake checks (reference §4.1). */
export const Permission = {
  ManageChannel: 2 ** 0,
  ManageServer: 2 ** 1,
  ManageRole: 2 ** 3,
  KickMembers: 2 ** 6,
  BanMembers: 2 ** 7,
  TimeoutMembers: 2 ** 8,
  AssignRoles: 2 ** 9,
  ChangeNickname: 2 ** 10,
  ManageNicknames: 2 ** 11,
  ChangeAvatar: 2 ** 12,
  RemoveAvatars: 2 ** 13,
  ViewChannel: 2 ** 20,
  ReadMessageHistory: 2 ** 21,
  SendMessage: 2 ** 22,
  ManageMessages: 2 ** 23,
  InviteOthers: 2 ** 25,
  SendEmbeds: 2 ** 26,
  UploadFiles: 2 ** 27,
  Masquerade: 2 ** 28,
  React: 2 ** 29,
  Connect: 2 ** 30,
  Speak: 2 ** 31,
  Video: 2 ** 32,
  MuteMembers: 2 ** 33,
  DeafenMembers: 2 ** 34,
  MoveMembers: 2 ** 35,
  Listen: 2 ** 36,
  MentionEveryone: 2 ** 37,
  MentionRoles: 2 ** 38,
  BypassSlowmode: 2 ** 39
} as const
export type PermissionName = keyof typeof Permission

export const GrantAllSafe = 0x000f_ffff_ffff_ffff
const viewOnly = Permission.ViewChannel + Permission.ReadMessageHistory
const defaultPermission = viewOnly + Permission.SendMessage + Permission.InviteOthers + Permission.SendEmbeds +
  Permission.UploadFiles + Permission.Connect + Permission.Speak + Permission.Listen + Permission.Video
const dmPermission = defaultPermission + Permission.ManageChannel + Permission.React + Permission.Masquerade

// Permission values reach 2^52: bit operations on JS numbers stop at 2^32, so work in BigInt.
const apply = (permissions: number, allow: number, deny: number) =>
  Number((BigInt(permissions) | BigInt(allow)) & ~BigInt(deny))
const without = (permissions: number, bits: number) => Number(BigInt(permissions) & ~BigInt(bits))
const within = (permissions: number, bits: number) => Number(BigInt(permissions) & BigInt(bits))

/** Whether `permissions` has every bit of `bit`. */
export const has = (permissions: number, bit: number) => within(permissions, bit) === bit

/** Whether a member's timeout is still running at `now`. */
export const isTimedOut = (member: Member, now: number) =>
  Option.exists(member.timeout, (end) => DateTime.toEpochMillis(end) > now)

/** A member's roles, lowest priority (highest rank number) first: the order overrides apply in. */
const rolesByPriority = (server: Server, member: Member) =>
  member.roles
    .flatMap((id) => Option.toArray(Option.fromNullable(server.roles[id])))
    .sort((a, b) => b.rank - a.rank)

/** A member's rank: the best (lowest) of their roles, or the worst possible without roles. */
export const memberRank = (server: Server, member: Member) =>
  Math.min(Number.MAX_SAFE_INTEGER, ...member.roles.flatMap((id) => Option.toArray(Option.fromNullable(server.roles[id]))).map((role) => role.rank))

const restrict = (permissions: number, member: Member, now: number) => {
  let result = permissions
  if (!member.canPublish) result = without(result, Permission.Speak + Permission.Video)
  if (!member.canReceive) result = without(result, Permission.Listen)
  return isTimedOut(member, now) ? within(result, viewOnly) : result
}

/** A user's permissions in a server (reference §4.2). */
export const serverPermissions = (state: FakeState, server: Server, user: User, now: number): number => {
  if (user.privileged || server.owner === user.id) return GrantAllSafe
  const member = HashMap.get(state.members, pair(server.id, user.id))
  if (Option.isNone(member)) return 0
  const permissions = rolesByPriority(server, member.value).reduce(
    (permissions, role) => apply(permissions, role.permissions.allow, role.permissions.deny),
    server.defaultPermissions
  )
  return restrict(permissions, member.value, now)
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

/** User permission bits: Access, ViewProfile, SendMessage, Invite. */
export const UserPermission = { Access: 1, ViewProfile: 2, SendMessage: 4, Invite: 8 } as const

/** What `viewer` may do toward `target` (reference §4.2, user level). */
export const userPermissions = (state: FakeState, viewer: User, target: User): number => {
  const all = 15
  if (viewer.privileged || viewer.id === target.id) return all
  if (Option.exists(target.bot, (bot) => bot.owner === viewer.id)) return all
  const relation = HashMap.get(state.relations, pair(viewer.id, target.id))
  if (Option.contains(relation, "Friend")) return all
  if (Option.isSome(relation)) return UserPermission.Access
  if (!mutual(state, viewer.id, target.id)) return 0
  const bot = Option.isSome(viewer.bot) || Option.isSome(target.bot)
  return UserPermission.Access + UserPermission.ViewProfile + (bot ? UserPermission.SendMessage : 0)
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
      if (Option.isNone(account)) return viewOnly
      return has(userPermissions(state, user, account.value.user), UserPermission.SendMessage) ? dmPermission : viewOnly
    }
    case "Group":
      if (channel.owner === user.id) return GrantAllSafe
      if (!channel.recipients.includes(user.id)) return 0
      return apply(viewOnly, Option.getOrElse(channel.permissions, () => dmPermission), 0)
    case "TextChannel": {
      const server = HashMap.get(state.servers, channel.server)
      if (Option.isNone(server)) return 0
      if (user.privileged || server.value.owner === user.id) return GrantAllSafe
      const member = HashMap.get(state.members, pair(server.value.id, user.id))
      if (Option.isNone(member)) return 0
      const roles = rolesByPriority(server.value, member.value)
      let permissions = server.value.defaultPermissions
      permissions = Option.match(channel.defaultPermissions, {
        onNone: () => permissions,
        onSome: (override) => apply(permissions, override.allow, override.deny)
      })
      for (const role of roles) permissions = apply(permissions, role.permissions.allow, role.permissions.deny)
      for (const role of roles) {
        const override = channel.rolePermissions[role.id]
        if (override !== undefined) permissions = apply(permissions, override.allow, override.deny)
      }
      permissions = restrict(permissions, member.value, now)
      return has(permissions, Permission.ViewChannel) ? permissions : 0
    }
    default:
      return 0
  }
}
