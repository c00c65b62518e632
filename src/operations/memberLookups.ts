import { DateTime, Effect, Option } from "effect"
import { DirectMessageChannel, SavedMessagesChannel, UnknownChannelType } from "../schema/Channel.js"
import type { ChannelId, MessageId } from "../schema/Ids.js"
import type { Member } from "../schema/Member.js"
import type { HasMemberId } from "../schema/memberValues.js"
import type { Message } from "../schema/Message.js"
import type { Permissions } from "../schema/Permissions.js"
import type { Server } from "../schema/Server.js"
import { serverPermissionsAt } from "../schema/serverPermissions.js"
import type { User } from "../schema/User.js"
import { StoatCache } from "../services/StoatCache.js"
import { type Identifiable, idOf } from "../internal/input.js"
import { cachedTargetChannelId, type MessageTarget } from "./messageTarget.js"
import type { DmChannel } from "../schema/Channel.js"

/** The seed's `get_user`: the member's cached user. */
export const getMemberUser = (member: HasMemberId): Effect.Effect<Option.Option<User>, never, StoatCache> =>
  Effect.flatMap(StoatCache, (cache) => cache.getUser(member.id.user))

/** The seed's `get_server`: the member's cached server. */
export const getMemberServer = (member: HasMemberId): Effect.Effect<Option.Option<Server>, never, StoatCache> =>
  Effect.flatMap(StoatCache, (cache) => cache.getServer(member.id.server))

/** The seed's `get_bot_owner`: when the member's user is a cached bot, its owner, if cached too. */
export const getMemberBotOwner = (member: HasMemberId): Effect.Effect<Option.Option<User>, never, StoatCache> =>
  Effect.flatMap(StoatCache, (cache) =>
    Effect.flatMap(cache.getUser(member.id.user), (user) =>
      Option.match(Option.flatMap(user, (user) => user.bot), {
        onNone: () => Effect.succeed(Option.none()),
        onSome: (bot) => cache.getUser(bot.owner)
      })))

/** The seed's `get_channel_id` (`dm_channel_id`): the id of the DM with the member's user, when opened through this client. */
export const getMemberDmChannelId = (member: HasMemberId): Effect.Effect<Option.Option<ChannelId>, never, StoatCache> =>
  Effect.flatMap(StoatCache, (cache) => cache.getDmChannelId(member.id.user))

const isDmChannel = (channel: unknown): channel is DmChannel =>
  channel instanceof DirectMessageChannel || channel instanceof SavedMessagesChannel || channel instanceof UnknownChannelType

/** The seed's `dm_channel`: the cached DM with the member's user (your saved messages for yourself), once opened. */
export const getMemberDmChannel = (member: HasMemberId): Effect.Effect<Option.Option<DmChannel>, never, StoatCache> =>
  Effect.flatMap(StoatCache, (cache) =>
    Effect.flatMap(cache.getDmChannelId(member.id.user), (id) =>
      Option.match(id, {
        onNone: () => Effect.succeed(Option.none()),
        onSome: (id) => Effect.map(cache.getChannel(id), Option.filter(isDmChannel))
      })))

/** The seed's `pm`: an alias of `getMemberDmChannel`. */
export const getMemberPm = getMemberDmChannel

/**
 * The seed's `get_message`: a message of the target's channel, by id, from the cache (none when it
 * was never seen, or when the target is a member or user whose DM id is not cached).
 */
export const getMessage = (
  target: MessageTarget,
  message: Identifiable<MessageId>
): Effect.Effect<Option.Option<Message>, never, StoatCache> =>
  Effect.gen(function*() {
    const channel = yield* cachedTargetChannelId(target)
    if (Option.isNone(channel)) return Option.none()
    const messages = yield* Effect.flatMap(StoatCache, (cache) => cache.getChannelMessages(channel.value))
    return Option.fromNullable(messages.find((found) => found.id === idOf(message)))
  })

/**
 * The seed's `messages`: the cached messages of the DM with the member's user, oldest first (none
 * while that DM's id is not cached).
 */
export const getMemberMessages = (member: HasMemberId): Effect.Effect<ReadonlyArray<Message>, never, StoatCache> =>
  Effect.flatMap(StoatCache, (cache) =>
    Effect.flatMap(cache.getDmChannelId(member.id.user), (channel) =>
      Option.match(channel, { onNone: () => Effect.succeed([]), onSome: cache.getChannelMessages })))

/**
 * The seed's `server_permissions` from the cache: the member's permissions now (by the `Clock`)
 * when its server is cached (and its user, if cached, for `privileged`).
 */
export const getMemberServerPermissions = (member: Member): Effect.Effect<Option.Option<Permissions>, never, StoatCache> =>
  Effect.all([getMemberServer(member), getMemberUser(member), DateTime.now]).pipe(
    Effect.map(([server, user, now]) =>
      Option.map(server, (server) => serverPermissionsAt(member, server, now, Option.getOrUndefined(user)))
    )
  )
