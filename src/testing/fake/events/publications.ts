import { HashMap, Option } from "effect"
import { type FakeState, pair } from "../FakeState.js"
import type { MemberRecord, MessageRecord, UserRecord } from "../records.js"
import type { FakeChange } from "../StoatFake.js"
import { channelJson } from "../wire/channels.js"
import { iso, type Json, parseObject, present } from "../wire/json.js"
import { messageJson } from "../wire/messages.js"
import { memberJson, serverJson } from "../wire/servers.js"
import { staticUserJson } from "../wire/users.js"
import type { Publication } from "./FakeEvents.js"

/** The member fields of the wire (`PartialMember` keys) and their `FieldsMember` names. */
const memberFields = {
  nickname: "Nickname",
  pronouns: "Pronouns",
  avatar: "Avatar",
  roles: "Roles",
  timeout: "Timeout",
  can_publish: "CanPublish",
  can_receive: "CanReceive",
  joined_at: "JoinedAt"
} as const
type MemberField = keyof typeof memberFields

const memberValue = (member: MemberRecord, field: MemberField): unknown => {
  const value = member[field]
  if ((field === "timeout" || field === "joined_at") && typeof value === "number") return iso(value)
  return Array.isArray(value) ? [...value] : value
}

/** The route a request took, as `METHOD /a/:/b`-like segments. */
const segmentsOf = (change: FakeChange) => change.request.path.split("/").slice(1).map(decodeURIComponent)

/**
 * `ServerMemberUpdate` as `member_edit` publishes it: `data` holds the fields the request set,
 * `clear` echoes its `remove`; any other change publishes what differs.
 */
const memberUpdate = (change: FakeChange, before: MemberRecord, after: MemberRecord): Json => {
  const [first, , third] = segmentsOf(change)
  const edit = change.request.method === "PATCH" && first === "servers" && third === "members"
  const body: Json = edit ? Option.getOrElse(parseObject(change.request.body ?? ""), () => ({})) : {}
  const fields = Object.keys(memberFields) as ReadonlyArray<MemberField>
  const set = fields.filter((field) =>
    edit ? body[field] !== undefined && body[field] !== null : after[field] !== undefined && memberValue(after, field) !== memberValue(before, field)
  )
  const remove = Array.isArray(body["remove"]) ? body["remove"].filter((name) => typeof name === "string") : []
  const cleared = edit ? remove : fields.filter((field) => before[field] !== undefined && after[field] === undefined).map((field) => memberFields[field])
  const data: Json = {}
  for (const field of set) data[field] = field === "joined_at" && after.joined_at === undefined ? undefined : memberValue(after, field)
  return {
    type: "ServerMemberUpdate",
    id: { server: after._id.server, user: after._id.user },
    data: present(data),
    clear: cleared
  }
}

/** Why a member is gone: banned, left (`DELETE /servers/{id}`), or kicked. */
const removal = (change: FakeChange, member: MemberRecord): string => {
  if (HashMap.has(change.after.bans, pair(member._id.server, member._id.user))) return "Ban"
  const segments = segmentsOf(change)
  return change.request.method === "DELETE" && segments.length === 2 && segments[0] === "servers" ? "Leave" : "Kick"
}

const memberPublications = (change: FakeChange): Array<Publication> => {
  const { before, after } = change
  if (before.members === after.members) return []
  const publications: Array<Publication> = []
  for (const [key, member] of after.members) {
    const server = member._id.server
    const previous = HashMap.get(before.members, key)
    if (Option.isNone(previous)) {
      const user = member._id.user
      publications.push({ topic: server, event: { type: "ServerMemberJoin", id: server, user, member: memberJson(member) } })
      Option.map(HashMap.get(after.servers, server), (found) => publications.push({
        topic: `${user}!`,
        event: {
          type: "ServerCreate",
          id: server,
          server: serverJson(after, found),
          channels: found.channels.flatMap((id) => Option.toArray(Option.map(HashMap.get(after.channels, id), channelJson))),
          emojis: [],
          voice_states: []
        }
      }))
    } else if (previous.value !== member) {
      publications.push({ topic: server, event: memberUpdate(change, previous.value, member) })
    }
  }
  for (const [key, member] of before.members) {
    const server = member._id.server
    if (HashMap.has(after.members, key)) continue
    if (!HashMap.has(after.servers, server)) continue
    publications.push({
      topic: server,
      event: { type: "ServerMemberLeave", id: server, user: member._id.user, reason: removal(change, member) }
    })
  }
  for (const [id] of before.servers) {
    if (!HashMap.has(after.servers, id)) publications.push({ topic: id, event: { type: "ServerDelete", id } })
  }
  return publications
}

