import { Context, Effect, Layer, Option } from "effect"
import { Ban, BanList } from "../schema/Ban.js"
import {
  type Channel,
  DirectMessageChannel,
  GroupChannel,
  SavedMessagesChannel,
  TextChannel,
  UnknownChannelType
} from "../schema/Channel.js"
import type { ChannelId, ServerId, UserId } from "../schema/Ids.js"
import { Member } from "../schema/Member.js"
import { Message } from "../schema/Message.js"
import { Server } from "../schema/Server.js"
import { User } from "../schema/User.js"

/** How many entries of each kind the cache keeps: the most recently learnt. */
export interface StoatCacheSizes {
  readonly users: number
  readonly servers: number
  readonly channels: number
  readonly members: number
  readonly bans: number
  readonly dmChannels: number
  /** Channels whose messages are kept. */
  readonly messageChannels: number
  /** Messages kept per channel: the newest. */
  readonly messagesPerChannel: number
}

/** The default sizes: room for a few 10k-member servers, 1000 messages in each of 100 channels. */
export const defaultCacheSizes: StoatCacheSizes = {
  users: 50_000,
  servers: 1_000,
  channels: 10_000,
  members: 50_000,
  bans: 10_000,
  dmChannels: 10_000,
  messageChannels: 100,
  messagesPerChannel: 1_000
}

/**
 * A map of at most `size` entries: when full, the entry learnt first goes. An update keeps its
 * place, so that remembering a big list again costs a lookup per entry, not a reordering.
 */
class Bounded<V> {
  readonly entries = new Map<string, V>()
  constructor(readonly size: number) {}
  set(key: string, value: V): void {
    const full = this.entries.size >= this.size && !this.entries.has(key)
    this.entries.set(key, value)
    if (full) this.entries.delete(this.entries.keys().next().value ?? key)
  }
  get(key: string): Option.Option<V> {
    return Option.fromNullable(this.entries.get(key))
  }
  values(): Array<V> {
    return Array.from(this.entries.values())
  }
}

/** A `Bounded` keyed by server then user, as members and bans are (the ids are used as they are, never joined). */
class BoundedPairs<V> {
  readonly servers = new Map<string, Map<string, V>>()
  count = 0
  constructor(readonly size: number) {}
  set(server: string, user: string, value: V): void {
    let users = this.servers.get(server)
    if (users === undefined) this.servers.set(server, users = new Map())
    if (!users.has(user)) this.count++
    users.set(user, value)
    if (this.count > this.size) {
      const [first, oldest] = this.servers.entries().next().value ?? [server, users]
      this.delete(first, oldest.keys().next().value ?? user)
    }
  }
  get(server: string, user: string): Option.Option<V> {
    return Option.fromNullable(this.servers.get(server)?.get(user))
  }
  delete(server: string, user: string): void {
    const users = this.servers.get(server)
    if (users?.delete(user) !== true) return
    this.count--
    if (users.size === 0) this.servers.delete(server)
  }
  clear(): void {
    this.servers.clear()
    this.count = 0
  }
  of(server: string): Array<V> {
    return Array.from(this.servers.get(server)?.values() ?? [])
  }
}

/** The part of a request the cache reads: what an answer means depends on the route it came from. */
export interface CachedRoute {
  readonly method: string
  readonly path: ReadonlyArray<string>
}

const channelClasses: ReadonlyArray<abstract new(...args: never) => Channel> = [
  TextChannel,
  DirectMessageChannel,
  GroupChannel,
  SavedMessagesChannel,
  UnknownChannelType
]
const isChannel = (value: object): value is Channel => channelClasses.some((type) => value instanceof type)

/** What the client has learnt from responses, at most `sizes` of each kind. */
export class StoatCache extends Context.Tag("effect-stoat/StoatCache")<
  StoatCache,
  {
    /** Stores every user, server, channel, member, ban and message found in a decoded value. */
    readonly remember: (value: unknown) => Effect.Effect<void>
    /**
     * What the pipeline calls with every decoded answer: remembers it, and what its route means
     * (a kick or ban forgets the member, an unban the ban, a ban list replaces the server's bans,
     * `GET /users/{id}/dm` records the DM's id).
     */
    readonly rememberResponse: (route: CachedRoute, value: unknown) => Effect.Effect<void>
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
    /** The messages of a channel learnt from responses (the newest ones), oldest first. */
    readonly getChannelMessages: (channel: ChannelId) => Effect.Effect<ReadonlyArray<Message>>
  }
