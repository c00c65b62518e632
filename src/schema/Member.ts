import { Data, Schema } from "effect"
import { File } from "./File.js"
import { RoleId, ServerId, UserId } from "./Ids.js"
import { RoleMap } from "./Server.js"
import { Timestamp } from "./Timestamp.js"
import { dataArray, optionalOption, renamed, withDefault } from "./Wire.js"

export { Timestamp } from "./Timestamp.js"

/** A member's id: the server and the user. */
export class MemberId extends Schema.Class<MemberId>("MemberId")({
  server: ServerId,
  user: UserId
}) {}

/** Role ids, compared by content (`Equal.equals`), so members with the same roles are equal. */
export const RoleIds = dataArray(RoleId)

/** A user's membership of a server. Two members are `Equal.equals` when every field is. */
export class Member extends Schema.Class<Member>("Member")({
  id: renamed(MemberId, "_id"),
  joinedAt: renamed(Timestamp, "joined_at"),
  nickname: optionalOption(Schema.String),
  pronouns: optionalOption(Schema.String),
  avatar: optionalOption(File),
  roles: withDefault(RoleIds, () => Data.unsafeArray([])),
  timeout: optionalOption(Timestamp),
  canPublish: withDefault(Schema.Boolean, () => true, "can_publish"),
  canReceive: withDefault(Schema.Boolean, () => true, "can_receive")
}) {}

/** A member with the server's roles that it holds (`GET /servers/{id}/members/{user}?roles=true`). */
export class MemberWithRoles extends Schema.Class<MemberWithRoles>("MemberWithRoles")({
  member: Member,
  roles: withDefault(RoleMap, () => ({}))
}) {}
