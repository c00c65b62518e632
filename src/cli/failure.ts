import { Data } from "effect"
import { apiErrors } from "../errors/ApiError.js"

/** The kinds of failure the command tells apart, each with its own exit code. */
export type Family = "unexpected" | "input" | "auth" | "permission" | "notFound" | "conflict" | "rateLimit" | "transport"

/** The exit code of each family (0 is success). */
export const exitCodes: Readonly<Record<Family, number>> = {
  unexpected: 1,
  input: 2,
  auth: 3,
  permission: 4,
  notFound: 5,
  conflict: 6,
  rateLimit: 7,
  transport: 8
}

/** The exit codes as `--help` and the README list them. */
export const exitCodeTable = [
  "0  success",
  "1  unexpected: an answer the client did not expect, a server failure, a bug",
  "2  input: bad arguments, an invalid id, a file that cannot be read",
  "3  auth: no token, or the token is not valid",
  "4  permission: the account may not do that (permission, rank, bot or user only, banned)",
  "5  not found: no such invite, server, member, user or channel",
  "6  conflict: already done (already a member, already banned...), a port in use",
  "7  rate limit: still limited after the retries, or slowmode",
  "8  transport: no answer (refused, reset, timed out)"
].join("\n")

/** A failure of the command itself (no token, an unreadable file, a port in use): its family and one sentence. */
export class CliFailure extends Data.TaggedError("CliFailure")<{ readonly family: Family; readonly sentence: string }> {
  override get message(): string {
    return this.sentence
  }
}

const byStatus = (status: number): Family => {
  if (status === 401) return "auth"
  if (status === 403) return "permission"
  if (status === 404) return "notFound"
  if (status === 409) return "conflict"
  if (status === 429) return "rateLimit"
  if (status === 400 || status === 422) return "input"
  return "unexpected"
}

const families: Readonly<Record<string, Family>> = {
  CliFailure: "unexpected",
  TransportError: "transport",
  RateLimited: "rateLimit",
  UnexpectedResponse: "unexpected",
  IsBot: "permission",
  IsNotBot: "permission",
  CannotRemoveYourself: "input",
  CannotTimeoutYourself: "input",
  TooManyServers: "conflict",
  GroupTooLarge: "conflict",
  NoEffect: "conflict",
  DatabaseError: "unexpected",
  InternalError: "unexpected"
}

const isApiTag = (tag: string): tag is keyof typeof apiErrors => Object.hasOwn(apiErrors, tag)

/** The family of any failure the command can meet, by its `_tag`. */
export const familyOf = (error: { readonly _tag: string }): Family => {
  if (error instanceof CliFailure) return error.family
  const known = families[error._tag]
  if (known !== undefined) return known
  return isApiTag(error._tag) ? byStatus(apiErrors[error._tag].status) : "unexpected"
}

const field = (error: object, name: string): string => {
  const value: unknown = Reflect.get(error, name)
  return typeof value === "string" || typeof value === "number" ? String(value) : "?"
}

const sentences: Readonly<Record<string, (error: object) => string>> = {
  InvalidSession: () => "The token is not valid (check STOAT_TOKEN and --token-kind).",
  NotAuthenticated: () => "The server wants a token (set STOAT_TOKEN).",
  MissingPermission: (error) => `The account lacks the ${field(error, "permission")} permission there.`,
  MissingUserPermission: (error) => `The account may not do that to this user (${field(error, "permission")}).`,
  NotElevated: () => "The member ranks at or above the account: it may not act on them.",
  IsElevated: () => "The member ranks above the account: it may not do that to them.",
  NotOwner: () => "Only the server's owner may do that.",
  NotPrivileged: () => "Only a privileged account may do that.",
  IsBot: () => "A bot may not do that (use a user token, --token-kind user).",
  IsNotBot: () => "Only a bot may do that.",
  Banned: () => "The account is banned from that server.",
  NotFound: () => "Not found: no such thing, or the account cannot see it.",
  UnknownUser: () => "No such user.",
  UnknownServer: () => "No such server.",
  UnknownChannel: () => "No such channel.",
  InvalidRole: () => "No such role in that server.",
  FailedValidation: (error) => `Invalid input: ${field(error, "error")}.`,
  CannotRemoveYourself: () => "The account cannot kick or ban itself.",
  CannotTimeoutYourself: () => "The account cannot time itself out.",
  AlreadyInServer: () => "The account is already a member of that server.",
  AlreadyInGroup: () => "The account is already in that group.",
  TooManyServers: (error) => `The account is in too many servers (at most ${field(error, "max")}).`,
  GroupTooLarge: (error) => `The group is full (at most ${field(error, "max")}).`,
  NoEffect: () => "Nothing to change: it is already so.",
  InSlowmode: (error) => `The channel is in slowmode: wait ${field(error, "retryAfter")} s.`,
  DatabaseError: () => "The server had a database failure (it may mean: already done); try again later.",
  InternalError: () => "The server failed; try again later.",
  TransportError: (error) => `No answer from the server: ${field(error, "message")}.`,
  RateLimited: (error) => `Still rate limited after the retries: ${field(error, "message")}.`,
  UnexpectedResponse: (error) => `The server gave an unexpected answer: ${field(error, "message")}.`
}

/** The one sentence that explains a failure on stderr. */
export const sentenceOf = (error: { readonly _tag: string }): string => {
  if (error instanceof CliFailure) return error.sentence
  const sentence = sentences[error._tag]
  if (sentence !== undefined) return sentence(error)
  if (!isApiTag(error._tag)) return `The command failed: ${error._tag}.`
  const meaning = apiErrors[error._tag].meaning
  return `${meaning.charAt(0).toUpperCase()}${meaning.slice(1)} (${error._tag}).`
}
