import { assert } from "@effect/vitest"
import { Effect, Schema } from "effect"
import { ChannelId, type ErrorClass, Member, type MessageTarget, type StoatClient, User } from "effect-stoat"
import { openDmErrors } from "../src/operations/users.js"
import { type MockHandler, MockHttp, type RecordedRequest } from "effect-stoat/testing"
import { eachDeclaredError, wireError } from "./errorBodies.js"
import * as wire from "./fixtures/wire.js"
import { onlyRequest, refusedBeforeSending, withMock } from "./helpers.js"

export { onlyRequest, refusedBeforeSending, withMock }

/** Ids that are ULIDs (the shared fixtures' are not all). */
export const ids = {
  server: "01HZ8Y3Q4R5S6T7V8W9X0YZABC",
  me: "01HZ8Y3Q4R5S6T7V8W9X0YZME0",
  bob: "01HZ8Y3Q4R5S6T7V8W9X0YZB0B",
  channel: "01HZ8Y3Q4R5S6T7V8W9X0YZCHN",
  dm: "01HZ8Y3Q4R5S6T7V8W9X0YZDM0",
  message: "01HZ8Y3Q4R5S6T7V8W9X0YZMS1",
  reply: "01HZ8Y3Q4R5S6T7V8W9X0YZMS2"
} as const

export const bobWire = { _id: ids.bob, username: "bob", discriminator: "0001", relationship: "Friend", online: true }
export const meWire = { _id: ids.me, username: "me", discriminator: "0420", relationship: "User", online: true }

export const bobUser = Schema.decodeUnknownSync(User)(bobWire)
export const bobMember = Schema.decodeUnknownSync(Member)({
  _id: { server: ids.server, user: ids.bob },
  joined_at: "2024-05-01T12:00:00.000Z"
})

export const dmWire = { channel_type: "DirectMessage", _id: ids.dm, active: true, recipients: [ids.me, ids.bob] }

/** A message as `GET` returns it (no `user` or `member`). */
export const messageWire = (id: string = ids.message, fields: Record<string, unknown> = {}) => ({
  _id: id,
  channel: ids.channel,
  author: ids.bob,
  content: "hello",
  ...fields
})

/** Provides a client over a mock answering with `handler`. */
const isDmRoute = (request: RecordedRequest) => request.path === `/users/${ids.bob}/dm`

/** Answers the DM route with Bob's DM and anything else with `channel`. */
export const viaDm = (channel: MockHandler): MockHandler => (request) =>
  isDmRoute(request) ? MockHttp.json(200, dmWire) : channel(request)

/** The requests sent so far, as `METHOD path?query`. */
export const sent = Effect.map(
  MockHttp.requests,
  (requests) => requests.map((request) => `${request.method} ${request.path}${request.url.search}`)
)

const tags = (classes: ReadonlyArray<ErrorClass>) => [...new Set(classes.map((cls) => cls._tag))]

/**
 * Checks a Messageable operation's declared errors: exactly the channel route's `routeTags` plus the
 * DM route's; each route error arrives as itself through a channel id (others are unexpected
 * there), and each DM route error as itself through a user target.
 */
export const everyDeclaredError = <E extends { readonly _tag: string }>(
  declared: ReadonlyArray<ErrorClass & { readonly status: number }>,
  routeTags: ReadonlyArray<string>,
  run: (target: MessageTarget) => Effect.Effect<unknown, E, StoatClient>
) =>
  Effect.gen(function*() {
    const dmTags = tags(openDmErrors.classes)
    assert.sameMembers(tags(declared), [...new Set([...routeTags, ...dmTags])])
    const once = declared.filter((cls, index) => declared.findIndex((other) => other._tag === cls._tag) === index)
    yield* eachDeclaredError(once, () => run(ChannelId.make(ids.channel)), {
      expect: (tag) => (routeTags.includes(tag) ? tag : "UnexpectedResponse")
    })
    yield* eachDeclaredError(once.filter((cls) => dmTags.includes(cls._tag)), () => run(bobUser), {
      answer: (cls) => (request) => (isDmRoute(request) ? wireError(cls) : MockHttp.json(500, {}))
    })
  })

export { wire }
