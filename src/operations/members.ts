import { Effect, type Schema } from "effect"
import { DatabaseError, FailedValidation, InvalidSession, NotFound } from "../errors/ApiError.js"
import type { ClientError } from "../errors/ClientError.js"
import { declare, type ErrorOf } from "../errors/Declared.js"
import type { ServerId } from "../schema/Ids.js"
import type { Member, MemberWithRoles } from "../schema/Member.js"
import { FastMember, FastMemberWithRoles, MemberList } from "../schema/MemberList.js"
import { StoatClient } from "../services/StoatClient.js"
import { type Identifiable, serverId, userId } from "../internal/input.js"
import type { UserTarget } from "./users.js"
import { operation } from "../internal/operation.js"

/** The errors `fetchMember` declares, for decoding its failures. */
export const fetchMemberErrors = declare(InvalidSession, NotFound, DatabaseError, FailedValidation)
/** The failures of `fetchMember`. */
export type FetchMemberError = ErrorOf<typeof fetchMemberErrors.classes> | ClientError

/** Options of `fetchMember`. */
export interface FetchMemberOptions {
  /** Also fetch the server's roles that the member holds (`?roles=true`). */
  readonly roles?: boolean
}

const getMember = <A, I>(success: Schema.Schema<A, I>, roles: boolean) =>
  operation("Stoat.fetchMember")(function*(server: Identifiable<ServerId>, user: UserTarget) {
    const client = yield* StoatClient
    const id = yield* serverId(server)
    const member = yield* userId(user)
    return yield* client.request(
      { method: "GET", path: ["servers", id, "members", member], query: roles ? { roles: true } : {} },
      success,
      fetchMemberErrors
    )
  })

const memberAlone = getMember(FastMember, false)
const memberWithRoles = getMember(FastMemberWithRoles, true)

/**
 * `GET /servers/{id}/members/{user}`: a member of a server (yours to see as a member of it); with
 * `roles: true`, also the server's roles it holds. The cache learns the member.
 */
export function fetchMember(
  server: Identifiable<ServerId>,
  user: UserTarget,
  options: FetchMemberOptions & { readonly roles: true }
): Effect.Effect<MemberWithRoles, FetchMemberError, StoatClient>
export function fetchMember(
  server: Identifiable<ServerId>,
  user: UserTarget,
  options?: FetchMemberOptions & { readonly roles?: false }
): Effect.Effect<Member, FetchMemberError, StoatClient>
export function fetchMember(
  server: Identifiable<ServerId>,
  user: UserTarget,
  options?: FetchMemberOptions
): Effect.Effect<Member | MemberWithRoles, FetchMemberError, StoatClient>
export function fetchMember(
  server: Identifiable<ServerId>,
  user: UserTarget,
  options?: FetchMemberOptions
): Effect.Effect<Member | MemberWithRoles, FetchMemberError, StoatClient> {
  return options?.roles === true ? memberWithRoles(server, user) : memberAlone(server, user)
}

/** The errors `fetchMembers` declares, for decoding its failures. */
export const fetchMembersErrors = declare(InvalidSession, NotFound, DatabaseError, FailedValidation)
/** The failures of `fetchMembers`. */
export type FetchMembersError = ErrorOf<typeof fetchMembersErrors.classes> | ClientError

/** Options of `fetchMembers`. */
export interface FetchMembersOptions {
  /** Leave out the members whose user is offline (`?exclude_offline=true`). */
  readonly excludeOffline?: boolean
}

/**
 * `GET /servers/{id}/members`: every member of a server and their users (yours to see as a member
 * of it), in one body, both lists sorted by user id. The cache learns every member and user.
 */
export const fetchMembers: (
  server: Identifiable<ServerId>,
  options?: FetchMembersOptions
) => Effect.Effect<MemberList, FetchMembersError, StoatClient> = operation("Stoat.fetchMembers")(
  function*(server, options) {
    const client = yield* StoatClient
    const id = yield* serverId(server)
    return yield* client.request(
      {
        method: "GET",
        path: ["servers", id, "members"],
        query: options?.excludeOffline === true ? { exclude_offline: true } : {}
      },
      MemberList,
      fetchMembersErrors
    )
  }
)
