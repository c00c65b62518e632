import { Effect, Schema } from "effect"
import {
  AlreadyInGroup,
  AlreadyInServer,
  Banned,
  DatabaseError,
  FailedValidation,
  GroupTooLarge,
  InternalError,
  InvalidOperation,
  InvalidSession,
  IsBot,
  MissingPermission,
  NotFound,
  TooManyServers
} from "../errors/ApiError.js"
import type { ClientError } from "../errors/ClientError.js"
import { declare, type Declared, type ErrorOf } from "../errors/Declared.js"
import { ChannelId, InviteCode, ServerId } from "../schema/Ids.js"
import {
  type GroupInvite,
  type GroupPublicInvite,
  Invite,
  JoinedGroup,
  JoinedServer,
  JoinResult,
  PublicInvite,
  type ServerInvite,
  type ServerPublicInvite,
  type UnknownInvite,
  type UnknownPublicInvite
} from "../schema/Invite.js"
import { StoatClient } from "../services/StoatClient.js"
import { type AuditLogOptions, auditLogReason, idOf, type Identifiable, segment, serverId, ulid } from "../internal/input.js"
import { operation } from "../internal/operation.js"

/** Any invite, public or stored. */
export type AnyInvite = PublicInvite | Invite

const codeOf = (invite: string | AnyInvite): string => (typeof invite === "string" ? invite : invite.code)

const inviteCode = (invite: string | AnyInvite) => segment("invite code", codeOf(invite), InviteCode.make)

/** The errors `fetchInvite` declares, for decoding its failures. */
export const fetchInviteErrors = declare(NotFound, DatabaseError, FailedValidation)
/** The failures of `fetchInvite`. */
export type FetchInviteError = ErrorOf<typeof fetchInviteErrors.classes> | ClientError

/** `GET /invites/{code}`: what anyone can see of an invite (a server id fetches its vanity invite). */
export const fetchInvite: (code: string) => Effect.Effect<PublicInvite, FetchInviteError, StoatClient> = operation(
  "Stoat.fetchInvite"
)(function*(code) {
  const client = yield* StoatClient
  const target = yield* inviteCode(code)
  return yield* client.request({ method: "GET", path: ["invites", target] }, PublicInvite, fetchInviteErrors)
})

const joinErrors = [IsBot, TooManyServers, InvalidSession, NotFound, DatabaseError, InternalError, FailedValidation] as const
/** The errors `acceptServerInvite` declares, for decoding its failures. */
export const acceptServerInviteErrors = declare(...joinErrors, Banned, AlreadyInServer)
/** The errors `acceptGroupInvite` declares, for decoding its failures. */
export const acceptGroupInviteErrors = declare(...joinErrors, GroupTooLarge, AlreadyInGroup)
/** The errors `acceptInvite` declares, for decoding its failures. */
export const acceptInviteErrors = declare(...joinErrors, Banned, AlreadyInServer, GroupTooLarge, AlreadyInGroup)
/** The failures of accepting a server invite. */
export type AcceptServerInviteError = ErrorOf<typeof acceptServerInviteErrors.classes> | ClientError
/** The failures of accepting a group invite (`TooManyServers` included: the server checks it first). */
export type AcceptGroupInviteError = ErrorOf<typeof acceptGroupInviteErrors.classes> | ClientError
/** The failures of accepting an invite of a kind not known in advance. */
export type AcceptInviteError = ErrorOf<typeof acceptInviteErrors.classes> | ClientError

const join = <A, I, E>(success: Schema.Schema<A, I>, errors: Declared<E>) =>
  operation("Stoat.acceptInvite")(function*(invite: string | AnyInvite) {
    const client = yield* StoatClient
    const target = yield* inviteCode(invite)
    return yield* client.request({ method: "POST", path: ["invites", target] }, success, errors)
  })

const joinServer = join(JoinedServer, acceptServerInviteErrors)
const joinGroup = join(JoinedGroup, acceptGroupInviteErrors)
const joinAny = join(JoinResult, acceptInviteErrors)

