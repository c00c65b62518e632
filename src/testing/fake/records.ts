/**
 * What the fake stores, shaped as the backend's database documents (snake_case keys, `_id`): the
 * fake's own model, written from the backend's structs, not from the client's schemas. The wire
 * writers (`wire/*.ts`) turn these into the JSON the backend sends.
 */

/** A file object as the backend stores and sends it (the fake has no file server: seeds put them here). */
export type FileRecord = Readonly<Record<string, unknown>>

/** A permission override as roles and channels store it: bits allowed (`a`) and denied (`d`). */
export interface OverrideRecord {
  readonly a: number
  readonly d: number
}

/** A user account's public document. */
export interface UserRecord {
  readonly _id: string
  readonly username: string
  readonly discriminator: string
  readonly display_name?: string | undefined
  readonly pronouns?: string | undefined
  readonly avatar?: FileRecord | undefined
  readonly badges: number
  readonly status?: { readonly text?: string | undefined; readonly presence?: string | undefined } | undefined
  readonly flags: number
  readonly privileged: boolean
  readonly bot?: { readonly owner: string } | undefined
  readonly online: boolean
}

/** A role of a server. */
export interface RoleRecord {
  readonly _id: string
  readonly name: string
  readonly permissions: OverrideRecord
  readonly colour?: string | undefined
  readonly hoist: boolean
  /** A lower number is a higher rank. */
  readonly rank: number
  readonly icon?: FileRecord | undefined
}

/** The channels a server posts its system messages in. */
export interface SystemMessagesRecord {
  readonly user_joined?: string | undefined
  readonly user_left?: string | undefined
  readonly user_kicked?: string | undefined
  readonly user_banned?: string | undefined
}

/** A server. */
export interface ServerRecord {
  readonly _id: string
  readonly owner: string
  readonly name: string
  readonly description?: string | undefined
  readonly channels: ReadonlyArray<string>
  readonly system_messages?: SystemMessagesRecord | undefined
  readonly roles: Readonly<Record<string, RoleRecord>>
  readonly default_permissions: number
  readonly icon?: FileRecord | undefined
  readonly banner?: FileRecord | undefined
  readonly flags: number
  readonly nsfw: boolean
  readonly analytics: boolean
  readonly discoverable: boolean
}

/** A user's own notes channel. */
export interface SavedMessagesRecord {
  readonly channel_type: "SavedMessages"
  readonly _id: string
  readonly user: string
}

/** A direct message channel between two users. */
export interface DirectMessageRecord {
  readonly channel_type: "DirectMessage"
  readonly _id: string
  readonly active: boolean
  readonly recipients: ReadonlyArray<string>
  readonly last_message_id?: string | undefined
}

/** A group channel. */
export interface GroupRecord {
  readonly channel_type: "Group"
  readonly _id: string
  readonly name: string
  readonly owner: string
  readonly description?: string | undefined
  readonly recipients: ReadonlyArray<string>
  readonly icon?: FileRecord | undefined
  readonly last_message_id?: string | undefined
  readonly permissions?: number | undefined
  readonly nsfw: boolean
}

/** A server channel; a voice channel is one with `voice`. */
export interface TextChannelRecord {
  readonly channel_type: "TextChannel"
  readonly _id: string
  readonly server: string
  readonly name: string
  readonly description?: string | undefined
  readonly icon?: FileRecord | undefined
  readonly last_message_id?: string | undefined
  readonly default_permissions?: OverrideRecord | undefined
  readonly role_permissions: Readonly<Record<string, OverrideRecord>>
  readonly nsfw: boolean
  readonly voice?: { readonly max_users?: number | undefined } | undefined
  readonly slowmode?: number | undefined
}

/** Any channel. */
export type ChannelRecord = SavedMessagesRecord | DirectMessageRecord | GroupRecord | TextChannelRecord

/** A server member. Times are Unix milliseconds; `joined_at` can be unset by `remove: ["JoinedAt"]`. */
export interface MemberRecord {
  readonly _id: { readonly server: string; readonly user: string }
  readonly joined_at: number | undefined
  readonly nickname?: string | undefined
  readonly pronouns?: string | undefined
  readonly avatar?: FileRecord | undefined
  readonly roles: ReadonlyArray<string>
  readonly timeout?: number | undefined
  readonly can_publish: boolean
  readonly can_receive: boolean
}

/** A ban. Every id can be banned, member or not. */
export interface BanRecord {
  readonly _id: { readonly server: string; readonly user: string }
  readonly reason: string | null
}

/** A stored invite. */
export type InviteRecord =
  | { readonly type: "Server"; readonly _id: string; readonly server: string; readonly creator: string; readonly channel: string }
  | { readonly type: "Group"; readonly _id: string; readonly creator: string; readonly channel: string }

/** A system message's event: its `type` and the ids it names. */
export type SystemRecord = { readonly type: string } & Readonly<Record<string, string>>

/** A message's embed as sent (the fake only stores text embeds). */
export type EmbedRecord = Readonly<Record<string, unknown>>

/** A message. */
export interface MessageRecord {
  readonly _id: string
  readonly channel: string
  readonly author: string
  readonly nonce?: string | undefined
  readonly content?: string | undefined
  readonly system?: SystemRecord | undefined
  readonly attachments: ReadonlyArray<FileRecord>
  readonly edited?: number | undefined
  readonly embeds: ReadonlyArray<EmbedRecord>
  readonly mentions: ReadonlyArray<string>
  readonly role_mentions: ReadonlyArray<string>
  readonly replies: ReadonlyArray<string>
  readonly reactions: Readonly<Record<string, ReadonlyArray<string>>>
  readonly interactions: { readonly reactions: ReadonlyArray<string>; readonly restrict_reactions: boolean }
  readonly masquerade?: { readonly name?: string | undefined; readonly avatar?: string | undefined; readonly colour?: string | undefined } | undefined
  readonly pinned: boolean
  readonly flags: number
}

/** A message with every list empty and nothing set: the base to spread a new message over. */
export const emptyMessage = (id: string, channel: string, author: string): MessageRecord => ({
  _id: id,
  channel,
  author,
  attachments: [],
  embeds: [],
  mentions: [],
  role_mentions: [],
  replies: [],
  reactions: {},
  interactions: { reactions: [], restrict_reactions: false },
  pinned: false,
  flags: 0
})
