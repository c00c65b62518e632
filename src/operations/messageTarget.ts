import { Effect, Option } from "effect"
import { declare, type ErrorClass } from "../errors/Declared.js"
import { ChannelId, type UserId } from "../schema/Ids.js"
import { User } from "../schema/User.js"
import { StoatCache } from "../services/StoatCache.js"
import type { StoatClient } from "../services/StoatClient.js"
import { type Identifiable, idOf, isMemberRef, ulid } from "../internal/input.js"
import { fetchDmChannelId, type OpenDmError, openDmErrors } from "./users.js"

/**
 * Where a Messageable operation acts: a member (or partial member) or a user, through the DM with
 * them (opened when its id is not cached), or a channel, or a channel's id.
 */
export type MessageTarget = { readonly id: { readonly user: UserId } } | User | Identifiable<ChannelId>

/** The errors resolving a target may add: the DM route's, and the id checks. */
export const messageTargetErrors = openDmErrors
/** The failures of resolving a target. */
export type MessageTargetError = OpenDmError

/** Declares a Messageable operation's errors: its channel route's and the target's, each once. */
export const declareWithTarget = <const Classes extends ReadonlyArray<ErrorClass>>(route: { readonly classes: Classes }) => {
  const all = [...route.classes, ...messageTargetErrors.classes]
  return declare(...all.filter((cls, index) => all.findIndex((other) => other._tag === cls._tag) === index))
}

/** The channel a target stands for; a member or user costs `GET /users/{id}/dm` unless the DM id is cached. */
export const targetChannelId = (target: MessageTarget): Effect.Effect<ChannelId, MessageTargetError, StoatClient> => {
  if (typeof target === "string") return ulid("channel id", target, ChannelId.make)
  if (target instanceof User || isMemberRef(target)) return fetchDmChannelId(target)
  return ulid("channel id", target.id, ChannelId.make)
}

/** The channel a target stands for, from the cache alone: none for a member or user whose DM id is not cached. */
export const cachedTargetChannelId = (target: MessageTarget): Effect.Effect<Option.Option<ChannelId>, never, StoatCache> => {
  if (target instanceof User) return Effect.flatMap(StoatCache, (cache) => cache.getDmChannelId(target.id))
  if (typeof target !== "string" && isMemberRef(target)) return Effect.flatMap(StoatCache, (cache) => cache.getDmChannelId(target.id.user))
  return Effect.succeed(Option.some(ChannelId.make(idOf(target))))
}
