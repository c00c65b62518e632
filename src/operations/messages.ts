import { Chunk, Clock, Effect, Option, Random, Schema, Stream } from "effect"
import {
  DatabaseError,
  FailedValidation,
  InternalError,
  InvalidOperation,
  InvalidSession,
  IsBot,
  MissingPermission,
  NotFound
} from "../errors/ApiError.js"
import type { ClientError } from "../errors/ClientError.js"
import { declare, type ErrorOf } from "../errors/Declared.js"
import { type ChannelId, makeUlid, MessageId } from "../schema/Ids.js"
import { BulkMessageResponse, BulkMessages, Message } from "../schema/Message.js"
import { StoatClient } from "../services/StoatClient.js"
import { characters, type Identifiable, idOf, invalid, segment, ulid } from "../internal/input.js"
import { declareWithTarget, type MessageTarget, targetChannelId } from "./messageTarget.js"
import { operation } from "../internal/operation.js"

/** A new ULID for the current `Clock` time, its 80 random bits from `Random`. */
const freshUlid = Effect.gen(function*() {
  const millis = yield* Clock.currentTimeMillis
  let entropy = 0n
  for (let i = 0; i < 5; i++) entropy = (entropy << 16n) | BigInt(yield* Random.nextIntBetween(0, 0x10000))
  return makeUlid(millis, entropy)
})

const messageId = (what: string, message: Identifiable<MessageId>) => ulid(what, idOf(message), MessageId.make)

const optionalMessageId = (what: string, message: Identifiable<MessageId> | undefined) =>
  message === undefined ? Effect.succeed(undefined) : messageId(what, message)

const limit = (value: number | undefined) =>
  value === undefined || (Number.isInteger(value) && value >= 1 && value <= 100)
    ? Effect.succeed(value)
    : invalid(`limit must be an integer from 1 to 100, got ${value}`)

const acknowledgeRoute = declare(IsBot, InvalidSession, MissingPermission, NotFound, InternalError, FailedValidation)
/** The errors `acknowledge` declares, for decoding its failures. */
export const acknowledgeErrors = declareWithTarget(acknowledgeRoute)
/** The failures of `acknowledge`. */
export type AcknowledgeError = ErrorOf<typeof acknowledgeErrors.classes> | ClientError

/**
 * `PUT /channels/{id}/ack/{message}`: marks a target's channel read up to `message`, or up to now
 * (a fresh id for the current time) without one. User accounts only.
 */
export const acknowledge: (
  target: MessageTarget,
  message?: Identifiable<MessageId>
) => Effect.Effect<void, AcknowledgeError, StoatClient> = operation("Stoat.acknowledge")(function*(target, message) {
  const client = yield* StoatClient
  const upTo = yield* segment("message id", message === undefined ? yield* freshUlid : idOf(message), MessageId.make)
  const channel = yield* targetChannelId(target)
  yield* client.request({ method: "PUT", path: ["channels", channel, "ack", upTo] }, Schema.Void, acknowledgeRoute)
})

const fetchMessageRoute = declare(InvalidSession, MissingPermission, NotFound, FailedValidation)
/** The errors `fetchMessage` declares, for decoding its failures. */
export const fetchMessageErrors = declareWithTarget(fetchMessageRoute)
/** The failures of `fetchMessage`. */
export type FetchMessageError = ErrorOf<typeof fetchMessageErrors.classes> | ClientError

/** `GET /channels/{id}/messages/{message}`: one message of a target's channel. */
export const fetchMessage: (
  target: MessageTarget,
  message: Identifiable<MessageId>
) => Effect.Effect<Message, FetchMessageError, StoatClient> = operation("Stoat.fetchMessage")(function*(target, message) {
  const client = yield* StoatClient
  const id = yield* messageId("message id", message)
  const channel = yield* targetChannelId(target)
  return yield* client.request({ method: "GET", path: ["channels", channel, "messages", id] }, Message, fetchMessageRoute)
})

/** Options of `history`. */
export interface HistoryOptions {
  /** 1 to 100, 50 by default; with `nearby`, half of it on each side. */
  readonly limit?: number
  readonly before?: Identifiable<MessageId>
  readonly after?: Identifiable<MessageId>
  /** `Latest` (the default) or `Oldest`; the route refuses `Relevance`. */
  readonly sort?: "Latest" | "Oldest"
  /** A message to fetch around (itself included); the server then ignores `before`, `after` and `sort`. */
  readonly nearby?: Identifiable<MessageId>
  /** Whether to send the authors (and their members, in a server channel) along. */
  readonly includeUsers?: boolean
}

const historyRoute = declare(InvalidSession, MissingPermission, NotFound, DatabaseError, FailedValidation, InvalidOperation)
/** The errors `history` declares, for decoding its failures. */
export const historyErrors = declareWithTarget(historyRoute)
/** The failures of `history` and `historyStream`. */
export type HistoryError = ErrorOf<typeof historyErrors.classes> | ClientError

