import { Effect } from "effect"
import {
  DatabaseError,
  EmptyMessage,
  FailedValidation,
  InSlowmode,
  InternalError,
  InvalidFlagValue,
  InvalidOperation,
  InvalidProperty,
  InvalidSession,
  IsBot,
  IsNotBot,
  MissingPermission,
  NotFound,
  PayloadTooLarge,
  TooManyAttachments,
  TooManyEmbeds,
  TooManyReplies
} from "../errors/ApiError.js"
import type { ClientError } from "../errors/ClientError.js"
import { declare, type ErrorOf } from "../errors/Declared.js"
import type { FileId } from "../schema/Ids.js"
import { MessageId } from "../schema/Ids.js"
import { Message, MessageFlags } from "../schema/Message.js"
import { StoatClient } from "../services/StoatClient.js"
import { characters, colour, type Identifiable, idempotencyKey, idOf, invalid, ulid, utf8Bytes } from "../internal/input.js"
import { declareWithTarget, type MessageTarget, targetChannelId } from "./messageTarget.js"
import { operation } from "../internal/operation.js"

/** A reply to a message, mentioning its author or not. */
export interface Reply {
  readonly message: Identifiable<MessageId>
  /** Whether the reply pings the author (false by default). */
  readonly mention?: boolean
  /** Whether a missing message fails the send (the server's default) or drops the reply. */
  readonly failIfNotExists?: boolean
}

/** A text embed to send. Lengths are in characters. */
export interface SendableEmbed {
  /** 1 to 256. */
  readonly iconUrl?: string
  /** 1 to 256. */
  readonly url?: string
  /** 1 to 100. */
  readonly title?: string
  /** 1 to 2000. */
  readonly description?: string
  /** An uploaded attachment to show. */
  readonly media?: Identifiable<FileId>
  /** A CSS colour, variable or gradient, 1 to 128. */
  readonly colour?: string
}

/** A name, avatar URL or colour to show instead of yours (needs `Masquerade`; `colour` also `ManageRole`). */
export interface SendableMasquerade {
  /** 1 to 32 characters. */
  readonly name?: string
  /** An image URL, 1 to 256 characters. */
  readonly avatar?: string
  /** A CSS colour, variable or gradient, 1 to 128 characters. */
  readonly colour?: string
}

/** Reactions always shown under the message, and whether only those are allowed. */
export interface SendableInteractions {
  readonly reactions?: ReadonlyArray<string>
  /** Needs at least one reaction. */
  readonly restrictReactions?: boolean
}

/** Options of `send`. */
export interface SendOptions {
  /** Ids of files already uploaded (tag `attachments`). */
  readonly attachments?: ReadonlyArray<Identifiable<FileId>>
  /** At most 5: messages, message ids, or replies saying whether to mention. */
  readonly replies?: ReadonlyArray<Identifiable<MessageId> | Reply>
  /** At most 5. */
  readonly embeds?: ReadonlyArray<SendableEmbed>
  readonly masquerade?: SendableMasquerade
  readonly interactions?: SendableInteractions
  /** No push or desktop notifications: sends `MessageFlags.SuppressNotifications`. */
  readonly silent?: boolean
  /** Mentions everyone who can see the channel: bots only; sends `MessageFlags.MentionsEveryone`. */
  readonly mentionEveryone?: boolean
  /**
   * Sent as `Idempotency-Key` (1 to 64 printable ASCII characters): a second send with the same key
   * is refused with a 409 (an `UnexpectedResponse`), even after a failure, since the server spends
   * the key first.
   */
  readonly idempotencyKey?: string
}

const maxReplies = 5
const maxEmbeds = 5
const maxContentBytes = 2000

const sendRoute = declare(
  EmptyMessage,
  FailedValidation,
  InvalidFlagValue,
  InvalidOperation,
  InvalidProperty,
  IsBot,
  IsNotBot,
  PayloadTooLarge,
  TooManyAttachments,
  TooManyEmbeds,
  TooManyReplies,
  InvalidSession,
  MissingPermission,
  NotFound,
  DatabaseError,
  InternalError,
  InSlowmode
)
/** The errors `send` declares, for decoding its failures. */
export const sendErrors = declareWithTarget(sendRoute)
/** The failures of `send`. */
export type SendError = ErrorOf<typeof sendErrors.classes> | ClientError

