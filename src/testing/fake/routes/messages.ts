import { Either, HashMap, Option, Order, Schema } from "effect"
import type { Channel } from "../../../schema/Channel.js"
import { Message } from "../../../schema/Message.js"
import type { User } from "../../../schema/User.js"
import { type FakeState, pair } from "../FakeState.js"
import { apiError, json } from "../http.js"
import { channelPermissions, has, Permission } from "../permissions.js"
import type { Context, Outcome, Route } from "../router.js"
import { memberJson, userJson } from "../wire.js"
import { answer, decodeBody, queryBool, userById } from "./common.js"

type Json = Record<string, unknown>

const encodeMessage = Schema.encodeSync(Message)

const isEmpty = (value: unknown) =>
  value === undefined || (Array.isArray(value) && value.length === 0) ||
  (typeof value === "object" && value !== null && Object.keys(value).length === 0)

/** A message as the backend serializes it: empty lists, default interactions, `pinned: false` and zero flags left out. */
export const messageJson = (message: Message): Json => {
  const result: Json = { ...encodeMessage(message) }
  for (const key of ["attachments", "embeds", "mentions", "role_mentions", "replies", "reactions"]) {
    if (isEmpty(result[key])) delete result[key]
  }
  if (!message.pinned) delete result["pinned"]
  if (message.flags === 0) delete result["flags"]
  const { reactions, restrictReactions } = message.interactions
  if (reactions.length === 0 && !restrictReactions) delete result["interactions"]
  else result["interactions"] = { reactions, ...(restrictReactions ? { restrict_reactions: true } : {}) }
  return result
}

/** A user without relationships (`into_known_static`): how the send response shows its author. */
export const staticUserJson = (state: FakeState, user: User): Json => {
  const { relations: _relations, ...rendered } = userJson(state, user, user)
  return { ...rendered, relationship: "None" }
}

/**
 * A user as `into_known` renders the authors of a history page: the relationship as the viewer
 * sees them, and presence and status unless they block the viewer.
 */
export const knownUserJson = (state: FakeState, viewer: User, user: User): Json => {
  const { relations: _relations, status, online, ...rendered } = userJson(state, user, user)
  const relationship = Option.isSome(user.bot)
    ? "None"
    : viewer.id === user.id
    ? "User"
    : Option.getOrElse(HashMap.get(state.relations, pair(viewer.id, user.id)), () => "None")
  const visible = relationship !== "BlockedOther"
  return { ...rendered, ...(visible && status !== undefined ? { status } : {}), relationship, online: visible && online === true }
}

/** The channel's messages, oldest first. */
export const channelMessages = (state: FakeState, channel: string): ReadonlyArray<Message> =>
  [...Option.getOrElse(HashMap.get(state.messages, channel), (): ReadonlyArray<Message> => [])].sort(
    Order.mapInput(Order.string, (message: Message) => message.id)
  )

/** A message anywhere on the instance, by id (as `db.fetch_message` finds it). */
export const messageById = (state: FakeState, id: string): Option.Option<Message> =>
  Option.fromNullable([...HashMap.values(state.messages)].flat().find((message) => message.id === id))

/** The users a message names: its author, and those of its system event. */
const namedUsers = (message: Message): ReadonlyArray<string> => {
  const system = Option.getOrUndefined(message.system)
  if (system === undefined) return [message.author]
  switch (system._tag) {
    case "SystemUserAdded":
    case "SystemUserRemove":
      return [message.author, system.by, system.id]
    case "SystemUserJoined":
    case "SystemUserLeft":
    case "SystemUserKicked":
    case "SystemUserBanned":
      return [message.author, system.id]
    case "SystemChannelOwnershipChanged":
      return [message.author, system.from, system.to]
    case "SystemChannelRenamed":
    case "SystemChannelDescriptionChanged":
    case "SystemChannelIconChanged":
    case "SystemMessagePinned":
    case "SystemMessageUnpinned":
    case "SystemCallStarted":
      return [message.author, system.by]
    default:
      return [message.author]
  }
}

