import { Schema } from "effect"
import { File } from "./File.js"
import { RoleId, ServerId, UserId } from "./Ids.js"
import { optionalOption, renamed, withDefault } from "./Wire.js"

/** A member's id: the server and the user. */
export class MemberId extends Schema.Class<MemberId>("MemberId")({
  server: ServerId,
  user: UserId
}) {}

/** A timestamp: ISO 8601 on the wire, also accepted as Unix milliseconds. */
export const Timestamp = Schema.Union(Schema.DateTimeUtc, Schema.DateTimeUtcFromNumber)

/** A user's membership of a server. */
export class Member extends Schema.Class<Member>("Member")({
  id: renamed(MemberId, "_id"),
  joinedAt: renamed(Timestamp, "joined_at"),
  nickname: optionalOption(Schema.String),
  pronouns: optionalOption(Schema.String),
  avatar: optionalOption(File),
  roles: withDefault(Schema.Array(RoleId), () => []),
  timeout: optionalOption(Timestamp),
  canPublish: withDefault(Schema.Boolean, () => true, "can_publish"),
  canReceive: withDefault(Schema.Boolean, () => true, "can_receive")
}) {}
