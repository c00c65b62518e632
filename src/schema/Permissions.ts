import { Schema } from "effect"
import { type FlagSet, flagSet, toBits } from "./FlagSet.js"
import { renamed } from "./Wire.js"

/** A permission override as stored on roles and channels: bits allowed (`a`) and denied (`d`). */
export class PermissionOverride extends Schema.Class<PermissionOverride>("PermissionOverride")({
  allow: renamed(Schema.Number, "a"),
  deny: renamed(Schema.Number, "d")
}) {}

/** The channel and server permission bits (reference §4.1). Bits 5 and 14 to 19 are unused. */
export const Permission = {
  ManageChannel: 2 ** 0,
  ManageServer: 2 ** 1,
  ManagePermissions: 2 ** 2,
  ManageRole: 2 ** 3,
  ManageCustomisation: 2 ** 4,
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
  ManageWebhooks: 2 ** 24,
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
  BypassSlowmode: 2 ** 39,
  ViewAuditLogs: 2 ** 40
} as const
/** The name of a channel or server permission. */
export type PermissionName = keyof typeof Permission

/** The permissions of a user account toward another (reference §4.2, user level). */
export const UserPermission = { Access: 1, ViewProfile: 2, SendMessage: 4, Invite: 8 } as const
/** The name of a user permission. */
export type UserPermissionName = keyof typeof UserPermission

const sum = (...names: ReadonlyArray<PermissionName>) => names.reduce((total, name) => total + Permission[name], 0)

/** Every permission, and the bits reserved for future ones: what owners and privileged users get. */
export const GrantAllSafe = 0x000f_ffff_ffff_ffff
/** Read-only access: `ViewChannel` and `ReadMessageHistory`. */
export const DefaultPermissionViewOnly = sum("ViewChannel", "ReadMessageHistory")
/** The backend's base default permissions. */
export const DefaultPermission = DefaultPermissionViewOnly +
  sum("SendMessage", "InviteOthers", "SendEmbeds", "UploadFiles", "Connect", "Speak", "Listen", "Video")
/** What each side of a direct message may do. */
export const DefaultPermissionDirectMessage = DefaultPermission + sum("ManageChannel", "React", "Masquerade")
/** A new server's `default_permissions`. */
export const DefaultPermissionServer = DefaultPermission + sum("React", "ChangeNickname", "ChangeAvatar")
/** All a timed-out member keeps: `ViewChannel` and `ReadMessageHistory`. */
export const AllowInTimeout = DefaultPermissionViewOnly

/** A set of channel or server permissions, by name, with the raw bits. */
export type Permissions = FlagSet<PermissionName>

/** Reads raw permission bits as a named set. */
export const permissionSet = (bits: number): Permissions => flagSet(Permission, bits)

/** Whether `bits` grants every named permission. */
export const hasPermission = (bits: number, ...names: ReadonlyArray<PermissionName>): boolean =>
  names.every((name) => (toBits(bits) & toBits(Permission[name])) !== 0n)

// No permission uses the bits above 2^53, and a JS number holds the ones below exactly.
const asNumber = (bits: bigint) => Number(BigInt.asUintN(53, bits))

/** Applies an override the way the backend does: its allowed bits are added, then its denied bits removed. */
export const applyOverride = (bits: number, override: PermissionOverride): number =>
  asNumber((toBits(bits) | toBits(override.allow)) & ~toBits(override.deny))

/** `bits` without the bits of `removed`. */
export const revokePermissions = (bits: number, removed: number): number => asNumber(toBits(bits) & ~toBits(removed))

/** `bits` restricted to the bits of `kept`. */
export const restrictPermissions = (bits: number, kept: number): number => asNumber(toBits(bits) & toBits(kept))