/** `BulkMessageResponse`: the bare list, or with `include_users` the users named and, in a server, their members. */
const bulk = (state: FakeState, viewer: User, channel: Channel, messages: ReadonlyArray<Message>, includeUsers: boolean | undefined) => {
  const rendered = messages.map(messageJson)
  if (includeUsers !== true) return rendered
  const ids = [...new Set(messages.flatMap(namedUsers))]
  const users = ids.flatMap((id) => Option.toArray(userById(state, id))).map((user) => knownUserJson(state, viewer, user))
  if (channel._tag !== "TextChannel") return { messages: rendered, users }
  const members = ids.flatMap((id) => Option.toArray(HashMap.get(state.members, pair(channel.server, id)))).map(memberJson)
  return { messages: rendered, users, members }
}

type Sort = "Relevance" | "Latest" | "Oldest"

/** Messages with `_id` between `after` and `before` (exclusive), sorted, at most `limit`. */
const page = (messages: ReadonlyArray<Message>, options: { readonly before: string | undefined; readonly after: string | undefined; readonly sort: Sort; readonly limit: number }) => {
  const within = messages.filter((message) =>
    (options.before === undefined || message.id < options.before) && (options.after === undefined || message.id > options.after)
  )
  const ordered = options.sort === "Oldest" ? within : [...within].reverse()
  return ordered.slice(0, options.limit)
}

const failed = (error: string) => answer(apiError("FailedValidation", { error }))

/** The validator's checks on `limit` (1..100) and on ids given by length (exactly 26 characters). */
const validate = (limit: number | undefined, ids: Readonly<Record<string, string | undefined>>): Outcome | undefined => {
  if (limit !== undefined && (limit < 1 || limit > 100)) return failed(`limit: must be between 1 and 100, got ${limit}`)
  for (const [name, value] of Object.entries(ids)) {
    if (value !== undefined && [...value].length !== 26) return failed(`${name}: length must be 26`)
  }
  return undefined
}

/** The channel and the caller's permissions in it, or `NotFound`. */
const withChannel = (context: Context, then: (channel: Channel, permissions: number) => Outcome): Outcome =>
  Option.match(HashMap.get(context.state.channels, context.params[0] ?? ""), {
    onNone: () => answer(apiError("NotFound")),
    onSome: (channel) => then(channel, channelPermissions(context.state, channel, context.caller.user, context.now))
  })

const missing = (permission: keyof typeof Permission) => answer(apiError("MissingPermission", { permission }))

/** An `i64` query value as Rocket parses it, or `undefined`. */
const integer = (value: string | null) =>
  value !== null && /^[+-]?\d+$/.test(value) && BigInt(value) <= 2n ** 63n - 1n && BigInt(value) >= -(2n ** 63n)
    ? Number(value)
    : undefined

const sortValue = (value: string | null): Sort | undefined =>
  (["Relevance", "Latest", "Oldest"] as const).find((sort) => sort.toLowerCase() === value?.toLowerCase())

/**
 * `GET /channels/{id}/messages`: a page of history. Rocket's `Option` query fields never fail: a
 * value that does not parse (`limit=x`, `include_users=1`, `sort=x`) counts as absent.
 */
const history = (context: Context): Outcome => {
  const query = context.request.query
  const limit = integer(query.get("limit"))
  const ids = { before: query.get("before") ?? undefined, after: query.get("after") ?? undefined, nearby: query.get("nearby") ?? undefined }
  const sort = sortValue(query.get("sort"))
  const includeUsers = queryBool(query.get("include_users"))
  const invalid = validate(limit, ids)
  if (invalid !== undefined) return invalid
  if (sort === "Relevance") return answer(apiError("InvalidOperation"))
  return withChannel(context, (channel, permissions) => {
    if (!has(permissions, Permission.ReadMessageHistory)) return missing("ReadMessageHistory")
    const messages = channelMessages(context.state, channel.id)
    const count = limit ?? 50
    const nearby = ids.nearby
    // `nearby`: two queries of limit/2 + 1, newer (from the message) ascending then older descending, concatenated unsorted.
    const found = nearby === undefined
      ? page(messages, { before: ids.before, after: ids.after, sort: sort ?? "Latest", limit: count })
      : [
        ...messages.filter((message) => message.id >= nearby).slice(0, Math.floor(count / 2) + 1),
        ...messages.filter((message) => message.id < nearby).reverse().slice(0, Math.floor(count / 2) + 1)
      ]
    return answer(json(200, bulk(context.state, context.caller.user, channel, found, includeUsers)))
  })
}

