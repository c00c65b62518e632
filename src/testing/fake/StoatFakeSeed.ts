import { HashMap, Option } from "effect"
import { makeUlid } from "../../schema/Ids.js"
import { DefaultPermissionServer } from "../../schema/Permissions.js"
import { defaultSettings, emptyState, type FakeRelation, type FakeSettings, type FakeState, pair } from "./FakeState.js"
import { type ChannelRecord, emptyMessage, type MemberRecord, type RoleRecord, type ServerRecord } from "./records.js"
import { type FakeStateView, viewState } from "./view.js"

/** When seeded things were made: old enough that no new-account limit applies. */
const seededAt = Date.UTC(2024, 0, 1)

/** The server-level permissions a new server grants everyone (reference §4.1). */
export const defaultServerPermissions = DefaultPermissionServer

/** A seeded user: token, profile, status, badges and flags. */
export interface UserOptions {
  readonly token?: string
  readonly displayName?: string
  readonly pronouns?: string
  readonly online?: boolean
  readonly badges?: number
  readonly flags?: number
  readonly privileged?: boolean
  readonly status?: { readonly text?: string; readonly presence?: string }
  readonly profile?: string
  /** When the account was made (its id encodes it); seeded accounts are old by default. */
  readonly createdAt?: number
}

/** A seeded role: its name, rank, colour and permissions. */
export interface RoleOptions {
  readonly name?: string
  /** A lower number is a higher rank. */
  readonly rank: number
  readonly allow?: number
  readonly deny?: number
  readonly colour?: string
  readonly hoist?: boolean
}

/** A seeded server: owner, name, default permissions and roles. */
export interface ServerOptions {
  readonly owner: string
  readonly name?: string
  readonly defaultPermissions?: number
  readonly discoverable?: boolean
  /** Roles by handle. */
  readonly roles?: Readonly<Record<string, RoleOptions>>
}

/** The channels (by handle) that get a system message when someone joins, leaves, is kicked or banned. */
export interface SystemMessageOptions {
  readonly userJoined?: string
  readonly userLeft?: string
  readonly userKicked?: string
  readonly userBanned?: string
}

/** A seeded server channel (text, or voice): name, description, permissions and slowmode. */
export interface ChannelOptions {
  readonly server: string
  readonly name?: string
  readonly description?: string
  /** Makes it a voice channel. */
  readonly voice?: { readonly maxUsers?: number }
  readonly defaultPermissions?: { readonly allow: number; readonly deny: number }
  /** Overrides by role handle. */
  readonly rolePermissions?: Readonly<Record<string, { readonly allow: number; readonly deny: number }>>
  readonly slowmode?: number
}

/** A seeded membership: roles, nickname, pronouns, timeout and voice settings. */
export interface MemberOptions {
  /** Role handles. */
  readonly roles?: ReadonlyArray<string>
  readonly nickname?: string
  readonly pronouns?: string
  /** When the timeout ends (Unix ms). */
  readonly timeout?: number
  readonly canPublish?: boolean
  readonly canReceive?: boolean
  readonly joinedAt?: number
}

/**
 * A small immutable builder of a fake Stoat instance. Things are named by handles of your choice
 * (`"alice"`, `"lovers"`, `"general"`); `id(handle)` and `token(handle)` tell what the fake made of them.
 */
export class StoatFakeSeed {
  private constructor(
    /** The fake's own records the instance starts from. */
    readonly records: FakeState,
    private readonly handles: HashMap.HashMap<string, string>
  ) {}

  /** The seeded instance as the client reads it (see `FakeStateView`). */
  get state(): FakeStateView {
    return viewState(this.records)
  }

  /** A seed with no one in it, and the instance's settings (limits, rate limits...). */
  static make(settings: Partial<FakeSettings> = {}): StoatFakeSeed {
    return new StoatFakeSeed(emptyState({ ...defaultSettings, ...settings }), HashMap.empty())
  }

