import { AudioMetadata, File, FileMetadata, ImageMetadata, TextMetadata, VideoMetadata } from "./File.js"
import type { FastClass } from "./fastDecode.js"
import { Member, MemberId, MemberWithRoles } from "./Member.js"
import { BotInformation, Relation, User, UserStatus } from "./User.js"

/** The classes of a file the fast path builds itself (`withFastDecode`). */
export const fileClasses: ReadonlyArray<FastClass> = [File, FileMetadata, TextMetadata, ImageMetadata, VideoMetadata, AudioMetadata]

/** The classes of a member (and of a member with roles) the fast path builds itself. */
export const memberClasses: ReadonlyArray<FastClass> = [Member, MemberId, MemberWithRoles, ...fileClasses]

/** The classes of a user the fast path builds itself. */
export const userClasses: ReadonlyArray<FastClass> = [User, UserStatus, BotInformation, Relation, ...fileClasses]
