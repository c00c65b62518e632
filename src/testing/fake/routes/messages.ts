import { Either, HashMap, Option, Order, Schema } from "effect"
import { type FakeState, pair } from "../FakeState.js"
import { apiError, json } from "../http.js"
import type { ChannelRecord, MessageRecord, UserRecord } from "../records.js"
import type { Context, Outcome, Route } from "../router.js"
import { channelPermissions, has, Permission } from "../rules/permissions.js"
import { messageJson } from "../wire/messages.js"
import { memberJson } from "../wire/servers.js"
import { knownUserJson } from "../wire/users.js"
import { answer, decodeBody, nullable, queryBool, userById } from "./common.js"

/** The channel's messages, oldest first. */
export const channelMessages = (state: FakeState, channel: string): ReadonlyArray<MessageRecord> =>
  [...Option.getOrElse(HashMap.get(state.messages, channel), (): ReadonlyArray<MessageRecord> => [])].sort(
    Order.mapInput(Order.string, (message: MessageRecord) => message._id)
  )

/** A message anywhere on the instance, by id (as `db.fetch_message` finds it). */
export const messageById = (state: FakeState, id: string): Option.Option<MessageRecord> =>
  Option.fromNullable([...HashMap.values(state.messages)].flat().find((message) => message._id === id))

/** The system message keys that name users, by event. */
const systemUsers: Readonly<Record<string, ReadonlyArray<string>>> = {
  user_added: ["by", "id"],
  user_remove: ["by", "id"],
  user_joined: ["id"],
  user_left: ["id"],
  user_kicked: ["id"],
  user_banned: ["id"],
  channel_ownership_changed: ["from", "to"],
  channel_renamed: ["by"],
  channel_description_changed: ["by"],
  channel_icon_changed: ["by"],
  message_pinned: ["by"],
  message_unpinned: ["by"],
  call_started: ["by"]
}

/** The users a message names: its author, and those of its system event. */
const namedUsers = (message: MessageRecord): ReadonlyArray<string> => {
  const system = message.system
  if (system === undefined) return [message.author]
  return [message.author, ...(systemUsers[system.type] ?? []).flatMap((key) => Option.toArray(Option.fromNullable(system[key])))]
}

/** `BulkMessageResponse`: the bare list, or with `include_users` the users named and, in a server, their members. */
const bulk = (state: FakeState, viewer: UserRecord, channel: ChannelRecord, messages: ReadonlyArray<MessageRecord>, includeUsers: boolean | undefined) => {
  const rendered = messages.map(messageJson)
  if (includeUsers !== true) return rendered
  const ids = [...new Set(messages.flatMap(namedUsers))]
  const users = ids.flatMap((id) => Option.toArray(userById(state, id))).map((user) => knownUserJson(state, viewer, user))
  if (channel.channel_type !== "TextChannel") return { messages: rendered, users }
  const members = ids.flatMap((id) => Option.toArray(HashMap.get(state.members, pair(channel.server, id)))).map((member) => memberJson(member))
  return { messages: rendered, users, members }
}

type Sort = "Relevance" | "Latest" | "Oldest"

/** Messages with `_id` between `after` and `before` (exclusive), sorted, at most `limit`. */
const page = (messages: ReadonlyArray<MessageRecord>, options: { readonly before: string | undefined; readonly after: string | undefined; readonly sort: Sort; readonly limit: number }) => {
  const within = messages.filter((message) =>
    (options.before === undefined || message._id < options.before) && (options.after === undefined || message._id > options.after)
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
const withChannel = (context: Context, then: (channel: ChannelRecord, permissions: number) => Outcome): Outcome =>
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
    const messages = channelMessages(context.state, channel._id)
    const count = limit ?? 50
    const nearby = ids.nearby
    // `nearby`: two queries of limit/2 + 1, newer (from the message) ascending then older descending, concatenated unsorted.
    const found = nearby === undefined
      ? page(messages, { before: ids.before, after: ids.after, sort: sort ?? "Latest", limit: count })
      : [
        ...messages.filter((message) => message._id >= nearby).slice(0, Math.floor(count / 2) + 1),
        ...messages.filter((message) => message._id < nearby).reverse().slice(0, Math.floor(count / 2) + 1)
      ]
    return answer(json(200, bulk(context.state, context.caller.user, channel, found, includeUsers)))
  })
}

/** `GET /channels/{id}/messages/{message}`: needs `ViewChannel` and `ReadMessageHistory`; a message of another channel is not found. */
const fetchMessage = (context: Context): Outcome =>
  withChannel(context, (channel, permissions) => {
    if (!has(permissions, Permission.ViewChannel)) return missing("ViewChannel")
    if (!has(permissions, Permission.ReadMessageHistory)) return missing("ReadMessageHistory")
    const message = messageById(context.state, context.params[1] ?? "").pipe(Option.filter((message) => message.channel === channel._id))
    return Option.match(message, {
      onNone: () => answer(apiError("NotFound")),
      onSome: (message) => answer(json(200, messageJson(message)))
    })
  })

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
  if (context.caller.user.bot !== undefined) return answer(apiError("IsBot"))
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
    const score = (message: MessageRecord) => {
      const content = words(message.content ?? "")
      return terms === undefined ? 0 : [...terms].filter((term) => content.has(term)).length
    }
    const candidates = channelMessages(context.state, channel._id).filter((message) =>
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
