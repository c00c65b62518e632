import { Either, HashMap, Option, Schema } from "effect"
import { isUlid, ulidTime } from "../../../schema/Ids.js"
import { type FakeState, pair } from "../FakeState.js"
import { apiError, catcher, type FakeResponse, json } from "../http.js"
import { parseMentions } from "../mentions.js"
import { emptyMessage, type MessageRecord } from "../records.js"
import type { Context, Outcome, Route } from "../router.js"
import { channelPermissions, has, Permission, type PermissionName } from "../rules/permissions.js"
import { messageJson } from "../wire/messages.js"
import { memberJson } from "../wire/servers.js"
import { staticUserJson } from "../wire/users.js"
import { decodeBody, newId, nullable, readJson } from "./common.js"
import { messageById } from "./messages.js"

/** The message flag bits: the backend's bitfield sets `1 << value` for `MessageFlags` 1, 2 and 3. */
const MessageFlags = { SuppressNotifications: 2, MentionsEveryone: 4, MentionsOnline: 8 } as const

/** `DataMessageSend` as serde reads it (a reply's `mention` is required; `flags` is a `u32`). */
const SendBody = Schema.Struct({
  nonce: nullable(Schema.String),
  content: nullable(Schema.String),
  attachments: nullable(Schema.Array(Schema.String)),
  replies: nullable(Schema.Array(Schema.Struct({
    id: Schema.String,
    mention: Schema.Boolean,
    fail_if_not_exists: nullable(Schema.Boolean)
  }))),
  embeds: nullable(Schema.Array(Schema.Struct({
    icon_url: nullable(Schema.String),
    url: nullable(Schema.String),
    title: nullable(Schema.String),
    description: nullable(Schema.String),
    media: nullable(Schema.String),
    colour: nullable(Schema.String)
  }))),
  masquerade: nullable(Schema.Struct({
    name: nullable(Schema.String),
    avatar: nullable(Schema.String),
    colour: nullable(Schema.String)
  })),
  interactions: nullable(Schema.Struct({
    reactions: nullable(Schema.Array(Schema.String)),
    restrict_reactions: Schema.optional(Schema.Boolean)
  })),
  flags: nullable(Schema.Int.pipe(Schema.between(0, 4294967295)))
})
type SendBody = typeof SendBody.Type

const colourValue = String.raw`[a-z ]+|var\(--[a-z\d-]+\)|rgba?\([\d, ]+\)|#[a-f0-9]+`
const colourStop = String.raw`([ ]+(\d{1,3}%|0))?`
/** The backend's `RE_COLOUR`: a CSS colour name, variable, `rgb()`, hex, or gradient. */
const colourPattern = new RegExp(
  String.raw`^(?:${colourValue}|(repeating-)?(linear|conic|radial)-gradient\((${colourValue}|\d+deg)` +
    String.raw`([ ]+in[ ]+[a-z-]+([ ]+(shorter|longer|increasing|decreasing)[ ]+hue)?)?${colourStop}` +
    String.raw`(,[ ]*(${colourValue})${colourStop})+\))$`,
  "i"
)

const length = (value: string) => [...value].length

/** The validator's verdict on the body, in field order: the first failure's message. */
const validation = (body: SendBody): string | undefined => {
  const range = (name: string, value: string | undefined, min: number, max: number) =>
    value !== undefined && (length(value) < min || length(value) > max) ? `${name}: length must be ${min}..${max}` : undefined
  const colour = (name: string, value: string | undefined) =>
    range(name, value, 1, 128) ?? (value !== undefined && !colourPattern.test(value) ? `${name}: must be a CSS colour` : undefined)
  const checks = [
    range("nonce", body.nonce, 1, 64),
    ...(body.embeds ?? []).flatMap((embed, index) => [
      range(`embeds[${index}].icon_url`, embed.icon_url, 1, 256),
      range(`embeds[${index}].url`, embed.url, 1, 256),
      range(`embeds[${index}].title`, embed.title, 1, 100),
      range(`embeds[${index}].description`, embed.description, 1, 2000),
      colour(`embeds[${index}].colour`, embed.colour)
    ]),
    range("masquerade.name", body.masquerade?.name, 1, 32),
    range("masquerade.avatar", body.masquerade?.avatar, 1, 256),
    colour("masquerade.colour", body.masquerade?.colour)
  ]
  return checks.find((check) => check !== undefined)
}

/** Spends a key in the backend's LRU of 1000: whether it was fresh, and the keys after (a seen key becomes the newest). */
const spend = (keys: ReadonlyArray<string>, key: string): readonly [boolean, ReadonlyArray<string>] =>
  [!keys.includes(key), [...keys.filter((other) => other !== key), key].slice(-1000)]

