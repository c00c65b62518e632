import { Data, Option, Schema } from "effect"
import { RoleId, ServerId, UserId } from "./Ids.js"
import { Member, MemberId, Timestamp } from "./Member.js"
import { UserArray } from "./UserList.js"
import { WireFile } from "./WireFile.js"
import { orNone } from "./wireKeys.js"

/** One member of a list as the wire has it: every value checked, keys and absences left as they are. */
export const MemberEntry = Schema.Struct({
  _id: Schema.Struct({ server: ServerId, user: UserId }),
  joined_at: Timestamp,
  nickname: orNone(Schema.String),
  pronouns: orNone(Schema.String),
  avatar: orNone(WireFile),
  roles: orNone(Schema.Array(RoleId)),
  timeout: orNone(Timestamp),
  can_publish: orNone(Schema.Boolean),
  can_receive: orNone(Schema.Boolean)
})
export type MemberEntry = typeof MemberEntry.Type

const noRoles: ReadonlyArray<RoleId> = Data.array([])

// `entry.roles` is a fresh array of the decoder's, which nothing else holds.
const toMember = (entry: MemberEntry): Member =>
  new Member({
    id: new MemberId(entry._id, true),
    joinedAt: entry.joined_at,
    nickname: Option.fromNullable(entry.nickname),
    pronouns: Option.fromNullable(entry.pronouns),
    avatar: Option.fromNullable(entry.avatar),
    roles: entry.roles == null ? noRoles : Data.unsafeArray(entry.roles),
    timeout: Option.fromNullable(entry.timeout),
    canPublish: entry.can_publish ?? true,
    canReceive: entry.can_receive ?? true
  }, true)

const fromMember = (member: Member): MemberEntry => ({
  _id: { server: member.id.server, user: member.id.user },
  joined_at: member.joinedAt,
  ...Option.match(member.nickname, { onNone: () => ({}), onSome: (nickname) => ({ nickname }) }),
  ...Option.match(member.pronouns, { onNone: () => ({}), onSome: (pronouns) => ({ pronouns }) }),
  ...Option.match(member.avatar, { onNone: () => ({}), onSome: (avatar) => ({ avatar }) }),
  roles: member.roles,
  ...Option.match(member.timeout, { onNone: () => ({}), onSome: (timeout) => ({ timeout }) }),
  can_publish: member.canPublish,
  can_receive: member.canReceive
})

/**
 * A list of members, decoded as `Schema.Array(Member)` would but about twice as fast (BENCHMARKS.md):
 * each entry is checked by a plain struct of its wire keys, then one transformation for the whole
 * list builds the `Member`s (renamed keys, `Option`s, defaults), where `Member` runs a transformation
 * per such field and checks the typed result again.
 */
export const MemberArray = Schema.transform(Schema.Array(MemberEntry), Schema.Array(Schema.typeSchema(Member)), {
  strict: true,
  decode: (entries) => entries.map(toMember),
  encode: (members) => members.map(fromMember)
})

/** Every member of a server and their users (`GET /servers/{id}/members`), both sorted by user id. */
export class MemberList extends Schema.Class<MemberList>("MemberList")({
  members: MemberArray,
  users: UserArray
}) {}
