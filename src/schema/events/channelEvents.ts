import { Data, Schema } from "effect"
import { Channel } from "../Channel.js"
import { ChannelId, MessageId, UserId } from "../Ids.js"
import { openEnum, RawObject, renamed, withDefault } from "../Wire.js"
import { eventTag, flattenedEvent } from "./eventWire.js"

/** `ChannelCreate`: a channel you can see now exists, or became visible (the frame is the channel's fields). */
export class ChannelCreate extends Schema.TaggedClass<ChannelCreate>()("ChannelCreate", { channel: Channel }) {}

/** `ChannelCreate` from its flattened frame. */
export const ChannelCreateFromWire = flattenedEvent(
  "ChannelCreate",
  Schema.typeSchema(ChannelCreate),
  Channel,
  (channel) => new ChannelCreate({ channel }),
  (event) => event.channel
)

/** A channel field an update clears (`FieldsChannel`). */
export const ClearedChannelField = openEnum("Description", "Icon", "DefaultPermissions", "Voice", "Slowmode")

/** `ChannelUpdate`: a channel changed; `data` is the partial channel as sent. */
export class ChannelUpdate extends Schema.Class<ChannelUpdate>("ChannelUpdate")({
  _tag: eventTag("ChannelUpdate"),
  id: ChannelId,
  data: RawObject,
  clear: withDefault(Schema.Data(Schema.Array(ClearedChannelField)), () => Data.array([]))
}) {}

/** `ChannelDelete`: a channel was deleted, or you can no longer see it. */
export class ChannelDelete extends Schema.Class<ChannelDelete>("ChannelDelete")({
  _tag: eventTag("ChannelDelete"),
  id: ChannelId
}) {}

/** `ChannelWipe`: a channel's messages, unreads and voice states are gone. */
export class ChannelWipe extends Schema.Class<ChannelWipe>("ChannelWipe")({
  _tag: eventTag("ChannelWipe"),
  id: ChannelId
}) {}

/** `ChannelGroupJoin`: `user` joined the group `id`. */
export class ChannelGroupJoin extends Schema.Class<ChannelGroupJoin>("ChannelGroupJoin")({
  _tag: eventTag("ChannelGroupJoin"),
  id: ChannelId,
  user: UserId
}) {}

/** `ChannelGroupLeave`: `user` left the group `id`. */
export class ChannelGroupLeave extends Schema.Class<ChannelGroupLeave>("ChannelGroupLeave")({
  _tag: eventTag("ChannelGroupLeave"),
  id: ChannelId,
  user: UserId
}) {}

/** `ChannelStartTyping`: `user` began typing in `id` (no stop comes by itself: clients expire it). */
export class ChannelStartTyping extends Schema.Class<ChannelStartTyping>("ChannelStartTyping")({
  _tag: eventTag("ChannelStartTyping"),
  id: ChannelId,
  user: UserId
}) {}

/** `ChannelStopTyping`: `user` stopped typing in `id`. */
export class ChannelStopTyping extends Schema.Class<ChannelStopTyping>("ChannelStopTyping")({
  _tag: eventTag("ChannelStopTyping"),
  id: ChannelId,
  user: UserId
}) {}

/** `ChannelAck`: you read channel `id` up to `messageId` (on another session too). */
export class ChannelAck extends Schema.Class<ChannelAck>("ChannelAck")({
  _tag: eventTag("ChannelAck"),
  id: ChannelId,
  user: UserId,
  messageId: renamed(MessageId, "message_id")
}) {}