/** A unicode emoji the backend lets one react with (its list is approximated by Unicode's emoji properties). */
const isEmoji = (value: string) => {
  const bare = value.replaceAll("\uFE0F", "")
  return /^[\p{Extended_Pictographic}\p{Emoji_Component}\u200D]+$/u.test(bare) && /\p{Extended_Pictographic}|[\u{1F1E6}-\u{1F1FF}]/u.test(bare)
}

const maxReplies = 5
const maxEmbeds = 5
const maxReactions = 20

/**
 * `POST /channels/{id}/messages`: the checks of reference §8 in their order. The `Idempotency-Key`
 * guard runs before the body is read, so a key is spent by any request that gets past it, and a
 * started slowmode stays started when a later check fails: both as the backend does.
 */
const send = ({ state, params, caller, now, request }: Context): Outcome => {
  const user = caller.user
  let next: FakeState = state
  const fail = (response: FakeResponse): Outcome => ({ state: next, response })
  const error = (...args: Parameters<typeof apiError>) => fail(apiError(...args))
  const missing = (permission: PermissionName) => error("MissingPermission", { permission })

  const header = request.headers["idempotency-key"]
  let key: string
  if (header !== undefined) {
    if (header.length > 64) return fail(catcher(request, 400))
    const [fresh, keys] = spend(state.idempotencyKeys, header)
    next = { ...next, idempotencyKeys: keys }
    if (!fresh) return fail(catcher(request, 409))
    key = header
  } else {
    const [id, counted] = newId(next, now)
    key = id
    next = counted
  }

  const parsed = readJson(request)
  if (Either.isLeft(parsed)) return fail(parsed.left)
  const decoded = decodeBody(SendBody, parsed.right, request)
  if (Either.isLeft(decoded)) return fail(decoded.left)
  const body = decoded.right
  const invalid = validation(body)
  if (invalid !== undefined) return error("FailedValidation", { error: invalid })

  const found = HashMap.get(next.channels, params[0] ?? "")
  if (Option.isNone(found)) return error("NotFound")
  const channel = found.value
  const permissions = channelPermissions(next, channel, user, now)
  const lacks = (permission: PermissionName) => !has(permissions, Permission[permission])
  if (lacks("SendMessage")) return missing("SendMessage")
  if (body.masquerade !== undefined) {
    if (lacks("Masquerade")) return missing("Masquerade")
    if (body.masquerade.colour !== undefined && lacks("ManageRole")) return missing("ManageRole")
  }
  const embeds = body.embeds ?? []
  const attachments = body.attachments ?? []
  if (embeds.length > 0 && lacks("SendEmbeds")) return missing("SendEmbeds")
  if (attachments.length > 0 && lacks("UploadFiles")) return missing("UploadFiles")

  if (channel.channel_type === "TextChannel" && lacks("BypassSlowmode")) {
    const seconds = channel.slowmode ?? 0
    if (seconds > 0) {
      const slowKey = pair(user._id, channel._id)
      const until = HashMap.get(next.slowmode, slowKey).pipe(Option.filter((end) => end > now))
      if (Option.isNone(until)) next = { ...next, slowmode: HashMap.set(next.slowmode, slowKey, now + seconds * 1000) }
      else {
        // Redis rounds the TTL to whole seconds; one that rounds to 0 lets the message through.
        const ttl = Math.floor((until.value - now + 500) / 1000)
        if (ttl > 0) return error("InSlowmode", { retry_after: ttl })
      }
    }
  }

  const reactions = body.interactions?.reactions
  if (reactions !== undefined) {
    if (lacks("React")) return missing("React")
    if (reactions.length > maxReactions) return error("InvalidOperation")
    for (const reaction of reactions) {
      // A custom emoji is looked up by id, and the fake holds no emojis: NotFound, as for a missing one.
      if (isUlid(reaction)) return error("NotFound")
      if (!isEmoji(reaction)) return error("InvalidOperation")
    }
  }

  const contentBytes = Buffer.byteLength(body.content ?? "") +
    embeds.reduce((total, embed) => total + Buffer.byteLength(embed.description ?? ""), 0)
  if (contentBytes > next.settings.messageLength) return error("PayloadTooLarge")

  if (body.nonce !== undefined) {
    const [fresh, keys] = spend(next.idempotencyKeys, body.nonce)
    next = { ...next, idempotencyKeys: keys }
    if (!fresh) return error("InvalidOperation")
    key = body.nonce
  }

  if ((body.content ?? "") === "" && attachments.length === 0 && embeds.length === 0) return error("EmptyMessage")

  const server = channel.channel_type === "TextChannel" ? HashMap.get(next.servers, channel.server) : Option.none()
  // Accounts younger than 12 hours cannot mention in discoverable servers.
  const allowMentions = !Option.exists(server, (server) => server.discoverable) ||
    (isUlid(user._id) && now - ulidTime(user._id) >= 12 * 3_600_000)
  const bit = (flags: number, flag: number) => (flags & flag) === flag
  const flags = body.flags ?? 0
  if (body.flags !== undefined) {
    if (flags > 7) return error("InvalidProperty")
    const everyone = allowMentions && bit(flags, MessageFlags.MentionsEveryone)
    const online = allowMentions && bit(flags, MessageFlags.MentionsOnline)
    if (user.bot === undefined && (everyone || online)) return error("IsNotBot")
    // Unreachable, as in the backend: MentionsOnline (8) is above the limit of 7 checked first.
    if (everyone && online) return error("InvalidFlagValue")
  }

  if (body.interactions?.restrict_reactions === true && (reactions ?? []).length === 0) return error("InvalidProperty")

  const parsedMentions = parseMentions(body.content ?? "")
  const everyone = parsedMentions.everyone || (allowMentions && bit(flags, MessageFlags.MentionsEveryone))
  const online = parsedMentions.online || (allowMentions && bit(flags, MessageFlags.MentionsOnline))
  let roles = parsedMentions.roles
  if (allowMentions && Option.isSome(server)) roles = roles.filter((role) => role in server.value.roles)
  if ((everyone || online) && lacks("MentionEveryone")) return missing("MentionEveryone")
  if (roles.length > 0 && lacks("MentionRoles")) return missing("MentionRoles")

  const mentioned = new Set(parsedMentions.users)
  const replies: Array<string> = []
  const intents = body.replies ?? []
  if (intents.length > maxReplies) return error("TooManyReplies", { max: maxReplies })
  for (const intent of intents) {
    // The backend looks the message up anywhere, not only in this channel.
    const target = messageById(next, intent.id)
    if (Option.isNone(target)) {
      if (intent.fail_if_not_exists ?? true) return error("NotFound")
      continue
    }
    if (intent.mention && allowMentions) mentioned.add(target.value.author)
    if (!replies.includes(target.value._id)) replies.push(target.value._id)
  }

  let mentions = [...mentioned]
  if (mentions.length > 0) {
    switch (channel.channel_type) {
      case "DirectMessage":
      case "Group":
        mentions = mentions.filter((id) => channel.recipients.some((recipient) => recipient === id))
        roles = []
        break
      case "TextChannel":
        mentions = mentions.filter((id) =>
          HashMap.has(next.members, pair(channel.server, id)) &&
          Option.exists(HashMap.get(next.accounts, id), (account) =>
            has(channelPermissions(next, channel, account.user, now), Permission.ViewChannel))
        )
        break
      default:
        mentions = []
    }
  }

  if (attachments.length > next.settings.attachments) return error("TooManyAttachments", { max: next.settings.attachments })
  if (embeds.length > maxEmbeds) return error("TooManyEmbeds", { max: maxEmbeds })
  // The fake has no file server: no uploaded attachment or embed media can be found.
  if (attachments.length > 0 || embeds.some((embed) => embed.media !== undefined)) return error("NotFound")

  const [id, counted] = newId(next, now)
  next = counted
  const message: MessageRecord = {
    ...emptyMessage(id, channel._id, user._id),
    nonce: key,
    content: body.content,
    embeds: embeds.map((embed) => ({ ...embed, type: "Text", media: undefined })),
    mentions,
    role_mentions: roles,
    replies,
    interactions: {
      reactions: [...new Set(reactions ?? [])],
      restrict_reactions: body.interactions?.restrict_reactions ?? false
    },
    masquerade: body.masquerade,
    flags: (bit(flags, MessageFlags.SuppressNotifications) ? MessageFlags.SuppressNotifications : 0) |
      (everyone ? MessageFlags.MentionsEveryone : 0) | (online ? MessageFlags.MentionsOnline : 0)
  }
  const history = Option.getOrElse(HashMap.get(next.messages, channel._id), (): ReadonlyArray<MessageRecord> => [])
  const updated = channel.channel_type === "SavedMessages" ? channel : { ...channel, last_message_id: id }
  next = {
    ...next,
    messages: HashMap.set(next.messages, channel._id, [...history, message]),
    channels: HashMap.set(next.channels, channel._id, updated)
  }
  const member = channel.channel_type === "TextChannel" ? HashMap.get(next.members, pair(channel.server, user._id)) : Option.none()
  return {
    state: next,
    response: json(200, {
      ...messageJson(message),
      user: staticUserJson(user),
      ...(Option.isSome(member) ? { member: memberJson(member.value) } : {})
    })
  }
}

export const messageSendRoutes: ReadonlyArray<Route> = [
  { method: "POST", path: "/channels/:channel/messages", auth: true, handle: send }
]
