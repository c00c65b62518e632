// A frozen copy of StoatCache's walk before issue 10 (persistent HashMaps, every field walked), kept
// only so that bench/cache-remember.ts can time it beside today's cache in the same run.
import { HashMap, Option } from "effect"
import { Ban, DirectMessageChannel, GroupChannel, Member, Message, SavedMessagesChannel, Server, TextChannel, UnknownChannelType, User } from "effect-stoat"

interface Entries {
  readonly users: HashMap.HashMap<string, User>
  readonly servers: HashMap.HashMap<string, Server>
  readonly channels: HashMap.HashMap<string, unknown>
  readonly members: HashMap.HashMap<string, Member>
  readonly bans: HashMap.HashMap<string, Ban>
}

export const emptyBefore: Entries = {
  users: HashMap.empty(),
  servers: HashMap.empty(),
  channels: HashMap.empty(),
  members: HashMap.empty(),
  bans: HashMap.empty()
}

const isChannel = (value: object) =>
  value instanceof SavedMessagesChannel || value instanceof DirectMessageChannel || value instanceof GroupChannel ||
  value instanceof TextChannel || value instanceof UnknownChannelType

/** The old `learn`: what `remember` did to the cache's state. */
export const learnBefore = (entries: Entries, value: unknown): Entries => {
  const users = HashMap.beginMutation(entries.users)
  const servers = HashMap.beginMutation(entries.servers)
  const channels = HashMap.beginMutation(entries.channels)
  const members = HashMap.beginMutation(entries.members)
  const bans = HashMap.beginMutation(entries.bans)
  const walk = (value: unknown): void => {
    if (typeof value !== "object" || value === null) return
    if (value instanceof User) HashMap.set(users, value.id, value)
    else if (value instanceof Member) HashMap.set(members, `${value.id.server}/${value.id.user}`, value)
    else if (value instanceof Server) HashMap.set(servers, value.id, value)
    else if (value instanceof Ban) HashMap.set(bans, `${value.id.server}/${value.id.user}`, value)
    else if (isChannel(value)) HashMap.set(channels, (value as { readonly id: string }).id, value)
    else if (value instanceof Message) Object.values(value).forEach(walk)
    else if (Array.isArray(value)) value.forEach(walk)
    else if (Option.isOption(value)) Option.map(value, walk)
    else Object.values(value).forEach(walk)
  }
  walk(value)
  return {
    users: HashMap.endMutation(users),
    servers: HashMap.endMutation(servers),
    channels: HashMap.endMutation(channels),
    members: HashMap.endMutation(members),
    bans: HashMap.endMutation(bans)
  }
}