/** `POST /invites/{code}`: joins the server or group of an invite (user accounts only). */
export function acceptInvite(
  invite: ServerPublicInvite | ServerInvite
): Effect.Effect<JoinedServer, AcceptServerInviteError, StoatClient>
export function acceptInvite(
  invite: GroupPublicInvite | GroupInvite
): Effect.Effect<JoinedGroup, AcceptGroupInviteError, StoatClient>
export function acceptInvite(
  invite: string | UnknownPublicInvite | UnknownInvite | AnyInvite
): Effect.Effect<JoinResult, AcceptInviteError, StoatClient>
export function acceptInvite(invite: string | AnyInvite): Effect.Effect<JoinResult, AcceptInviteError, StoatClient> {
  if (typeof invite === "string") return joinAny(invite)
  switch (invite._tag) {
    case "ServerPublicInvite":
    case "ServerInvite":
      return joinServer(invite)
    case "GroupPublicInvite":
    case "GroupInvite":
      return joinGroup(invite)
    default:
      return joinAny(invite)
  }
}

/** The errors `deleteInvite` declares, for decoding its failures. */
export const deleteInviteErrors = declare(InvalidSession, MissingPermission, NotFound, DatabaseError, FailedValidation)
/** The failures of `deleteInvite`. */
export type DeleteInviteError = ErrorOf<typeof deleteInviteErrors.classes> | ClientError

/** `DELETE /invites/{code}`: deletes an invite (its creator, or `ManageServer` for server invites). */
export const deleteInvite: (
  invite: string | AnyInvite,
  options?: AuditLogOptions
) => Effect.Effect<void, DeleteInviteError, StoatClient> = operation("Stoat.deleteInvite")(
  function*(invite, options) {
    const client = yield* StoatClient
    const target = yield* inviteCode(invite)
    const reason = yield* auditLogReason(options?.auditLogReason)
    yield* client.request(
      { method: "DELETE", path: ["invites", target], auditLogReason: reason },
      Schema.Void,
      deleteInviteErrors
    )
  }
)

/** `DELETE /invites/{code}`: the seed's alias of `deleteInvite`. */
export const revokeInvite = deleteInvite

/** The errors `createInvite` declares, for decoding its failures. */
export const createInviteErrors = declare(
  IsBot,
  InvalidSession,
  NotFound,
  MissingPermission,
  InvalidOperation,
  DatabaseError,
  FailedValidation
)
/** The failures of `createInvite`. */
export type CreateInviteError = ErrorOf<typeof createInviteErrors.classes> | ClientError

/** `POST /channels/{id}/invites`: creates an invite to a server channel or group (user accounts only). */
export const createInvite: (
  channel: Identifiable<ChannelId>,
  options?: AuditLogOptions
) => Effect.Effect<Invite, CreateInviteError, StoatClient> = operation("Stoat.createInvite")(
  function*(channel, options) {
    const client = yield* StoatClient
    const id = yield* ulid("channel id", idOf(channel), ChannelId.make)
    const reason = yield* auditLogReason(options?.auditLogReason)
    return yield* client.request(
      { method: "POST", path: ["channels", id, "invites"], auditLogReason: reason },
      Invite,
      createInviteErrors
    )
  }
)

/** The errors `fetchServerInvites` declares, for decoding its failures. */
export const fetchServerInvitesErrors = declare(InvalidSession, NotFound, MissingPermission, DatabaseError, FailedValidation)
/** The failures of `fetchServerInvites`. */
export type FetchServerInvitesError = ErrorOf<typeof fetchServerInvitesErrors.classes> | ClientError

/** `GET /servers/{id}/invites`: every invite of a server (needs `ManageServer`). */
export const fetchServerInvites: (
  server: Identifiable<ServerId>
) => Effect.Effect<ReadonlyArray<Invite>, FetchServerInvitesError, StoatClient> = operation(
  "Stoat.fetchServerInvites"
)(function*(server) {
  const client = yield* StoatClient
  const id = yield* serverId(server)
  return yield* client.request({ method: "GET", path: ["servers", id, "invites"] }, Schema.Array(Invite), fetchServerInvitesErrors)
})