/** `GET /channels/{id}/messages/{message}`: needs `ViewChannel` and `ReadMessageHistory`; a message of another channel is not found. */
const fetchMessage = (context: Context): Outcome =>
  withChannel(context, (channel, permissions) => {
    if (!has(permissions, Permission.ViewChannel)) return missing("ViewChannel")
    if (!has(permissions, Permission.ReadMessageHistory)) return missing("ReadMessageHistory")
    const message = messageById(context.state, context.params[1] ?? "").pipe(Option.filter((message) => message.channel === channel.id))
    return Option.match(message, {
      onNone: () => answer(apiError("NotFound")),
      onSome: (message) => answer(json(200, messageJson(message)))
    })
  })

const nullable = <S extends Schema.Schema.AnyNoContext>(schema: S) => Schema.optionalWith(schema, { nullable: true })

/** `DataMessageSearch` as serde reads it: `sort` may be absent but not `null`. */
const SearchBody = Schema.Struct({
  query: nullable(Schema.String),
  pinned: nullable(Schema.Boolean),
  limit: nullable(Schema.Int),
  before: nullable(Schema.String),
  after: nullable(Schema.String),
  sort: Schema.optional(Schema.Literal("Relevance", "Latest", "Oldest")),
  include_users: nullable(Schema.Boolean)
})

const words = (text: string) => new Set(text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((word) => word !== ""))

/**
 * `POST /channels/{id}/search`. MongoDB's `$text` is approximated: a message matches when its content
 * contains a word of the query (case-insensitive, no stemming), and relevance is how many it contains.
 */
const search = (context: Context): Outcome => {
  // serde reads the body (a 422 for a wrong shape) before the handler refuses bots.
  const decoded = decodeBody(SearchBody, context.body, context.request)
  if (Either.isLeft(decoded)) return answer(decoded.left)
  if (Option.isSome(context.caller.user.bot)) return answer(apiError("IsBot"))
  const body = decoded.right
  if (body.query !== undefined && ([...body.query].length < 1 || [...body.query].length > 64)) {
    return failed("query: length must be between 1 and 64")
  }
  const invalid = validate(body.limit, { before: body.before, after: body.after })
  if (invalid !== undefined) return invalid
  if (body.query !== undefined && body.pinned !== undefined) return answer(apiError("InvalidOperation"))
  return withChannel(context, (channel, permissions) => {
    if (!has(permissions, Permission.ReadMessageHistory)) return missing("ReadMessageHistory")
    const terms = body.query === undefined ? undefined : words(body.query)
    const score = (message: Message) => {
      const content = words(Option.getOrElse(message.content, () => ""))
      return terms === undefined ? 0 : [...terms].filter((term) => content.has(term)).length
    }
    const candidates = channelMessages(context.state, channel.id).filter((message) =>
      (terms === undefined || score(message) > 0) &&
      // The backend never stores `pinned: false` (unpinning removes the field), so `pinned: false` matches nothing.
      (body.pinned === undefined || (body.pinned && message.pinned))
    )
    const sort = body.sort ?? "Relevance"
    const found = sort === "Relevance" && terms !== undefined
      ? page([...candidates].sort((a, b) => score(a) - score(b)), { before: body.before, after: body.after, sort: "Latest", limit: body.limit ?? 50 })
      : page(candidates, { before: body.before, after: body.after, sort, limit: body.limit ?? 50 })
    return answer(json(200, bulk(context.state, context.caller.user, channel, found, body.include_users)))
  })
}

export const messageRoutes: ReadonlyArray<Route> = [
  { method: "GET", path: "/channels/:channel/messages", auth: true, handle: history },
  { method: "GET", path: "/channels/:channel/messages/:message", auth: true, handle: fetchMessage },
  { method: "POST", path: "/channels/:channel/search", auth: true, body: "json", handle: search }
]