  /** The id the fake gave the thing named `handle`. */
  id(handle: string): string {
    return Option.getOrThrowWith(HashMap.get(this.handles, handle), () => new Error(`the seed has no ${JSON.stringify(handle)}`))
  }

  /** The token of the user or bot named `handle`. */
  token(handle: string): string {
    const account = HashMap.get(this.records.accounts, this.id(handle))
    return Option.getOrThrowWith(account, () => new Error(`${handle} is not a user`)).token
  }

  private with(state: Partial<FakeState>, handle?: string, id?: string): StoatFakeSeed {
    const handles = handle === undefined || id === undefined ? this.handles : HashMap.set(this.handles, handle, id)
    return new StoatFakeSeed({ ...this.records, ...state }, handles)
  }

  private nextId(at = seededAt): [string, bigint] {
    const sequence = this.records.sequence + 1n
    return [makeUlid(at, sequence), sequence]
  }

  private resolve(handle: string): string {
    return HashMap.get(this.handles, handle).pipe(Option.getOrElse(() => this.id(handle)))
  }

  private channelById(id: string): ChannelRecord {
    return Option.getOrThrowWith(HashMap.get(this.records.channels, id), () => new Error(`the seed has no channel ${id}`))
  }

  /** A user account. */
  user(handle: string, options: UserOptions = {}): StoatFakeSeed {
    return this.account(handle, options, undefined)
  }

  /** A bot account owned by the user `owner`. */
  bot(handle: string, options: UserOptions & { readonly owner: string }): StoatFakeSeed {
    return this.account(handle, options, this.resolve(options.owner))
  }

  private account(handle: string, options: UserOptions, owner: string | undefined): StoatFakeSeed {
    const [id, sequence] = this.nextId(options.createdAt)
    const account = {
      user: {
        _id: id,
        username: handle,
        discriminator: String(Number(sequence % 10000n)).padStart(4, "0"),
        display_name: options.displayName,
        pronouns: options.pronouns,
        badges: options.badges ?? 0,
        flags: options.flags ?? 0,
        privileged: options.privileged ?? false,
        status: options.status,
        bot: owner === undefined ? undefined : { owner },
        online: options.online ?? true
      },
      token: options.token ?? `${handle}-token-${sequence}`,
      profile: { content: options.profile }
    }
    return this.with({ sequence, accounts: HashMap.set(this.records.accounts, id, account) }, handle, id)
  }

  /** A server, its roles (by handle) and its owner as its first member. */
  server(handle: string, options: ServerOptions): StoatFakeSeed {
    let seed: StoatFakeSeed = this
    const roles: Record<string, RoleRecord> = {}
    for (const [roleHandle, role] of Object.entries(options.roles ?? {})) {
      const [roleId, sequence] = seed.nextId()
      roles[roleId] = {
        _id: roleId,
        name: role.name ?? roleHandle,
        permissions: { a: role.allow ?? 0, d: role.deny ?? 0 },
        colour: role.colour,
        hoist: role.hoist ?? false,
        rank: role.rank
      }
      seed = seed.with({ sequence }, roleHandle, roleId)
    }
    const [id, sequence] = seed.nextId()
    const server: ServerRecord = {
      _id: id,
      owner: seed.resolve(options.owner),
      name: options.name ?? handle,
      channels: [],
      roles,
      default_permissions: options.defaultPermissions ?? defaultServerPermissions,
      flags: 0,
      nsfw: false,
      analytics: false,
      discoverable: options.discoverable ?? false
    }
    return seed
      .with({ sequence, servers: HashMap.set(seed.records.servers, id, server) }, handle, id)
      .member(handle, options.owner)
  }

