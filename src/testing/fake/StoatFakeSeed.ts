import { HashMap, Option, Schema } from "effect"
import { Ban } from "../../schema/Ban.js"
import { Channel } from "../../schema/Channel.js"
import { makeUlid } from "../../schema/Ids.js"
import { GroupInvite, ServerInvite } from "../../schema/Invite.js"
import { Member } from "../../schema/Member.js"
import { Message } from "../../schema/Message.js"
import { Server } from "../../schema/Server.js"
import { User } from "../../schema/User.js"
import { defaultSettings, emptyState, type FakeRelation, type FakeSettings, type FakeState, pair } from "./FakeState.js"

/** When seeded things were made: old enough that no new-account limit applies. */
const seededAt = Date.UTC(2024, 0, 1)

/** The server-level permissions a new server grants everyone (reference §4.1). */
export const defaultServerPermissions = 77014766592

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

export interface RoleOptions {
  readonly name?: string
  /** A lower number is a higher rank. */
  readonly rank: number
  readonly allow?: number
  readonly deny?: number
  readonly colour?: string
  readonly hoist?: boolean
}

export interface ServerOptions {
  readonly owner: string
  readonly name?: string
  readonly defaultPermissions?: number
  readonly discoverable?: boolean
  /** Roles by handle. */
  readonly roles?: Readonly<Record<string, RoleOptions>>
}

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
    readonly state: FakeState,
    private readonly handles: HashMap.HashMap<string, string>
  ) {}

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
    const account = HashMap.get(this.state.accounts, this.id(handle))
    return Option.getOrThrowWith(account, () => new Error(`${handle} is not a user`)).token
  }

  private with(state: Partial<FakeState>, handle?: string, id?: string): StoatFakeSeed {
    const handles = handle === undefined || id === undefined ? this.handles : HashMap.set(this.handles, handle, id)
    return new StoatFakeSeed({ ...this.state, ...state }, handles)
  }

  private nextId(at = seededAt): [string, bigint] {
    const sequence = this.state.sequence + 1n
    return [makeUlid(at, sequence), sequence]
  }

  private resolve(handle: string): string {
    return HashMap.get(this.handles, handle).pipe(Option.getOrElse(() => this.id(handle)))
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
    const user = Schema.decodeUnknownSync(User)({
      _id: id,
      username: handle,
      discriminator: String(Number(sequence % 10000n)).padStart(4, "0"),
      display_name: options.displayName,
      pronouns: options.pronouns,
      badges: options.badges,
      flags: options.flags,
      privileged: options.privileged,
      status: options.status,
      bot: owner === undefined ? undefined : { owner },
      relationship: "None",
      online: options.online ?? true
    })
    const account = {
      user,
      token: options.token ?? `${handle}-token-${sequence}`,
      profile: { content: Option.fromNullable(options.profile), background: Option.none() }
    }
    return this.with({ sequence, accounts: HashMap.set(this.state.accounts, id, account) }, handle, id)
  }

  /** A server, its roles (by handle) and its owner as its first member. */
  server(handle: string, options: ServerOptions): StoatFakeSeed {
    let seed: StoatFakeSeed = this
    const roles: Record<string, unknown> = {}
    for (const [roleHandle, role] of Object.entries(options.roles ?? {})) {
      const [roleId, sequence] = seed.nextId()
      roles[roleId] = {
        _id: roleId,
        name: role.name ?? roleHandle,
        permissions: { a: role.allow ?? 0, d: role.deny ?? 0 },
        colour: role.colour,
        hoist: role.hoist,
        rank: role.rank
      }
      seed = seed.with({ sequence }, roleHandle, roleId)
    }
    const [id, sequence] = seed.nextId()
    const server = Schema.decodeUnknownSync(Server)({
      _id: id,
      owner: seed.resolve(options.owner),
      name: options.name ?? handle,
      channels: [],
      roles,
      default_permissions: options.defaultPermissions ?? defaultServerPermissions,
      discoverable: options.discoverable,
      approximate_member_count: 0
    })
    return seed
      .with({ sequence, servers: HashMap.set(seed.state.servers, id, server) }, handle, id)
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
    const channel = Schema.decodeUnknownSync(Channel)({
      channel_type: "TextChannel",
      _id: id,
      server: serverId,
      name: options.name ?? handle,
      description: options.description,
      default_permissions: options.defaultPermissions === undefined
        ? undefined
        : { a: options.defaultPermissions.allow, d: options.defaultPermissions.deny },
      role_permissions: rolePermissions,
      voice: options.voice === undefined ? undefined : { max_users: options.voice.maxUsers },
      slowmode: options.slowmode
    })
    const server = Option.getOrThrow(HashMap.get(this.state.servers, serverId))
    const updated = new Server({ ...server, channels: [...server.channels, channel.id] })
    return this.with({
      sequence,
      channels: HashMap.set(this.state.channels, id, channel),
      servers: HashMap.set(this.state.servers, serverId, updated)
    }, handle, id)
  }

  /** A group channel owned by `owner`, with `members` (the owner included). */
  group(handle: string, options: { readonly owner: string; readonly members: ReadonlyArray<string>; readonly name?: string; readonly permissions?: number }): StoatFakeSeed {
    const [id, sequence] = this.nextId()
    const owner = this.resolve(options.owner)
    const recipients = [...new Set([owner, ...options.members.map((member) => this.resolve(member))])]
    const channel = Schema.decodeUnknownSync(Channel)({
      channel_type: "Group",
      _id: id,
      name: options.name ?? handle,
      owner,
      recipients,
      permissions: options.permissions
    })
    return this.with({ sequence, channels: HashMap.set(this.state.channels, id, channel) }, handle, id)
  }

  /** A direct message channel between two users. */
  dm(handle: string, a: string, b: string): StoatFakeSeed {
    const [id, sequence] = this.nextId()
    const channel = Schema.decodeUnknownSync(Channel)({
      channel_type: "DirectMessage",
      _id: id,
      active: true,
      recipients: [this.resolve(a), this.resolve(b)]
    })
    return this.with({ sequence, channels: HashMap.set(this.state.channels, id, channel) }, handle, id)
  }

  /** `user` as a member of `server`. */
  member(server: string, user: string, options: MemberOptions = {}): StoatFakeSeed {
    const serverId = this.resolve(server)
    const userId = this.resolve(user)
    const member = Schema.decodeUnknownSync(Member)({
      _id: { server: serverId, user: userId },
      joined_at: new Date(options.joinedAt ?? seededAt).toISOString(),
      nickname: options.nickname,
      pronouns: options.pronouns,
      roles: (options.roles ?? []).map((role) => this.resolve(role)),
      timeout: options.timeout === undefined ? undefined : new Date(options.timeout).toISOString(),
      can_publish: options.canPublish,
      can_receive: options.canReceive
    })
    return this.with({ members: HashMap.set(this.state.members, pair(serverId, userId), member) })
  }

  /** `user` banned from `server` (the user need not exist: give any handle or id). */
  ban(server: string, user: string, reason?: string): StoatFakeSeed {
    const serverId = this.resolve(server)
    const userId = HashMap.get(this.handles, user).pipe(Option.getOrElse(() => user))
    const ban = Schema.decodeUnknownSync(Ban)({ _id: { server: serverId, user: userId }, reason: reason ?? null })
    return this.with({
      bans: HashMap.set(this.state.bans, pair(serverId, userId), ban),
      members: HashMap.remove(this.state.members, pair(serverId, userId))
    })
  }

  /** An invite with the code `code` to a server channel or a group, made by `creator`. */
  invite(code: string, options: { readonly channel: string; readonly creator: string }): StoatFakeSeed {
    const channel = Option.getOrThrow(HashMap.get(this.state.channels, this.resolve(options.channel)))
    const creator = this.resolve(options.creator)
    const invite = channel._tag === "TextChannel"
      ? Schema.decodeUnknownSync(ServerInvite)({ type: "Server", _id: code, server: channel.server, creator, channel: channel.id })
      : Schema.decodeUnknownSync(GroupInvite)({ type: "Group", _id: code, creator, channel: channel.id })
    return this.with({ invites: HashMap.set(this.state.invites, code, invite) }, code, code)
  }

  /** A message in a channel, by `author`; each one is newer than the last. */
  message(handle: string, options: { readonly channel: string; readonly author: string; readonly content: string }): StoatFakeSeed {
    const [id, sequence] = this.nextId(seededAt + Number(this.state.sequence) * 1000)
    const channel = this.resolve(options.channel)
    const message = Schema.decodeUnknownSync(Message)({
      _id: id,
      channel,
      author: this.resolve(options.author),
      content: options.content
    })
    const messages = HashMap.get(this.state.messages, channel).pipe(Option.getOrElse((): ReadonlyArray<Message> => []))
    return this.with({ sequence, messages: HashMap.set(this.state.messages, channel, [...messages, message]) }, handle, id)
  }

  private relate(a: string, b: string, ab: FakeRelation, ba: FakeRelation): StoatFakeSeed {
    const idA = this.resolve(a)
    const idB = this.resolve(b)
    return this.with({
      relations: HashMap.set(HashMap.set(this.state.relations, pair(idA, idB), ab), pair(idB, idA), ba)
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
    return this.with({ relations: HashMap.set(this.state.relations, pair(this.resolve(a), this.resolve(b)), status) })
  }

  /** The saved-messages channel of `user`. */
  savedMessages(handle: string, user: string): StoatFakeSeed {
    const [id, sequence] = this.nextId()
    const channel = Schema.decodeUnknownSync(Channel)({ channel_type: "SavedMessages", _id: id, user: this.resolve(user) })
    return this.with({ sequence, channels: HashMap.set(this.state.channels, id, channel) }, handle, id)
  }

  /** The seeded message named `handle`, pinned. */
  pinned(handle: string): StoatFakeSeed {
    const id = this.id(handle)
    return this.with({
      messages: HashMap.map(this.state.messages, (messages) =>
        messages.map((message) => (message.id === id ? new Message({ ...message, pinned: true }) : message)))
    })
  }

  /** `user` connected to the call of `channel`, which runs on `node` (the first LiveKit node by default). */
  inVoice(user: string, channel: string, node?: string): StoatFakeSeed {
    const channelId = this.resolve(channel)
    const running = HashMap.get(this.state.voiceNodes, channelId)
    const chosen = node ?? this.state.settings.livekitNodes[0] ?? "worldwide"
    return this.with({
      voice: HashMap.set(this.state.voice, this.resolve(user), channelId),
      voiceNodes: Option.isSome(running) ? this.state.voiceNodes : HashMap.set(this.state.voiceNodes, channelId, chosen)
    })
  }
}
