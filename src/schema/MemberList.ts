import { Schema } from "effect"
import { memberClasses } from "./fastClasses.js"
import { withFastDecode } from "./fastDecode.js"
import { Member, MemberWithRoles } from "./Member.js"
import { UserArray } from "./UserList.js"

/** `Member`, decoded by the fast path (`withFastDecode`): what `GET /servers/{id}/members/{user}` is read with. */
export const FastMember = withFastDecode(Member, memberClasses)

/** `MemberWithRoles`, decoded by the fast path (`?roles=true`). */
export const FastMemberWithRoles = withFastDecode(MemberWithRoles, memberClasses)

/**
 * A list of members: `Schema.Array(Member)`, decoded by the fast path (`withFastDecode`), which
 * gives the same members and the same failures at a fraction of the interpreter's cost (BENCHMARKS.md).
 */
export const MemberArray = withFastDecode(Schema.Array(Member), memberClasses)

/** Every member of a server and their users (`GET /servers/{id}/members`), both sorted by user id. */
export class MemberList extends Schema.Class<MemberList>("MemberList")({
  members: MemberArray,
  users: UserArray
}) {}
