import { Effect, Option, Schema } from "effect"
import {
  CannotReportYourself,
  DatabaseError,
  FailedValidation,
  InternalError,
  InvalidOperation,
  InvalidSession,
  IsBot,
  MissingPermission,
  MissingUserPermission,
  NoEffect,
  NotFound
} from "../errors/ApiError.js"
import type { ClientError } from "../errors/ClientError.js"
import { declare, type ErrorOf } from "../errors/Declared.js"
import { DmChannel } from "../schema/Channel.js"
import { type ChannelId, MessageId, type ServerId, UserId } from "../schema/Ids.js"
import { Mutuals } from "../schema/Mutuals.js"
import { User } from "../schema/User.js"
import { UserProfile } from "../schema/UserProfile.js"
import { UserReportReason } from "../schema/ReportReason.js"
import { StoatClient } from "../services/StoatClient.js"
import { characters, type Identifiable, idOf, segment, ulid, userId } from "../internal/input.js"
import { operation } from "../internal/operation.js"

/** Whom a user operation acts on: a member (or partial member) for their user, a user, or a user's id. */
export type UserTarget = { readonly id: { readonly user: UserId } } | Identifiable<UserId>

/** The errors `fetchUser` declares, for decoding its failures. */
export const fetchUserErrors = declare(InvalidSession, NotFound, MissingPermission, FailedValidation)
/** The failures of `fetchUser`. */
export type FetchUserError = ErrorOf<typeof fetchUserErrors.classes> | ClientError

/** `GET /users/{id}`: a user, as you may see them (yourself with your relations); the cache learns it. */
export const fetchUser: (user: UserTarget) => Effect.Effect<User, FetchUserError, StoatClient> = operation(
  "Stoat.fetchUser"
)(function*(user) {
  const client = yield* StoatClient
  const id = yield* userId(user)
  return yield* client.request({ method: "GET", path: ["users", id] }, User, fetchUserErrors)
})

/** The errors `fetchProfile` declares, for decoding its failures. */
export const fetchProfileErrors = declare(InvalidSession, MissingUserPermission, MissingPermission, NotFound, FailedValidation)
/** The failures of `fetchProfile`. */
export type FetchProfileError = ErrorOf<typeof fetchProfileErrors.classes> | ClientError

/** `GET /users/{id}/profile`: a user's profile (needs `ViewProfile`; yours always). */
export const fetchProfile: (user: UserTarget) => Effect.Effect<UserProfile, FetchProfileError, StoatClient> = operation(
  "Stoat.fetchProfile"
)(function*(user) {
  const client = yield* StoatClient
  const id = yield* userId(user)
  return yield* client.request({ method: "GET", path: ["users", id, "profile"] }, UserProfile, fetchProfileErrors)
})

/** The errors `fetchFlags` declares, for decoding its failures. */
export const fetchFlagsErrors = declare(FailedValidation)
/** The failures of `fetchFlags`. */
export type FetchFlagsError = ErrorOf<typeof fetchFlagsErrors.classes> | ClientError

const FlagResponse = Schema.Struct({ flags: Schema.Number })

/** `GET /users/{id}/flags`: a user's raw flag bits (suspended 1, deleted 2, banned 4, spam 8); 0 for unknown users. */
export const fetchFlags: (user: UserTarget) => Effect.Effect<number, FetchFlagsError, StoatClient> = operation(
  "Stoat.fetchFlags"
)(function*(user) {
  const client = yield* StoatClient
  const id = yield* userId(user)
  const response = yield* client.request({ method: "GET", path: ["users", id, "flags"] }, FlagResponse, fetchFlagsErrors)
  return response.flags
})

/** The errors `fetchDefaultAvatar` declares, for decoding its failures. */
export const fetchDefaultAvatarErrors = declare(FailedValidation)
/** The failures of `fetchDefaultAvatar`. */
export type FetchDefaultAvatarError = ErrorOf<typeof fetchDefaultAvatarErrors.classes> | ClientError

/** `GET /users/{id}/default_avatar`: the PNG a user shows without an avatar (picked by the id's last character). */
export const fetchDefaultAvatar: (
  user: UserTarget
) => Effect.Effect<Uint8Array, FetchDefaultAvatarError, StoatClient> = operation("Stoat.fetchDefaultAvatar")(
  function*(user) {
    const client = yield* StoatClient
    const id = yield* segment("user id", idOf(user), UserId.make)
    return yield* client.requestBytes({ method: "GET", path: ["users", id, "default_avatar"] }, fetchDefaultAvatarErrors)
  }
)

/** The errors `fetchMutuals` declares, for decoding its failures. */
export const fetchMutualsErrors = declare(
  InvalidOperation,
  InvalidSession,
  NotFound,
  MissingUserPermission,
  MissingPermission,
  DatabaseError,
  FailedValidation
)
/** The failures of `fetchMutuals`, `mutualFriendIds` and `mutualServerIds`. */
export type FetchMutualsError = ErrorOf<typeof fetchMutualsErrors.classes> | ClientError

/** `GET /users/{id}/mutual`: the friends, servers, groups and DMs you share with a user (not yourself). */
export const fetchMutuals: (user: UserTarget) => Effect.Effect<Mutuals, FetchMutualsError, StoatClient> = operation(
  "Stoat.fetchMutuals"
)(function*(user) {
  const client = yield* StoatClient
  const id = yield* userId(user)
  return yield* client.request({ method: "GET", path: ["users", id, "mutual"] }, Mutuals, fetchMutualsErrors)
})