const optional = <A, E>(value: string | undefined, check: (value: string) => Effect.Effect<A, E>) =>
  value === undefined ? Effect.succeed(undefined) : check(value)

const isReply = (reply: Identifiable<MessageId> | Reply): reply is Reply =>
  typeof reply === "object" && "message" in reply

const replyBody = (reply: Identifiable<MessageId> | Reply, index: number) => {
  const intent = isReply(reply) ? reply : { message: reply }
  return Effect.map(ulid(`replies[${index}]`, idOf(intent.message), MessageId.make), (id) => ({
    id,
    mention: intent.mention ?? false,
    fail_if_not_exists: intent.failIfNotExists
  }))
}

const embedBody = (embed: SendableEmbed, index: number) =>
  Effect.all({
    icon_url: optional(embed.iconUrl, (value) => characters(`embeds[${index}].iconUrl`, value, 1, 256)),
    url: optional(embed.url, (value) => characters(`embeds[${index}].url`, value, 1, 256)),
    title: optional(embed.title, (value) => characters(`embeds[${index}].title`, value, 1, 100)),
    description: optional(embed.description, (value) => characters(`embeds[${index}].description`, value, 1, 2000)),
    media: Effect.succeed(embed.media === undefined ? undefined : idOf(embed.media)),
    colour: optional(embed.colour, (value) => colour(`embeds[${index}].colour`, value))
  })

const masqueradeBody = (masquerade: SendableMasquerade) =>
  Effect.all({
    name: optional(masquerade.name, (value) => characters("masquerade.name", value, 1, 32)),
    avatar: optional(masquerade.avatar, (value) => characters("masquerade.avatar", value, 1, 256)),
    colour: optional(masquerade.colour, (value) => colour("masquerade.colour", value))
  })

const interactionsBody = (interactions: SendableInteractions) =>
  interactions.restrictReactions === true && (interactions.reactions ?? []).length === 0
    ? Effect.fail(new InvalidProperty({}))
    : Effect.succeed({ reactions: interactions.reactions, restrict_reactions: interactions.restrictReactions })

/**
 * `POST /channels/{id}/messages`: sends a message to a target (content up to 2000 UTF-8 bytes);
 * the answer carries the author as user and, in a server, as member.
 */
export const send: (
  target: MessageTarget,
  content: string,
  options?: SendOptions
) => Effect.Effect<Message, SendError, StoatClient> = operation("Stoat.send")(function*(target, content, options) {
  const client = yield* StoatClient
  yield* utf8Bytes("the content", content, maxContentBytes)
  const replies = options?.replies ?? []
  if (replies.length > maxReplies) return yield* invalid(`at most ${maxReplies} replies, got ${replies.length}`)
  const embeds = options?.embeds ?? []
  if (embeds.length > maxEmbeds) return yield* invalid(`at most ${maxEmbeds} embeds, got ${embeds.length}`)
  if (options?.mentionEveryone === true && client.config.tokenKind !== "bot") {
    return yield* Effect.fail(new IsNotBot({}))
  }
  const flags = (options?.silent === true ? MessageFlags.SuppressNotifications : 0) |
    (options?.mentionEveryone === true ? MessageFlags.MentionsEveryone : 0)
  const body = {
    content: content === "" ? undefined : content,
    attachments: options?.attachments?.map(idOf),
    replies: options?.replies === undefined ? undefined : yield* Effect.forEach(replies, replyBody),
    embeds: options?.embeds === undefined ? undefined : yield* Effect.forEach(embeds, embedBody),
    masquerade: options?.masquerade === undefined ? undefined : yield* masqueradeBody(options.masquerade),
    interactions: options?.interactions === undefined ? undefined : yield* interactionsBody(options.interactions),
    flags: flags === 0 ? undefined : flags
  }
  const key = yield* idempotencyKey(options?.idempotencyKey)
  const channel = yield* targetChannelId(target)
  return yield* client.request(
    { method: "POST", path: ["channels", channel, "messages"], body, idempotencyKey: key },
    Message,
    sendRoute
  )
})
