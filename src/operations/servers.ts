import { Effect, Schema } from "effect"
import { DatabaseError, FailedValidation, InvalidSession, NotFound } from "../errors/ApiError.js"
import type { ClientError } from "../errors/ClientError.js"
import { declare, type ErrorOf } from "../errors/Declared.js"
import { ServerId } from "../schema/Ids.js"
import { Server, type ServerWithChannels, ServerWithChannelsFromWire } from "../schema/Server.js"
import { StoatClient } from "../services/StoatClient.js"
import { type Identifiable, serverId } from "../internal/input.js"
import { operation } from "../internal/operation.js"

/** The errors `fetchServer` declares, for decoding its failures. */
export const fetchServerErrors = declare(InvalidSession, NotFound, DatabaseError, FailedValidation)
/** The failures of `fetchServer`. */
export type FetchServerError = ErrorOf<typeof fetchServerErrors.classes> | ClientError

/** Options of `fetchServer`. */
export interface FetchServerOptions {
  /** Also fetch the channels you can see (`?include_channels=true`). */
  readonly includeChannels?: boolean
}

const getServer = <A, I>(success: Schema.Schema<A, I>, includeChannels: boolean) =>
  operation("Stoat.fetchServer")(function*(server: Identifiable<ServerId>) {
    const client = yield* StoatClient
    const id = yield* serverId(server)
    return yield* client.request(
      { method: "GET", path: ["servers", id], query: includeChannels ? { include_channels: true } : {} },
      success,
      fetchServerErrors
    )
  })

const serverAlone = getServer(Server, false)
const serverWithChannels = getServer(ServerWithChannelsFromWire, true)

/**
 * `GET /servers/{id}`: a server you are a member of, with its roles and default permissions (how a
 * bot, which cannot accept invites, learns them); with `includeChannels`, also the channels you can
 * see. The cache learns the server (and the channels).
 */
export function fetchServer(
  server: Identifiable<ServerId>,
  options: FetchServerOptions & { readonly includeChannels: true }
): Effect.Effect<ServerWithChannels, FetchServerError, StoatClient>
export function fetchServer(
  server: Identifiable<ServerId>,
  options?: FetchServerOptions & { readonly includeChannels?: false }
): Effect.Effect<Server, FetchServerError, StoatClient>
export function fetchServer(
  server: Identifiable<ServerId>,
  options?: FetchServerOptions
): Effect.Effect<Server | ServerWithChannels, FetchServerError, StoatClient>
export function fetchServer(
  server: Identifiable<ServerId>,
  options?: FetchServerOptions
): Effect.Effect<Server | ServerWithChannels, FetchServerError, StoatClient> {
  return options?.includeChannels === true ? serverWithChannels(server) : serverAlone(server)
}

/** The errors `leaveServer` declares, for decoding its failures. */
export const leaveServerErrors = declare(InvalidSession, NotFound, DatabaseError, FailedValidation)
/** The failures of `leaveServer`: `NotFound` when there is no such server or you are not in it. */
export type LeaveServerError = ErrorOf<typeof leaveServerErrors.classes> | ClientError

/** Options of `leaveServer`. */
export interface LeaveServerOptions {
  /** Leave without the server's `user_left` system message (`?leave_silently=true`). */
  readonly silently?: boolean
}

/**
 * `DELETE /servers/{id}`: leaves a server; its members' sockets get `ServerMemberLeave` with reason
 * `Leave`. If you own the server, the backend deletes it instead (`ServerDelete`): there is no undo.
 */
export const leaveServer: (
  server: Identifiable<ServerId>,
  options?: LeaveServerOptions
) => Effect.Effect<void, LeaveServerError, StoatClient> = operation("Stoat.leaveServer")(function*(server, options) {
  const client = yield* StoatClient
  const id = yield* serverId(server)
  yield* client.request(
    { method: "DELETE", path: ["servers", id], query: options?.silently === true ? { leave_silently: true } : {} },
    Schema.Void,
    leaveServerErrors
  )
})
