import { Schema } from "effect"
import { userClasses } from "./fastClasses.js"
import { withFastDecode } from "./fastDecode.js"
import { User } from "./User.js"

/**
 * A list of users: `Schema.Array(User)`, decoded by the fast path (`withFastDecode`), which gives
 * the same users and the same failures at a fraction of the interpreter's cost (BENCHMARKS.md).
 */
export const UserArray = withFastDecode(Schema.Array(User), userClasses)