/** `GET /users/{id}/mutual`: the ids of the friends you share with a user. */
export const mutualFriendIds = (
  user: UserTarget
): Effect.Effect<ReadonlyArray<UserId>, FetchMutualsError, StoatClient> =>
  Effect.map(fetchMutuals(user), (mutuals) => mutuals.users)

/** `GET /users/{id}/mutual`: the ids of the servers you share with a user. */
export const mutualServerIds = (
  user: UserTarget
): Effect.Effect<ReadonlyArray<ServerId>, FetchMutualsError, StoatClient> =>
  Effect.map(fetchMutuals(user), (mutuals) => mutuals.servers)

/** The errors `openDm` declares, for decoding its failures. */
export const openDmErrors = declare(InvalidSession, NotFound, MissingUserPermission, MissingPermission, DatabaseError, FailedValidation)
/** The failures of `openDm` and `fetchDmChannelId`. */
export type OpenDmError = ErrorOf<typeof openDmErrors.classes> | ClientError

/**
 * `GET /users/{id}/dm`: the DM with a user, created when there is none (your saved messages for
 * yourself). Needs `SendMessage` toward them: friends, or one of you a bot. The cache keeps its id.
 */
export const openDm: (user: UserTarget) => Effect.Effect<DmChannel, OpenDmError, StoatClient> = operation(
  "Stoat.openDm"
)(function*(user) {
  const client = yield* StoatClient
  const id = yield* userId(user)
  const channel = yield* client.request({ method: "GET", path: ["users", id, "dm"] }, DmChannel, openDmErrors)
  return channel
})

/** The seed's `fetch_channel_id`: the cached id of the DM with a user, else `openDm`'s (`GET /users/{id}/dm`). */
export const fetchDmChannelId: (user: UserTarget) => Effect.Effect<ChannelId, OpenDmError, StoatClient> = operation(
  "Stoat.fetchDmChannelId"
)(function*(user) {
  const client = yield* StoatClient
  const id = yield* userId(user)
  const cached = yield* client.cache.getDmChannelId(id)
  if (Option.isSome(cached)) return cached.value
  const channel = yield* openDm(id)
  return channel.id
})

/** The errors `removeFriend` declares, for decoding its failures. */
export const removeFriendErrors = declare(IsBot, NoEffect, InvalidSession, NotFound, DatabaseError, FailedValidation)
/** The failures of `removeFriend`. */
export type RemoveFriendError = ErrorOf<typeof removeFriendErrors.classes> | ClientError

/** `DELETE /users/{id}/friend`: removes a friend, or denies or cancels a friend request (user accounts only). */
export const removeFriend: (user: UserTarget) => Effect.Effect<User, RemoveFriendError, StoatClient> = operation(
  "Stoat.removeFriend"
)(function*(user) {
  const client = yield* StoatClient
  const id = yield* userId(user)
  return yield* client.request({ method: "DELETE", path: ["users", id, "friend"] }, User, removeFriendErrors)
})

/** The errors `unblockUser` declares, for decoding its failures. */
export const unblockUserErrors = declare(NoEffect, InvalidSession, NotFound, DatabaseError, InternalError, FailedValidation)
/** The failures of `unblockUser`. */
export type UnblockUserError = ErrorOf<typeof unblockUserErrors.classes> | ClientError

/** `DELETE /users/{id}/block`: unblocks a user you blocked; returns them with the new relationship. */
export const unblockUser: (user: UserTarget) => Effect.Effect<User, UnblockUserError, StoatClient> = operation(
  "Stoat.unblockUser"
)(function*(user) {
  const client = yield* StoatClient
  const id = yield* userId(user)
  return yield* client.request({ method: "DELETE", path: ["users", id, "block"] }, User, unblockUserErrors)
})

/** Options of `reportUser`. */
export interface ReportUserOptions {
  /** What the moderators should know: at most 1000 characters. */
  readonly additionalContext?: string
  /** A message of theirs; the server snapshots the messages around it. */
  readonly messageContext?: Identifiable<MessageId>
}

/** The errors `reportUser` declares, for decoding its failures. */
export const reportUserErrors = declare(CannotReportYourself, FailedValidation, IsBot, InvalidSession, NotFound, DatabaseError)
/** The failures of `reportUser`. */
export type ReportUserError = ErrorOf<typeof reportUserErrors.classes> | ClientError

/** `POST /safety/report`: reports a user to the instance's moderators (user accounts only). */
export const reportUser: (
  user: UserTarget,
  reason: UserReportReason,
  options?: ReportUserOptions
) => Effect.Effect<void, ReportUserError, StoatClient> = operation("Stoat.reportUser")(function*(user, reason, options) {
  const client = yield* StoatClient
  const id = yield* userId(user)
  const context = options?.additionalContext === undefined
    ? undefined
    : yield* characters("the additional context", options.additionalContext, 0, 1000)
  const message = options?.messageContext === undefined
    ? undefined
    : yield* ulid("message id", idOf(options.messageContext), MessageId.make)
  yield* client.request(
    {
      method: "POST",
      path: ["safety", "report"],
      body: {
        content: { type: "User", id, report_reason: reason, ...(message === undefined ? {} : { message_id: message }) },
        ...(context === undefined ? {} : { additional_context: context })
      }
    },
    Schema.Void,
    reportUserErrors
  )
})
