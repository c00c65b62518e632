import { Context, Effect, HashMap, Layer, Option, Ref } from "effect"
import {
  DirectMessageChannel,
  GroupChannel,
  SavedMessagesChannel,
  TextChannel,
  UnknownChannelType,
  type Channel
} from "../schema/Channel.js"
import { Ban } from "../schema/Ban.js"
import type { ChannelId, ServerId, UserId } from "../schema/Ids.js"
import { Member } from "../schema/Member.js"
import { Message } from "../schema/Message.js"
import { Server } from "../schema/Server.js"
import { User } from "../schema/User.js"

interface Entries {
  readonly users: HashMap.HashMap<string, User>
  readonly servers: HashMap.HashMap<string, Server>
  readonly channels: HashMap.HashMap<string, Channel>
  readonly members: HashMap.HashMap<string, Member>
  readonly bans: HashMap.HashMap<string, Ban>
  readonly dmChannels: HashMap.HashMap<string, ChannelId>
  /** Per channel id, its messages by id. */
  readonly messages: HashMap.HashMap<string, HashMap.HashMap<string, Message>>
}

const empty: Entries = {
  users: HashMap.empty(),
  servers: HashMap.empty(),
  channels: HashMap.empty(),
  members: HashMap.empty(),
  bans: HashMap.empty(),
  dmChannels: HashMap.empty(),
  messages: HashMap.empty()
}

const memberEntry = (server: string, user: string) => `${server}/${user}`

/** How many messages the cache keeps per channel: the newest. */
const messagesPerChannel = 1000

const addMessage = (
  messages: HashMap.HashMap<string, HashMap.HashMap<string, Message>>,
  message: Message
): HashMap.HashMap<string, HashMap.HashMap<string, Message>> => {
  const channel = HashMap.set(
    Option.getOrElse(HashMap.get(messages, message.channel), () => HashMap.empty<string, Message>()),
    message.id,
    message
  )
  if (HashMap.size(channel) <= messagesPerChannel) return HashMap.set(messages, message.channel, channel)
  const oldest = Array.from(HashMap.keys(channel)).reduce((a, b) => (b < a ? b : a))
  return HashMap.set(messages, message.channel, HashMap.remove(channel, oldest))
}

const isChannel = (value: object): value is Channel =>
  value instanceof SavedMessagesChannel ||
  value instanceof DirectMessageChannel ||
  value instanceof GroupChannel ||
  value instanceof TextChannel ||
  value instanceof UnknownChannelType

/** Adds every user, server, channel, member and ban found in `value` (walking arrays and objects). */
const learn = (entries: Entries, value: unknown): Entries => {
  const users = HashMap.beginMutation(entries.users)
  const servers = HashMap.beginMutation(entries.servers)
  const channels = HashMap.beginMutation(entries.channels)
  const members = HashMap.beginMutation(entries.members)
  const bans = HashMap.beginMutation(entries.bans)
  const messages: Array<Message> = []
  const walk = (value: unknown): void => {
    if (typeof value !== "object" || value === null) return
    if (value instanceof User) HashMap.set(users, value.id, value)
    else if (value instanceof Member) HashMap.set(members, memberEntry(value.id.server, value.id.user), value)
    else if (value instanceof Server) HashMap.set(servers, value.id, value)
    else if (value instanceof Ban) HashMap.set(bans, memberEntry(value.id.server, value.id.user), value)
    else if (isChannel(value)) HashMap.set(channels, value.id, value)
    else if (value instanceof Message) {
      messages.push(value)
      Object.values(value).forEach(walk)
    } else if (Array.isArray(value)) value.forEach(walk)
    else if (Option.isOption(value)) Option.map(value, walk)
    else Object.values(value).forEach(walk)
  }
  walk(value)
  return {
    ...entries,
    users: HashMap.endMutation(users),
    servers: HashMap.endMutation(servers),
    channels: HashMap.endMutation(channels),
    members: HashMap.endMutation(members),
    bans: HashMap.endMutation(bans),
    messages: messages.reduce(addMessage, entries.messages)
  }
}

