import { HashMap, Option } from "effect"
import { type FakeAccount, type FakeState, pair } from "../FakeState.js"
import { channelPermissions, has, Permission } from "../rules/permissions.js"
import { channelJson } from "../wire/channels.js"
import type { Json } from "../wire/json.js"
import { memberJson, serverJson } from "../wire/servers.js"
import { userJson } from "../wire/users.js"

/** What a session gets at connect time: its `Ready` frame and the topics it listens to (reference §0, §4.2). */
export interface ReadyOf {
  readonly ready: Json
  readonly topics: ReadonlySet<string>
}

const visible = (state: FakeState, account: FakeAccount, channel: string, now: number): boolean =>
  Option.exists(HashMap.get(state.channels, channel), (found) =>
    has(channelPermissions(state, found, account.user, now), Permission.ViewChannel))

/** The topics a session of `account` follows in `server`: the server, its member list (bots only), the channels it sees. */
export const serverTopics = (state: FakeState, account: FakeAccount, server: string, now: number): ReadonlyArray<string> => {
  const channels = Option.match(HashMap.get(state.servers, server), {
    onNone: () => [],
    onSome: (found) => found.channels.filter((id) => visible(state, account, id, now))
  })
  return [server, ...(account.user.bot === undefined ? [] : [`${server}u`]), ...channels]
}

/**
 * `Ready` as the events server builds it for `account`: users it relates to or shares a private
 * channel with (itself last), its servers, the channels it can see, its own memberships. Emojis and
 * voice states are empty (the fake has none); `policy_changes` is left out for bots.
 */
export const readyOf = (state: FakeState, account: FakeAccount, now: number): ReadyOf => {
  const me = account.user._id
  const servers = [...HashMap.values(state.servers)].filter((server) => HashMap.has(state.members, pair(server._id, me)))
  const members = servers.flatMap((server) => Option.toArray(HashMap.get(state.members, pair(server._id, me))))
  const channels = [...HashMap.values(state.channels)].filter((channel) => {
    switch (channel.channel_type) {
      case "SavedMessages":
        return channel.user === me
      case "DirectMessage":
      case "Group":
        return channel.recipients.includes(me)
      case "TextChannel":
        return servers.some((server) => server._id === channel.server) && visible(state, account, channel._id, now)
    }
  })
  const related = new Set<string>()
  for (const key of HashMap.keys(state.relations)) if (key.startsWith(`${me}/`)) related.add(key.slice(me.length + 1))
  for (const channel of channels) {
    if (channel.channel_type === "DirectMessage" || channel.channel_type === "Group") channel.recipients.forEach((id) => related.add(id))
  }
  related.delete(me)
  const users = [...related].flatMap((id) => Option.toArray(HashMap.get(state.accounts, id)))
  const ready: Json = {
    type: "Ready",
    users: [...users, account].map((other) => userJson(state, account.user, other.user)),
    servers: servers.map((server) => serverJson(state, server)),
    channels: channels.map(channelJson),
    members: members.map((member) => memberJson(member)),
    emojis: [],
    voice_states: [],
    ...(account.user.bot === undefined ? { policy_changes: [] } : {})
  }
  const topics = new Set([`${me}!`, me, ...related])
  for (const server of servers) serverTopics(state, account, server._id, now).forEach((topic) => topics.add(topic))
  for (const channel of channels) topics.add(channel._id)
  return { ready, topics }
}
