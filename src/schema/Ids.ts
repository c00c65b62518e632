import { Schema } from "effect"

/** A user's id (a ULID). */
export const UserId = Schema.String.pipe(Schema.brand("UserId"))
export type UserId = typeof UserId.Type

/** A server's id (a ULID). */
export const ServerId = Schema.String.pipe(Schema.brand("ServerId"))
export type ServerId = typeof ServerId.Type

/** A channel's id (a ULID). */
export const ChannelId = Schema.String.pipe(Schema.brand("ChannelId"))
export type ChannelId = typeof ChannelId.Type

/** A message's id (a ULID). */
export const MessageId = Schema.String.pipe(Schema.brand("MessageId"))
export type MessageId = typeof MessageId.Type

/** A role's id (a ULID). */
export const RoleId = Schema.String.pipe(Schema.brand("RoleId"))
export type RoleId = typeof RoleId.Type

/** An invite code: 8 characters, or a discoverable server's id (a vanity invite). */
export const InviteCode = Schema.String.pipe(Schema.brand("InviteCode"))
export type InviteCode = typeof InviteCode.Type

/** A file's id on the file server (Autumn): a 42-character nanoid, a ULID for emojis. */
export const FileId = Schema.String.pipe(Schema.brand("FileId"))
export type FileId = typeof FileId.Type

const ulid = /^[0-9A-HJKMNP-TV-Z]{26}$/

/** Whether `value` is a ULID as the backend writes them (26 Crockford base32 characters, uppercase). */
export const isUlid = (value: string): boolean => ulid.test(value)

/** Whether `value` can stand as one path segment: anything but empty, `.` and `..`. */
export const isPathSegment = (value: string): boolean => value !== "" && value !== "." && value !== ".."

const crockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

const base32 = (value: bigint, length: number): string => {
  let text = ""
  for (let index = 0; index < length; index++) {
    text = crockford[Number(value % 32n)] + text
    value /= 32n
  }
  return text
}

/** A ULID for the instant `millis`, its 80 low bits taken from `entropy` (so ids made in one millisecond differ). */
export const makeUlid = (millis: number, entropy: bigint): string =>
  base32(BigInt(Math.max(0, Math.floor(millis))), 10) + base32(entropy & ((1n << 80n) - 1n), 16)

/** The instant a ULID was made, in Unix milliseconds. */
export const ulidTime = (id: string): number =>
  [...id.slice(0, 10)].reduce((time, char) => time * 32 + crockford.indexOf(char), 0)