>() {
  /** An empty in-memory cache keeping at most `sizes` of each kind (`defaultCacheSizes` for the rest). */
  static make(sizes: Partial<StoatCacheSizes> = {}): Effect.Effect<Context.Tag.Service<StoatCache>> {
    return Effect.sync(() => {
      const limits = { ...defaultCacheSizes, ...sizes }
      const users = new Bounded<User>(limits.users)
      const servers = new Bounded<Server>(limits.servers)
      const channels = new Bounded<Channel>(limits.channels)
      const members = new BoundedPairs<Member>(limits.members)
      const bans = new BoundedPairs<Ban>(limits.bans)
      const dmChannels = new Bounded<ChannelId>(limits.dmChannels)
      const messages = new Bounded<Map<string, Message>>(limits.messageChannels)

      // A channel keeps its newest messages by id, whatever order they were learnt in.
      const addMessage = (message: Message) => {
        const channel = messages.get(message.channel).pipe(Option.getOrElse(() => new Map<string, Message>()))
        channel.set(message.id, message)
        if (channel.size > limits.messagesPerChannel) {
          let oldest: string = message.id
          for (const id of channel.keys()) if (id < oldest) oldest = id
          channel.delete(oldest)
        }
        messages.set(message.channel, channel)
      }

      // Entities are leaves: only containers (arrays, lists, options, messages) are walked into.
      const walk = (value: unknown): void => {
        if (typeof value !== "object" || value === null) return
        if (Array.isArray(value)) {
          for (const item of value) walk(item)
        } else if (value instanceof User) users.set(value.id, value)
        else if (value instanceof Member) members.set(value.id.server, value.id.user, value)
        else if (value instanceof Ban) bans.set(value.id.server, value.id.user, value)
        else if (value instanceof Server) servers.set(value.id, value)
        else if (value instanceof Message) {
          addMessage(value)
          for (const field of Object.values(value)) walk(field)
        } else if (isChannel(value)) channels.set(value.id, value)
        else if (Option.isOption(value)) Option.map(value, walk)
        else for (const field of Object.values(value)) walk(field)
      }

      const replaceBans = (server: string, list: ReadonlyArray<Ban>) => {
        for (const ban of bans.of(server)) bans.delete(server, ban.id.user)
        for (const ban of list) bans.set(ban.id.server, ban.id.user, ban)
      }

      /** What an answer means beyond the things in it. */
      const applyRoute = (route: CachedRoute, value: unknown) => {
        const [area, id, part, target] = route.path
        if (area === "servers" && id !== undefined && target !== undefined) {
          if (part === "members" && route.method === "DELETE") members.delete(id, target)
          if (part === "bans" && route.method === "PUT") members.delete(id, target)
          if (part === "bans" && route.method === "DELETE") bans.delete(id, target)
        }
        if (area === "servers" && id !== undefined && part === "bans" && target === undefined && value instanceof BanList) {
          replaceBans(id, value.bans)
        }
        if (area === "users" && id !== undefined && part === "dm" && route.method === "GET" && value !== null && typeof value === "object" && isChannel(value)) {
          dmChannels.set(id, value.id)
        }
      }

      return {
        remember: (value) => Effect.sync(() => walk(value)),
        rememberResponse: (route, value) =>
          Effect.sync(() => {
            applyRoute(route, value)
            walk(value)
          }),
        forgetMember: (server, user) => Effect.sync(() => members.delete(server, user)),
        forgetMembers: Effect.sync(() => members.clear()),
        getUser: (id) => Effect.sync(() => users.get(id)),
        getServer: (id) => Effect.sync(() => servers.get(id)),
        getChannel: (id) => Effect.sync(() => channels.get(id)),
        getMember: (server, user) => Effect.sync(() => members.get(server, user)),
        users: Effect.sync(() => users.values()),
        getBans: (server) => Effect.sync(() => bans.of(server)),
        forgetBan: (server, user) => Effect.sync(() => bans.delete(server, user)),
        replaceBans: (server, list) => Effect.sync(() => replaceBans(server, list)),
        rememberDmChannel: (user, channel) => Effect.sync(() => dmChannels.set(user, channel)),
        getDmChannelId: (user) => Effect.sync(() => dmChannels.get(user)),
        getChannelMessages: (channel) =>
          Effect.sync(() =>
            Option.match(messages.get(channel), {
              onNone: () => [],
              onSome: (kept) => Array.from(kept.values()).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
            })
          )
      }
    })
  }

  /** A layer of an empty in-memory cache with the default sizes. */
  static layer: Layer.Layer<StoatCache> = Layer.effect(StoatCache, StoatCache.make())

  /** A layer of an empty in-memory cache keeping at most `sizes` of each kind. */
  static layerWith(sizes: Partial<StoatCacheSizes>): Layer.Layer<StoatCache> {
    return Layer.effect(StoatCache, StoatCache.make(sizes))
  }
}
