import { type FlagSet, flagSet } from "./FlagSet.js"
import type { User } from "./User.js"

/** The bits of a user's `badges` (reference §5.2). */
export const UserBadge = {
  Developer: 1,
  Translator: 2,
  Supporter: 4,
  ResponsibleDisclosure: 8,
  Founder: 16,
  PlatformModeration: 32,
  ActiveSupporter: 64,
  Paw: 128,
  EarlyAdopter: 256,
  ReservedRelevantJokeBadge1: 512,
  ReservedRelevantJokeBadge2: 1024
} as const
/** The name of a badge. */
export type UserBadgeName = keyof typeof UserBadge
/** A user's badges by name, with the raw bits. */
export type UserBadges = FlagSet<UserBadgeName>

/** The bits of a user's `flags` (reference §5.2). */
export const UserFlag = { SuspendedUntil: 1, Deleted: 2, Banned: 4, Spam: 8 } as const
/** The name of a user flag. */
export type UserFlagName = keyof typeof UserFlag
/** A user's flags by name, with the raw bits. */
export type UserFlags = FlagSet<UserFlagName>

/** Reads raw badge bits (a user's `badges`) as a named set. */
export const badgeSet = (bits: number): UserBadges => flagSet(UserBadge, bits)

/** Reads raw user flag bits (a user's `flags`, or `GET /users/{id}/flags`) as a named set. */
export const userFlagSet = (bits: number): UserFlags => flagSet(UserFlag, bits)

/** The seed's `badges` (`raw_badges` is `.raw`): a user's badges. */
export const userBadges = (user: User): UserBadges => badgeSet(user.badges)

/** The seed's `flags` (`raw_flags` is `.raw`): a user's flags. */
export const userFlags = (user: User): UserFlags => userFlagSet(user.flags)