/** What the client has learnt from responses: users, servers, channels and members. */
export class StoatCache extends Context.Tag("effect-stoat/StoatCache")<
  StoatCache,
  {
    /** Stores every user, server, channel and member found in a decoded response. */
    readonly remember: (value: unknown) => Effect.Effect<void>
    /** Drops a member (after a kick or a ban). */
    readonly forgetMember: (server: ServerId, user: UserId) => Effect.Effect<void>
    /** Drops every member (they may be stale: the events socket reconnected). */
    readonly forgetMembers: Effect.Effect<void>
    readonly getUser: (id: UserId) => Effect.Effect<Option.Option<User>>
    readonly getServer: (id: ServerId) => Effect.Effect<Option.Option<Server>>
    readonly getChannel: (id: ChannelId) => Effect.Effect<Option.Option<Channel>>
    readonly getMember: (server: ServerId, user: UserId) => Effect.Effect<Option.Option<Member>>
    readonly users: Effect.Effect<ReadonlyArray<User>>
    /** The bans known for a server (from bans made and ban lists fetched through this client). */
    readonly getBans: (server: ServerId) => Effect.Effect<ReadonlyArray<Ban>>
    /** Drops a ban (after an unban). */
    readonly forgetBan: (server: ServerId, user: UserId) => Effect.Effect<void>
    /** Replaces what is known of a server's bans with a fetched ban list. */
    readonly replaceBans: (server: ServerId, bans: ReadonlyArray<Ban>) => Effect.Effect<void>
    /** Records the channel `GET /users/{id}/dm` answered for a user: their DM, or your saved messages. */
    readonly rememberDmChannel: (user: UserId, channel: ChannelId) => Effect.Effect<void>
    /** The id of the DM (saved messages for yourself) opened with a user through this client. */
    readonly getDmChannelId: (user: UserId) => Effect.Effect<Option.Option<ChannelId>>
    /** The messages of a channel learnt from responses (the newest 1000), oldest first. */
    readonly getChannelMessages: (channel: ChannelId) => Effect.Effect<ReadonlyArray<Message>>
  }
>() {
  /** An empty in-memory cache. */
  static make: Effect.Effect<Context.Tag.Service<StoatCache>> = Effect.map(Ref.make(empty), (ref) => ({
    remember: (value) => Ref.update(ref, (entries) => learn(entries, value)),
    forgetMember: (server, user) =>
      Ref.update(ref, (entries) => ({ ...entries, members: HashMap.remove(entries.members, memberEntry(server, user)) })),
    forgetMembers: Ref.update(ref, (entries) => ({ ...entries, members: HashMap.empty() })),
    getUser: (id) => Effect.map(Ref.get(ref), (entries) => HashMap.get(entries.users, id)),
    getServer: (id) => Effect.map(Ref.get(ref), (entries) => HashMap.get(entries.servers, id)),
    getChannel: (id) => Effect.map(Ref.get(ref), (entries) => HashMap.get(entries.channels, id)),
    getMember: (server, user) =>
      Effect.map(Ref.get(ref), (entries) => HashMap.get(entries.members, memberEntry(server, user))),
    users: Effect.map(Ref.get(ref), (entries) => Array.from(HashMap.values(entries.users))),
    getBans: (server) =>
      Effect.map(Ref.get(ref), (entries) => Array.from(HashMap.values(entries.bans)).filter((ban) => ban.id.server === server)),
    forgetBan: (server, user) =>
      Ref.update(ref, (entries) => ({ ...entries, bans: HashMap.remove(entries.bans, memberEntry(server, user)) })),
    replaceBans: (server, bans) =>
      Ref.update(ref, (entries) => ({
        ...entries,
        bans: HashMap.union(
          HashMap.filter(entries.bans, (ban) => ban.id.server !== server),
          HashMap.fromIterable(bans.map((ban) => [memberEntry(ban.id.server, ban.id.user), ban] as const))
        )
      })),
    rememberDmChannel: (user, channel) =>
      Ref.update(ref, (entries) => ({ ...entries, dmChannels: HashMap.set(entries.dmChannels, user, channel) })),
    getDmChannelId: (user) => Effect.map(Ref.get(ref), (entries) => HashMap.get(entries.dmChannels, user)),
    getChannelMessages: (channel) =>
      Effect.map(Ref.get(ref), (entries) =>
        Option.match(HashMap.get(entries.messages, channel), {
          onNone: () => [],
          onSome: (messages) => Array.from(HashMap.values(messages)).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
        }))
  }))

  /** A layer of an empty in-memory cache. */
  static layer: Layer.Layer<StoatCache> = Layer.effect(StoatCache, StoatCache.make)
}