  /** A server text channel, or a voice channel with `voice`. */
  channel(handle: string, options: ChannelOptions): StoatFakeSeed {
    const [id, sequence] = this.nextId()
    const serverId = this.resolve(options.server)
    const rolePermissions: Record<string, { a: number; d: number }> = {}
    for (const [role, override] of Object.entries(options.rolePermissions ?? {})) {
      rolePermissions[this.resolve(role)] = { a: override.allow, d: override.deny }
    }
    const channel: ChannelRecord = {
      channel_type: "TextChannel",
      _id: id,
      server: serverId,
      name: options.name ?? handle,
      description: options.description,
      default_permissions: options.defaultPermissions === undefined
        ? undefined
        : { a: options.defaultPermissions.allow, d: options.defaultPermissions.deny },
      role_permissions: rolePermissions,
      nsfw: false,
      voice: options.voice === undefined ? undefined : { max_users: options.voice.maxUsers },
      slowmode: options.slowmode
    }
    const server = Option.getOrThrowWith(HashMap.get(this.records.servers, serverId), () => new Error(`${options.server} is not a server`))
    const updated = { ...server, channels: [...server.channels, id] }
    return this.with({
      sequence,
      channels: HashMap.set(this.records.channels, id, channel),
      servers: HashMap.set(this.records.servers, serverId, updated)
    }, handle, id)
  }

  /** Where `server` posts its system messages: channels by handle. */
  systemMessages(server: string, channels: SystemMessageOptions): StoatFakeSeed {
    const serverId = this.resolve(server)
    const found = Option.getOrThrowWith(HashMap.get(this.records.servers, serverId), () => new Error(`${server} is not a server`))
    const channelOf = (handle: string | undefined) => (handle === undefined ? undefined : this.resolve(handle))
    const updated: ServerRecord = {
      ...found,
      system_messages: {
        user_joined: channelOf(channels.userJoined),
        user_left: channelOf(channels.userLeft),
        user_kicked: channelOf(channels.userKicked),
        user_banned: channelOf(channels.userBanned)
      }
    }
    return this.with({ servers: HashMap.set(this.records.servers, serverId, updated) })
  }

  /** A group channel owned by `owner`, with `members` (the owner included). */
  group(handle: string, options: { readonly owner: string; readonly members: ReadonlyArray<string>; readonly name?: string; readonly permissions?: number }): StoatFakeSeed {
    const [id, sequence] = this.nextId()
    const owner = this.resolve(options.owner)
    const recipients = [...new Set([owner, ...options.members.map((member) => this.resolve(member))])]
    const channel: ChannelRecord = {
      channel_type: "Group",
      _id: id,
      name: options.name ?? handle,
      owner,
      recipients,
      permissions: options.permissions,
      nsfw: false
    }
    return this.with({ sequence, channels: HashMap.set(this.records.channels, id, channel) }, handle, id)
  }

  /** A direct message channel between two users. */
  dm(handle: string, a: string, b: string): StoatFakeSeed {
    const [id, sequence] = this.nextId()
    const channel: ChannelRecord = { channel_type: "DirectMessage", _id: id, active: true, recipients: [this.resolve(a), this.resolve(b)] }
    return this.with({ sequence, channels: HashMap.set(this.records.channels, id, channel) }, handle, id)
  }

  /** `user` as a member of `server`. */
  member(server: string, user: string, options: MemberOptions = {}): StoatFakeSeed {
    const serverId = this.resolve(server)
    const userId = this.resolve(user)
    const member: MemberRecord = {
      _id: { server: serverId, user: userId },
      joined_at: options.joinedAt ?? seededAt,
      nickname: options.nickname,
      pronouns: options.pronouns,
      roles: (options.roles ?? []).map((role) => this.resolve(role)),
      timeout: options.timeout,
      can_publish: options.canPublish ?? true,
      can_receive: options.canReceive ?? true
    }
    return this.with({ members: HashMap.set(this.records.members, pair(serverId, userId), member) })
  }

  /** `user` banned from `server` (the user need not exist: give any handle or id). */
  ban(server: string, user: string, reason?: string): StoatFakeSeed {
    const serverId = this.resolve(server)
    const userId = HashMap.get(this.handles, user).pipe(Option.getOrElse(() => user))
    const ban = { _id: { server: serverId, user: userId }, reason: reason ?? null }
    return this.with({
      bans: HashMap.set(this.records.bans, pair(serverId, userId), ban),
      members: HashMap.remove(this.records.members, pair(serverId, userId))
    })
  }

