import { HashMap, Option } from "effect"
import type { Window } from "./rateLimit.js"
import type {
  BanRecord,
  ChannelRecord,
  FileRecord,
  InviteRecord,
  MemberRecord,
  MessageRecord,
  ServerRecord,
  UserRecord
} from "./records.js"

/** A user of the fake, with what only the server knows: the token and the profile. */
export interface FakeAccount {
  readonly user: UserRecord
  readonly token: string
  readonly profile: { readonly content?: string | undefined; readonly background?: FileRecord | undefined }
}

/** How one user sees another: what the backend stores per pair. */
export type FakeRelation = "Friend" | "Outgoing" | "Incoming" | "Blocked" | "BlockedOther"

/** The instance's settings: limits, features, and the rate limiter's window and buckets. */
export interface FakeSettings {
  readonly servers: number
  readonly newUserServers: number
  readonly newUserHours: number
  readonly groupSize: number
  readonly messageLength: number
  readonly attachments: number
  readonly voice: boolean
  readonly livekitNodes: ReadonlyArray<string>
  readonly autumnUrl: string
  readonly rateLimitWindowMillis: number
  readonly rateLimits: Readonly<Record<string, number>>
}

/** The buckets of the backend's rate limiter and their limits per window (reference §3.2). */
export const defaultRateLimits: Readonly<Record<string, number>> = {
  users: 20,
  user_edit: 2,
  default_avatar: 255,
  bots: 10,
  messaging: 10,
  channels: 15,
  servers: 5,
  auth: 15,
  auth_delete: 255,
  safety_report: 3,
  safety: 15,
  swagger: 100,
  any: 20
}

export const defaultSettings: FakeSettings = {
  servers: 100,
  newUserServers: 50,
  newUserHours: 72,
  groupSize: 100,
  messageLength: 2000,
  attachments: 5,
  voice: true,
  livekitNodes: ["worldwide"],
  autumnUrl: "https://cdn.fake.stoat",
  rateLimitWindowMillis: 10_000,
  rateLimits: defaultRateLimits
}

/**
 * Everything the fake instance holds, as the backend's documents (`records.ts`). Immutable: every
 * request makes a new state. `StoatFake.state` shows it decoded into the client's classes.
 */
export interface FakeState {
  readonly settings: FakeSettings
  readonly accounts: HashMap.HashMap<string, FakeAccount>
  readonly servers: HashMap.HashMap<string, ServerRecord>
  readonly channels: HashMap.HashMap<string, ChannelRecord>
  /** Keyed by `server/user`. */
  readonly members: HashMap.HashMap<string, MemberRecord>
  /** Timeouts of members who left while timed out, restored when they rejoin (`server/user`). */
  readonly departed: HashMap.HashMap<string, MemberRecord>
  readonly bans: HashMap.HashMap<string, BanRecord>
  readonly invites: HashMap.HashMap<string, InviteRecord>
  /** Each channel's messages, oldest first. */
  readonly messages: HashMap.HashMap<string, ReadonlyArray<MessageRecord>>
  /** `a/b` → how `a` sees `b`. */
  readonly relations: HashMap.HashMap<string, FakeRelation>
  /** `user/channel` → the last message id the user acknowledged. */
  readonly reads: HashMap.HashMap<string, string>
  readonly reports: ReadonlyArray<unknown>
  /** Who is in which voice channel: user → channel. */
  readonly voice: HashMap.HashMap<string, string>
  /** The rate limiter's windows, by key. */
  readonly rate: HashMap.HashMap<string, Window>
  /** The `Idempotency-Key`s and message nonces already spent, least recently seen first (the backend keeps 1000). */
  readonly idempotencyKeys: ReadonlyArray<string>
  /** `user/channel` → when the user's slowmode in that channel ends (Unix ms). */
  readonly slowmode: HashMap.HashMap<string, number>
  /** The LiveKit node each channel's call runs on: channel → node name. */
  readonly voiceNodes: HashMap.HashMap<string, string>
  /** The id counter: every id the fake makes is unique. */
  readonly sequence: bigint
}

export const emptyState = (settings: FakeSettings = defaultSettings): FakeState => ({
  settings,
  accounts: HashMap.empty(),
  servers: HashMap.empty(),
  channels: HashMap.empty(),
  members: HashMap.empty(),
  departed: HashMap.empty(),
  bans: HashMap.empty(),
  invites: HashMap.empty(),
  messages: HashMap.empty(),
  relations: HashMap.empty(),
  reads: HashMap.empty(),
  reports: [],
  voice: HashMap.empty(),
  rate: HashMap.empty(),
  idempotencyKeys: [],
  slowmode: HashMap.empty(),
  voiceNodes: HashMap.empty(),
  sequence: 0n
})

/** The key of a pair (member, ban, relation). */
export const pair = (a: string, b: string) => `${a}/${b}`

/** The user a token belongs to. */
export const accountByToken = (state: FakeState, token: string): Option.Option<FakeAccount> =>
  Option.fromNullable([...HashMap.values(state.accounts)].find((account) => account.token === token))
