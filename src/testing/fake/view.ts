import { HashMap, Option, Schema } from "effect"
import { Ban } from "../../schema/Ban.js"
import { Channel } from "../../schema/Channel.js"
import { File } from "../../schema/File.js"
import { GroupInvite, Invite, ServerInvite } from "../../schema/Invite.js"
import { Member } from "../../schema/Member.js"
import { Message } from "../../schema/Message.js"
import { Server } from "../../schema/Server.js"
import { User } from "../../schema/User.js"
import type { FakeState } from "./FakeState.js"
import type { BanRecord, MemberRecord, MessageRecord } from "./records.js"
import { channelJson } from "./wire/channels.js"
import { messageJson } from "./wire/messages.js"
import { banJson, memberJson, serverJson } from "./wire/servers.js"
import { userJson } from "./wire/users.js"

/** A user of the fake as the client reads them, with the token and the profile. */
export interface FakeAccountView {
  readonly user: User
  readonly token: string
  readonly profile: { readonly content: Option.Option<string>; readonly background: Option.Option<File> }
}

/**
 * The fake's state read through the client's schemas: every server, channel, member, ban, invite,
 * message and user is the fake's own JSON decoded, so each read is a real round trip. The rest
 * (relations, reads, voice, rate windows...) is the fake's state as it is.
 */
export interface FakeStateView extends
  Omit<FakeState, "accounts" | "servers" | "channels" | "members" | "departed" | "bans" | "invites" | "messages">
{
  readonly accounts: HashMap.HashMap<string, FakeAccountView>
  readonly servers: HashMap.HashMap<string, Server>
  readonly channels: HashMap.HashMap<string, Channel>
  /** Keyed by `server/user`. */
  readonly members: HashMap.HashMap<string, Member>
  readonly departed: HashMap.HashMap<string, Member>
  readonly bans: HashMap.HashMap<string, Ban>
  readonly invites: HashMap.HashMap<string, ServerInvite | GroupInvite>
  readonly messages: HashMap.HashMap<string, ReadonlyArray<Message>>
}

const decodeUser = Schema.decodeUnknownSync(User)
const decodeServer = Schema.decodeUnknownSync(Server)
const decodeChannel = Schema.decodeUnknownSync(Channel)
const decodeMember = Schema.decodeUnknownSync(Member)
const decodeBan = Schema.decodeUnknownSync(Ban)
const decodeInvite = Schema.decodeUnknownSync(Invite)
const decodeMessage = Schema.decodeUnknownSync(Message)
const decodeFile = Schema.decodeUnknownSync(File)

/** A member as the client reads it. */
export const viewMember = (member: MemberRecord): Member => decodeMember(memberJson(member))

/** A ban as the client reads it. */
export const viewBan = (ban: BanRecord): Ban => decodeBan(banJson(ban))

/** A message as the client reads it. */
export const viewMessage = (message: MessageRecord): Message => decodeMessage(messageJson(message))

const views = new WeakMap<FakeState, FakeStateView>()

/** The state as the client reads it (each state is decoded once). */
export const viewState = (state: FakeState): FakeStateView => {
  const known = views.get(state)
  if (known !== undefined) return known
  const view: FakeStateView = {
    ...state,
    accounts: HashMap.map(state.accounts, (account) => ({
      user: decodeUser(userJson(state, account.user, account.user)),
      token: account.token,
      profile: {
        content: Option.fromNullable(account.profile.content),
        background: Option.map(Option.fromNullable(account.profile.background), decodeFile)
      }
    })),
    servers: HashMap.map(state.servers, (server) => decodeServer(serverJson(state, server))),
    channels: HashMap.map(state.channels, (channel) => decodeChannel(channelJson(channel))),
    members: HashMap.map(state.members, viewMember),
    departed: HashMap.map(state.departed, viewMember),
    bans: HashMap.map(state.bans, viewBan),
    invites: HashMap.filterMap(state.invites, (invite) => {
      const decoded = decodeInvite(invite)
      return decoded._tag === "UnknownInvite" ? Option.none() : Option.some(decoded)
    }),
    messages: HashMap.map(state.messages, (messages) => messages.map(viewMessage))
  }
  views.set(state, view)
  return view
}
