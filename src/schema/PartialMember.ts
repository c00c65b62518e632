import { Data, Option, Schema } from "effect"
import { File } from "./File.js"
import { Member, MemberId, RoleIds } from "./Member.js"
import { Timestamp } from "./Timestamp.js"
import { openEnum, optionalOption, withDefault } from "./Wire.js"

/** The names of the member fields the wire can clear (`FieldsMember`). */
export const MemberFieldName = Schema.Literal(
  "Nickname",
  "Pronouns",
  "Avatar",
  "Roles",
  "Timeout",
  "CanReceive",
  "CanPublish",
  "JoinedAt",
  "VoiceChannel"
)
export type MemberFieldName = typeof MemberFieldName.Type

/**
 * A member field an update clears (`FieldsMember`, the wire `clear` and `remove` lists). A name
 * this library does not know yet is kept as an `UnknownEnumValue`.
 */
export const ClearedMemberField = openEnum(...MemberFieldName.literals)
export type ClearedMemberField = typeof ClearedMemberField.Type

/** The fields an update sets, in wire form; `None` leaves a field as it is. */
export class MemberChanges extends Schema.Class<MemberChanges>("MemberChanges")({
  joinedAt: optionalOption(Timestamp, "joined_at"),
  nickname: optionalOption(Schema.String),
  pronouns: optionalOption(Schema.String),
  avatar: optionalOption(File),
  roles: optionalOption(RoleIds),
  timeout: optionalOption(Timestamp),
  canPublish: optionalOption(Schema.Boolean, "can_publish"),
  canReceive: optionalOption(Schema.Boolean, "can_receive")
}) {}

/**
 * A change to a member, as the `ServerMemberUpdate` event carries it: the fields `data` sets and
 * the fields `clear` resets (absent from both: unchanged). The server clears before it sets.
 */
export class PartialMember extends Schema.Class<PartialMember>("PartialMember")({
  id: MemberId,
  data: MemberChanges,
  clear: withDefault(Schema.Data(Schema.Array(ClearedMemberField)), () => Data.array([]))
}) {}

/**
 * The seed's `locally_update`, for every field: `member` after `partial`. Cleared fields go back to
 * their defaults (no nickname, pronouns, avatar or timeout, no roles, allowed to publish and to
 * receive; clearing `JoinedAt` or `VoiceChannel` changes nothing here), then set fields replace
 * theirs. The member keeps its id.
 */
export const applyPartial = (member: Member, partial: PartialMember): Member => {
  const cleared = (field: ClearedMemberField) => partial.clear.includes(field)
  const { data } = partial
  const pick = <A>(set: Option.Option<A>, field: ClearedMemberField, reset: A, current: A): A =>
    Option.getOrElse(set, () => (cleared(field) ? reset : current))
  return new Member({
    id: member.id,
    joinedAt: Option.getOrElse(data.joinedAt, () => member.joinedAt),
    nickname: pick(Option.map(data.nickname, Option.some), "Nickname", Option.none(), member.nickname),
    pronouns: pick(Option.map(data.pronouns, Option.some), "Pronouns", Option.none(), member.pronouns),
    avatar: pick(Option.map(data.avatar, Option.some), "Avatar", Option.none(), member.avatar),
    roles: pick(data.roles, "Roles", Data.array([]), member.roles),
    timeout: pick(Option.map(data.timeout, Option.some), "Timeout", Option.none(), member.timeout),
    canPublish: pick(data.canPublish, "CanPublish", true, member.canPublish),
    canReceive: pick(data.canReceive, "CanReceive", true, member.canReceive)
  })
}