/** A new message; one sent through `POST /channels/{id}/messages` carries its author and their membership. */
const messageEvent = (change: FakeChange, message: MessageRecord): Json => {
  const sent = change.request.method === "POST" && message.system === undefined
  const author = sent ? HashMap.get(change.after.accounts, message.author) : Option.none()
  const server = Option.flatMap(HashMap.get(change.after.channels, message.channel), (channel) =>
    channel.channel_type === "TextChannel" ? Option.some(channel.server) : Option.none())
  const member = Option.flatMap(server, (id) => HashMap.get(change.after.members, pair(id, message.author)))
  return present({
    type: "Message",
    ...messageJson(message),
    user: Option.getOrUndefined(Option.map(author, (account) => staticUserJson(account.user))),
    member: sent ? Option.getOrUndefined(Option.map(member, (found) => memberJson(found))) : undefined
  })
}

const messagePublications = (change: FakeChange): Array<Publication> => {
  const { before, after } = change
  if (before.messages === after.messages) return []
  const publications: Array<Publication> = []
  const ban = change.request.method === "PUT" && segmentsOf(change)[2] === "bans"
  for (const [channel, messages] of after.messages) {
    const earlier = Option.getOrElse(HashMap.get(before.messages, channel), () => [])
    if (earlier === messages) continue
    const old = new Map(earlier.map((message) => [message._id, message]))
    for (const message of messages) {
      const previous = old.get(message._id)
      if (previous === undefined) publications.push({ topic: channel, event: messageEvent(change, message) })
      else if (previous !== message) {
        publications.push({
          topic: channel,
          event: {
            type: "MessageUpdate",
            id: message._id,
            channel,
            data: present({ content: message.content, edited: message.edited === undefined ? undefined : iso(message.edited) }),
            clear: []
          }
        })
      }
    }
    const kept = new Set(messages.map((message) => message._id))
    const gone = earlier.filter((message) => !kept.has(message._id)).map((message) => message._id)
    if (gone.length === 0) continue
    if (ban) publications.push({ topic: channel, event: { type: "BulkMessageDelete", channel, ids: gone } })
    else gone.forEach((id) => publications.push({ topic: channel, event: { type: "MessageDelete", id, channel } }))
  }
  return publications
}

const userFields = ["username", "discriminator", "display_name", "pronouns", "avatar", "badges", "flags", "online"] as const
const userClears = { display_name: "DisplayName", pronouns: "Pronouns", avatar: "Avatar" } as const

/**
 * `UserUpdate` for a changed user: a presence change (`online`) to the servers they are in and
 * their own topic; a profile change to their topic and the servers' member-list topics.
 */
const userPublications = (change: FakeChange): Array<Publication> => {
  const { before, after } = change
  if (before.accounts === after.accounts) return []
  const publications: Array<Publication> = []
  for (const [id, account] of after.accounts) {
    const previous = Option.map(HashMap.get(before.accounts, id), (found) => found.user)
    if (Option.isNone(previous) || previous.value === account.user) continue
    const old: UserRecord = previous.value
    const user = account.user
    const data: Json = {}
    for (const field of userFields) if (user[field] !== undefined && JSON.stringify(user[field]) !== JSON.stringify(old[field])) data[field] = user[field]
    const clear: Array<string> = []
    for (const [field, name] of Object.entries(userClears)) {
      if (old[field as keyof typeof userClears] !== undefined && user[field as keyof typeof userClears] === undefined) clear.push(name)
    }
    if (JSON.stringify(user.status) !== JSON.stringify(old.status)) {
      if (user.status?.text === undefined && old.status?.text !== undefined) clear.push("StatusText")
      if (user.status?.presence === undefined && old.status?.presence !== undefined) clear.push("StatusPresence")
      if (user.status !== undefined && (user.status.text !== undefined || user.status.presence !== undefined)) data["status"] = present({ ...user.status })
    }
    if (Object.keys(data).length === 0 && clear.length === 0) continue
    const servers = serversOf(after, id)
    const presenceOnly = Object.keys(data).every((key) => key === "online") && clear.length === 0
    const topics = presenceOnly ? [...servers, id] : [id, ...servers.map((server) => `${server}u`)]
    const event = { type: "UserUpdate", id, data, clear, event_id: null }
    topics.forEach((topic) => publications.push({ topic, event }))
  }
  return publications
}

const serversOf = (state: FakeState, user: string): ReadonlyArray<string> =>
  [...HashMap.values(state.members)].filter((member) => member._id.user === user).map((member) => member._id.server)

/**
 * The events a successful request publishes, in the backend's order: membership events (a join's
 * `ServerMemberJoin` before the joiner's `ServerCreate`), then user updates, then messages (system
 * messages, sends, edits, deletions: a ban's purge as `BulkMessageDelete`).
 */
export const publicationsOf = (change: FakeChange): ReadonlyArray<Publication> =>
  change.status >= 200 && change.status < 300
    ? [...memberPublications(change), ...userPublications(change), ...messagePublications(change)]
    : []
