import { Either, HashMap, Option, Schema } from "effect"
import { isUlid, makeUlid, ulidTime } from "../../../schema/Ids.js"
import { type FakeAccount, type FakeState, pair } from "../FakeState.js"
import { catcher, type FakeRequest, type FakeResponse } from "../http.js"
import { emptyMessage, type MessageRecord, type UserRecord } from "../records.js"
import type { Outcome } from "../router.js"

/** A new id for something made at `now`, and the state that counted it. */
export const newId = (state: FakeState, now: number): readonly [string, FakeState] => {
  const sequence = state.sequence + 1n
  return [makeUlid(now, sequence), { ...state, sequence }]
}

/** The user with this id, if any. */
export const userById = (state: FakeState, id: string): Option.Option<UserRecord> =>
  Option.map(HashMap.get(state.accounts, id), (account: FakeAccount) => account.user)

/** Whether a user is a member of a server. */
export const isMember = (state: FakeState, server: string, user: string) => HashMap.has(state.members, pair(server, user))

/** A user's server count and the limit that applies to them (new accounts have a lower one). */
export const serverLimit = (state: FakeState, user: UserRecord, now: number) => {
  const count = [...HashMap.values(state.members)].filter((member) => member._id.user === user._id).length
  const age = isUlid(user._id) ? now - ulidTime(user._id) : Number.POSITIVE_INFINITY
  const young = age >= 0 && age < state.settings.newUserHours * 3_600_000
  return { count, max: young ? state.settings.newUserServers : state.settings.servers }
}

/** Appends a system message to a channel, as the backend does after joins, kicks and bans. */
export const systemMessage = (state: FakeState, channel: string, system: MessageRecord["system"], now: number): FakeState => {
  const [id, counted] = newId(state, now)
  const message: MessageRecord = { ...emptyMessage(id, channel, "00000000000000000000000000"), system }
  const messages = HashMap.get(counted.messages, channel).pipe(Option.getOrElse((): ReadonlyArray<MessageRecord> => []))
  return { ...counted, messages: HashMap.set(counted.messages, channel, [...messages, message]) }
}

/** An outcome that changes nothing. */
export const answer = (response: Outcome["response"]): Outcome => ({ response })

/**
 * An optional query bool as Rocket 0.5 reads it: true/yes/on/empty, false/no/off (any case). An
 * `Option<T>` form field never fails (v0.5.1 core/lib/src/form/from_form.rs: its `finalize` is
 * `Ok(T::finalize(this).ok())`), so anything else (`1`, `0`...) counts as absent, not a 422.
 */
export const queryBool = (value: string | null): boolean | undefined => {
  if (value === null) return undefined
  const lower = value.toLowerCase()
  if (["true", "yes", "on", ""].includes(lower)) return true
  if (["false", "no", "off"].includes(lower)) return false
  return undefined
}

/**
 * Reads a JSON body as Rocket's `Json` guard does, for a handler that must run its other guards
 * first: the catcher's 400 for an empty or malformed body, 413 past 1 MiB, else the value.
 */
export const readJson = (request: FakeRequest): Either.Either<unknown, FakeResponse> => {
  if (request.body === undefined || request.body.trim() === "") return Either.left(catcher(request, 400))
  if (Buffer.byteLength(request.body) > 1024 * 1024) return Either.left(catcher(request, 413))
  try {
    return Either.right(JSON.parse(request.body))
  } catch {
    return Either.left(catcher(request, 400))
  }
}

/** A body field serde reads as an `Option`: absent or `null` alike. */
export const nullable = <S extends Schema.Schema.AnyNoContext>(schema: S) => Schema.optionalWith(schema, { nullable: true })

/** Reads a parsed body into the route's data type as serde would: a wrong shape is the catcher's 422. */
export const decodeBody = <A, I>(schema: Schema.Schema<A, I>, body: unknown, request: FakeRequest): Either.Either<A, FakeResponse> =>
  Either.mapLeft(Schema.decodeUnknownEither(schema)(body), () => catcher(request, 422))

/** The public URL of a LiveKit node, as `GET /` lists it. */
export const livekitUrl = (node: string) => `wss://${node}.livekit.fake.stoat`
