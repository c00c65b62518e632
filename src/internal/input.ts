import { Effect } from "effect"
import { FailedValidation } from "../errors/ApiError.js"
import { isPathSegment, isUlid, ServerId, UserId } from "../schema/Ids.js"

/** Fails with `FailedValidation` saying what is wrong, before any request is sent. */
export const invalid = (error: string) => Effect.fail(new FailedValidation({ error }))

/** Something named by its id, or the id itself. */
export type Identifiable<Id extends string> = Id | string | { readonly id: Id | string }

/** A member (or partial member), which stands for its user: its `id` names the server and the user. */
export interface MemberIdRef {
  readonly id: { readonly user: UserId | string }
}

/** Whether a reference is a member's. */
export const isMemberRef = (ref: object): ref is MemberIdRef => "id" in ref && typeof ref.id === "object" && ref.id !== null

/** The id a reference names, unchecked: the id itself, an object's `id`, or a member's user. */
export const idOf = (ref: Identifiable<string> | MemberIdRef): string =>
  typeof ref === "string" ? ref : isMemberRef(ref) ? ref.id.user : ref.id

/** Checks that an id is a ULID, as the routes that would only 404 on anything else require. */
export const ulid = <B extends string>(what: string, value: string, brand: (value: string) => B) =>
  isUlid(value) ? Effect.succeed(brand(value)) : invalid(`${what} must be a ULID, got ${JSON.stringify(value)}`)

/** Checks that a reference names a server by a ULID. */
export const serverId = (server: Identifiable<ServerId>) => ulid("server id", idOf(server), ServerId.make)

/** Checks that a reference (a member's included) names a user by a ULID. */
export const userId = (user: Identifiable<UserId> | MemberIdRef) => ulid("user id", idOf(user), UserId.make)

/** Checks that a value can stand as one path segment: not empty, `.` or `..`. */
export const segment = <B extends string>(what: string, value: string, brand: (value: string) => B) =>
  isPathSegment(value)
    ? Effect.succeed(brand(value))
    : invalid(`${what} must be a non-empty path segment other than "." and "..", got ${JSON.stringify(value)}`)

/** Checks a length in characters (code points), as the server counts them. */
export const characters = (what: string, value: string, min: number, max: number) => {
  const length = [...value].length
  return length >= min && length <= max
    ? Effect.succeed(value)
    : invalid(`${what} must be ${min} to ${max} characters long, got ${length}`)
}

const auditLogReasonBytes = 512

/** Options of the operations that write to the server's audit log. */
export interface AuditLogOptions {
  /** Sent as `X-Audit-Log-Reason`: at most 512 UTF-8 bytes. */
  readonly auditLogReason?: string
}

/** Checks an audit-log reason: at most 512 UTF-8 bytes, and no control characters (it is a header). */
export const auditLogReason = (reason: string | undefined) => {
  if (reason === undefined) return Effect.succeed(undefined)
  return Effect.flatMap(utf8Bytes("the audit-log reason", reason, auditLogReasonBytes), (checked) =>
    /[\u0000-\u001f\u007f]/.test(checked)
      ? invalid("the audit-log reason must not contain control characters")
      : Effect.succeed(checked))
}

/** Checks an `Idempotency-Key`: 1 to 64 printable ASCII characters, as the server accepts. */
export const idempotencyKey = (key: string | undefined) =>
  key === undefined || /^[\x20-\x7e]{1,64}$/.test(key)
    ? Effect.succeed(key)
    : invalid("the idempotency key must be 1 to 64 printable ASCII characters")

/** Checks a length in UTF-8 bytes, as the server counts message content. */
export const utf8Bytes = (what: string, value: string, max: number) => {
  const bytes = Buffer.byteLength(value, "utf8")
  return bytes <= max ? Effect.succeed(value) : invalid(`${what} must be at most ${max} UTF-8 bytes, got ${bytes}`)
}

const colourValue = String.raw`[a-z ]+|var\(--[a-z\d-]+\)|rgba?\([\d, ]+\)|#[a-f0-9]+`
const colourStop = String.raw`([ ]+(\d{1,3}%|0))?`
const cssColour = new RegExp(
  String.raw`^(?:${colourValue}|(repeating-)?(linear|conic|radial)-gradient\((${colourValue}|\d+deg)${colourStop}(,[ ]*(${colourValue})${colourStop})+\))$`,
  "i"
)

/** Checks a colour as the server's `RE_COLOUR` does (a CSS name, `#hex`, `rgb()`, `var(--x)` or a gradient), 1 to 128 characters. */
export const colour = (what: string, value: string) =>
  Effect.flatMap(characters(what, value, 1, 128), (checked) =>
    cssColour.test(checked)
      ? Effect.succeed(checked)
      : invalid(`${what} must be a CSS colour, a variable or a gradient, got ${JSON.stringify(checked)}`))
