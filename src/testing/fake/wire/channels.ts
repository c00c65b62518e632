import type { ChannelRecord, OverrideRecord } from "../records.js"
import { ifTrue, type Json, present } from "./json.js"

const override = (value: OverrideRecord): Json => ({ a: value.a, d: value.d })

/** A channel as the backend serializes it (`v0::Channel`, tagged by `channel_type`). */
export const channelJson = (channel: ChannelRecord): Json => {
  switch (channel.channel_type) {
    case "SavedMessages":
      return { channel_type: "SavedMessages", _id: channel._id, user: channel.user }
    case "DirectMessage":
      return present({
        channel_type: "DirectMessage",
        _id: channel._id,
        active: channel.active,
        recipients: [...channel.recipients],
        last_message_id: channel.last_message_id
      })
    case "Group":
      return present({
        channel_type: "Group",
        _id: channel._id,
        name: channel.name,
        owner: channel.owner,
        description: channel.description,
        recipients: [...channel.recipients],
        icon: channel.icon,
        last_message_id: channel.last_message_id,
        permissions: channel.permissions,
        nsfw: ifTrue(channel.nsfw)
      })
    case "TextChannel": {
      const roles = Object.entries(channel.role_permissions)
      return present({
        channel_type: "TextChannel",
        _id: channel._id,
        server: channel.server,
        name: channel.name,
        description: channel.description,
        icon: channel.icon,
        last_message_id: channel.last_message_id,
        default_permissions: channel.default_permissions === undefined ? undefined : override(channel.default_permissions),
        role_permissions: roles.length === 0 ? undefined : Object.fromEntries(roles.map(([id, value]) => [id, override(value)])),
        nsfw: ifTrue(channel.nsfw),
        voice: channel.voice === undefined ? undefined : present({ max_users: channel.voice.max_users }),
        slowmode: channel.slowmode
      })
    }
  }
}