  /** An invite with the code `code` to a server channel or a group, made by `creator`. */
  invite(code: string, options: { readonly channel: string; readonly creator: string }): StoatFakeSeed {
    const channel = this.channelById(this.resolve(options.channel))
    const creator = this.resolve(options.creator)
    const invite = channel.channel_type === "TextChannel"
      ? { type: "Server" as const, _id: code, server: channel.server, creator, channel: channel._id }
      : { type: "Group" as const, _id: code, creator, channel: channel._id }
    return this.with({ invites: HashMap.set(this.records.invites, code, invite) }, code, code)
  }

  /** A message in a channel, by `author`; each one is newer than the last. */
  message(handle: string, options: { readonly channel: string; readonly author: string; readonly content: string }): StoatFakeSeed {
    const [id, sequence] = this.nextId(seededAt + Number(this.records.sequence) * 1000)
    const channel = this.resolve(options.channel)
    const message = { ...emptyMessage(id, channel, this.resolve(options.author)), content: options.content }
    const messages = HashMap.get(this.records.messages, channel).pipe(Option.getOrElse(() => []))
    return this.with({ sequence, messages: HashMap.set(this.records.messages, channel, [...messages, message]) }, handle, id)
  }

  private relate(a: string, b: string, ab: FakeRelation, ba: FakeRelation): StoatFakeSeed {
    const idA = this.resolve(a)
    const idB = this.resolve(b)
    return this.with({
      relations: HashMap.set(HashMap.set(this.records.relations, pair(idA, idB), ab), pair(idB, idA), ba)
    })
  }

  /** `a` and `b` are friends. */
  friends(a: string, b: string): StoatFakeSeed {
    return this.relate(a, b, "Friend", "Friend")
  }

  /** `from` sent `to` a friend request. */
  friendRequest(from: string, to: string): StoatFakeSeed {
    return this.relate(from, to, "Outgoing", "Incoming")
  }

  /** `blocker` blocked `blocked`. */
  block(blocker: string, blocked: string): StoatFakeSeed {
    return this.relate(blocker, blocked, "Blocked", "BlockedOther")
  }

  /** How `a` sees `b`, recorded on `a`'s side only: an inconsistent pair, as old data may hold. */
  relation(a: string, b: string, status: FakeRelation): StoatFakeSeed {
    return this.with({ relations: HashMap.set(this.records.relations, pair(this.resolve(a), this.resolve(b)), status) })
  }

  /** The saved-messages channel of `user`. */
  savedMessages(handle: string, user: string): StoatFakeSeed {
    const [id, sequence] = this.nextId()
    const channel: ChannelRecord = { channel_type: "SavedMessages", _id: id, user: this.resolve(user) }
    return this.with({ sequence, channels: HashMap.set(this.records.channels, id, channel) }, handle, id)
  }

  /** The seeded message named `handle`, pinned. */
  pinned(handle: string): StoatFakeSeed {
    const id = this.id(handle)
    return this.with({
      messages: HashMap.map(this.records.messages, (messages) =>
        messages.map((message) => (message._id === id ? { ...message, pinned: true } : message)))
    })
  }

  /** `user` connected to the call of `channel`, which runs on `node` (the first LiveKit node by default). */
  inVoice(user: string, channel: string, node?: string): StoatFakeSeed {
    const channelId = this.resolve(channel)
    const running = HashMap.get(this.records.voiceNodes, channelId)
    const chosen = node ?? this.records.settings.livekitNodes[0] ?? "worldwide"
    return this.with({
      voice: HashMap.set(this.records.voice, this.resolve(user), channelId),
      voiceNodes: Option.isSome(running) ? this.records.voiceNodes : HashMap.set(this.records.voiceNodes, channelId, chosen)
    })
  }
}
