import { Effect } from "effect"
import { DatabaseError, FailedValidation, InvalidSession, NotFound } from "../errors/ApiError.js"
import type { ClientError } from "../errors/ClientError.js"
import { declare, type ErrorOf } from "../errors/Declared.js"
import { ServerId } from "../schema/Ids.js"
import { Server } from "../schema/Server.js"
import { StoatClient } from "../services/StoatClient.js"
import { idOf, type Identifiable, ulid } from "./input.js"

export const fetchServerErrors = declare(InvalidSession, NotFound, DatabaseError, FailedValidation)
/** The failures of `fetchServer`. */
export type FetchServerError = ErrorOf<typeof fetchServerErrors.classes> | ClientError

/**
 * `GET /servers/{id}`: a server you are a member of, with its roles and default permissions (how a
 * bot, which cannot accept invites, learns them). The cache learns the server.
 */
export const fetchServer: (server: Identifiable<ServerId>) => Effect.Effect<Server, FetchServerError, StoatClient> =
  Effect.fn("Stoat.fetchServer")(function*(server) {
    const client = yield* StoatClient
    const id = yield* ulid("server id", idOf(server), ServerId.make)
    return yield* client.request({ method: "GET", path: ["servers", id] }, Server, fetchServerErrors)
  })