/** The query of `GET /channels/{id}/messages`, checked. */
const historyQuery = (options: HistoryOptions) =>
  Effect.all({
    limit: limit(options.limit),
    before: optionalMessageId("before", options.before),
    after: optionalMessageId("after", options.after),
    sort: Effect.succeed(options.sort),
    nearby: optionalMessageId("nearby", options.nearby),
    include_users: Effect.succeed(options.includeUsers)
  })

const fetchHistory = operation("Stoat.historyPage")(function*(
  channel: ChannelId,
  query: Effect.Effect.Success<ReturnType<typeof historyQuery>>
) {
  const client = yield* StoatClient
  const bulk = yield* client.request(
    { method: "GET", path: ["channels", channel, "messages"], query },
    BulkMessageResponse,
    historyRoute
  )
  if (query.nearby === undefined) return bulk
  // The server answers `nearby` in two halves (newer ascending, then older descending).
  const messages = [...bulk.messages].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  return new BulkMessages({ ...bulk, messages })
})

/** `GET /channels/{id}/messages`: a page of a target's history; with `nearby`, sorted oldest first. */
export const history: (
  target: MessageTarget,
  options?: HistoryOptions
) => Effect.Effect<BulkMessages, HistoryError, StoatClient> = operation("Stoat.history")(function*(target, options) {
  const query = yield* historyQuery(options ?? {})
  const channel = yield* targetChannelId(target)
  return yield* fetchHistory(channel, query)
})

/** Options of `historyStream`. */
export interface HistoryStreamOptions {
  /** Messages per request, 1 to 100 (100 by default). */
  readonly pageSize?: number
  /** Start below this message instead of at the newest. */
  readonly before?: Identifiable<MessageId>
  /** Whether each page brings its authors along (the cache learns them). */
  readonly includeUsers?: boolean
}

/**
 * `GET /channels/{id}/messages`, page after page: a target's messages from the newest (or from
 * below `before`) back to the very first, newest first. A page shorter than `pageSize` is the last.
 */
export const historyStream = (
  target: MessageTarget,
  options?: HistoryStreamOptions
): Stream.Stream<Message, HistoryError, StoatClient> =>
  Stream.unwrap(
    Effect.gen(function*() {
      const pageSize = (yield* limit(options?.pageSize)) ?? 100
      const start = yield* optionalMessageId("before", options?.before)
      const channel = yield* targetChannelId(target)
      const page = (before: MessageId | undefined) =>
        Effect.map(
          fetchHistory(channel, {
            limit: pageSize,
            before,
            after: undefined,
            sort: "Latest",
            nearby: undefined,
            include_users: options?.includeUsers
          }),
          ({ messages }) => {
            const oldest = messages[messages.length - 1]
            const next = oldest === undefined || messages.length < pageSize ? Option.none() : Option.some(oldest.id)
            return [Chunk.fromIterable(messages), next] as const
          }
        )
      return Stream.paginateChunkEffect(start, page)
    })
  )

/** Options of `search`: `query` or `pinned`, not both. */
export interface SearchOptions {
  /** Full-text query (MongoDB `$text`), 1 to 64 characters. */
  readonly query?: string
  /** Only pinned (or only unpinned) messages. */
  readonly pinned?: boolean
  /** 1 to 100, 50 by default. */
  readonly limit?: number
  readonly before?: Identifiable<MessageId>
  readonly after?: Identifiable<MessageId>
  /** `Relevance` by default (the latest first without a query). */
  readonly sort?: "Relevance" | "Latest" | "Oldest"
  readonly includeUsers?: boolean
}

const searchRoute = declare(FailedValidation, InvalidOperation, IsBot, InvalidSession, MissingPermission, NotFound, DatabaseError)
/** The errors `search` declares, for decoding its failures. */
export const searchErrors = declareWithTarget(searchRoute)
/** The failures of `search`. */
export type SearchError = ErrorOf<typeof searchErrors.classes> | ClientError

/** `POST /channels/{id}/search`: searches a target's messages by text, or its pinned ones. User accounts only. */
export const search: (
  target: MessageTarget,
  options: SearchOptions
) => Effect.Effect<BulkMessages, SearchError, StoatClient> = operation("Stoat.search")(function*(target, options) {
  const client = yield* StoatClient
  if (options.query !== undefined && options.pinned !== undefined) {
    return yield* Effect.fail(new InvalidOperation({}))
  }
  if (options.query !== undefined) yield* characters("query", options.query, 1, 64)
  const count = yield* limit(options.limit)
  const before = yield* optionalMessageId("before", options.before)
  const after = yield* optionalMessageId("after", options.after)
  const channel = yield* targetChannelId(target)
  return yield* client.request(
    {
      method: "POST",
      path: ["channels", channel, "search"],
      body: {
        query: options.query,
        pinned: options.pinned,
        limit: count,
        before,
        after,
        sort: options.sort,
        include_users: options.includeUsers
      }
    },
    BulkMessageResponse,
    searchRoute
  )
})
