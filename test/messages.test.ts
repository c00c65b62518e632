import { assert, describe, it } from "@effect/vitest"
import { Chunk, Effect, Option, Stream, TestClock } from "effect"
import {
  acknowledge,
  BulkMessages,
  ChannelId,
  fetchMessage,
  history,
  historyStream,
  isUlid,
  Member,
  Message,
  MessageId,
  openDm,
  search,
  StoatCache,
  User,
  ulidTime
} from "effect-stoat"
import { acknowledgeErrors, fetchMessageErrors, historyErrors, searchErrors } from "../src/operations/messages.js"
import { MockHttp } from "effect-stoat/testing"
import {
  bobMember,
  bobUser,
  bobWire,
  everyDeclaredError,
  ids,
  messageWire,
  onlyRequest,
  refusedBeforeSending,
  sent,
  viaDm,
  withMock
} from "./messagesKit.js"

const channel = ChannelId.make(ids.channel)
const message = MessageId.make(ids.message)
const ok = () => MockHttp.empty()

describe("acknowledge", () => {
  it.effect("PUTs the ack of a channel id, a channel, a message id or a message", () =>
    Effect.gen(function*() {
      yield* acknowledge(channel, message)
      yield* acknowledge({ id: channel }, { id: message })
      assert.deepStrictEqual(yield* sent, [
        `PUT /channels/${ids.channel}/ack/${ids.message}`,
        `PUT /channels/${ids.channel}/ack/${ids.message}`
      ])
    }).pipe(withMock(ok)))

  it.effect("without a message, acknowledges up to now: a fresh ULID of the Clock's time", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(1_700_000_000_123)
      yield* acknowledge(channel)
      const request = yield* onlyRequest
      const id = request.path.split("/").pop() ?? ""
      assert.isTrue(isUlid(id))
      assert.strictEqual(ulidTime(id), 1_700_000_000_123)
    }).pipe(withMock(ok)))

  it.effect("takes any message id the route stores (it is not validated), but not . or ..", () =>
    Effect.gen(function*() {
      yield* acknowledge(channel, "not-a-ulid")
      assert.deepStrictEqual(yield* sent, [`PUT /channels/${ids.channel}/ack/not-a-ulid`])
    }).pipe(withMock(ok)))

  it.effect("refuses . as a message and a channel id that is not a ULID, before any request", () =>
    Effect.gen(function*() {
      yield* refusedBeforeSending(acknowledge(channel, ".."), "message id")
      yield* refusedBeforeSending(acknowledge("general", message), "channel id")
    }))

  it.effect("through a member: opens the DM first, then acknowledges in it", () =>
    Effect.gen(function*() {
      yield* acknowledge(bobMember, message)
      assert.deepStrictEqual(yield* sent, [`GET /users/${ids.bob}/dm`, `PUT /channels/${ids.dm}/ack/${ids.message}`])
    }).pipe(withMock(viaDm(ok))))

  it.effect("through a user whose DM id is cached: no DM request", () =>
    Effect.gen(function*() {
      const cache = yield* StoatCache
      yield* cache.rememberDmChannel(bobUser.id, ChannelId.make(ids.dm))
      yield* acknowledge(bobUser, message)
      assert.deepStrictEqual(yield* sent, [`PUT /channels/${ids.dm}/ack/${ids.message}`])
    }).pipe(withMock(ok)))

  it.effect("declares the route's errors and the DM route's, each decoded as itself", () =>
    everyDeclaredError(
      acknowledgeErrors.classes,
      ["IsBot", "InvalidSession", "MissingPermission", "NotFound", "InternalError", "FailedValidation"],
      (target) => acknowledge(target, message)
    ))
})

describe("fetchMessage", () => {
  it.effect("GETs the message and decodes it", () =>
    Effect.gen(function*() {
      const fetched = yield* fetchMessage(channel, { id: message })
      assert.deepStrictEqual(yield* sent, [`GET /channels/${ids.channel}/messages/${ids.message}`])
      assert.instanceOf(fetched, Message)
      assert.strictEqual(fetched.id, message)
      assert.strictEqual(Option.getOrThrow(fetched.content), "hello")
    }).pipe(withMock(() => MockHttp.json(200, messageWire()))))

  it.effect("through a user: the DM, then the message in it", () =>
    Effect.gen(function*() {
      yield* fetchMessage(bobUser, message)
      assert.deepStrictEqual(yield* sent, [`GET /users/${ids.bob}/dm`, `GET /channels/${ids.dm}/messages/${ids.message}`])
    }).pipe(withMock(viaDm(() => MockHttp.json(200, messageWire())))))

  it.effect("refuses a message id that is not a ULID before opening any DM", () =>
    refusedBeforeSending(fetchMessage(bobMember, "hello"), "message id"))

  it.effect("declares the route's errors and the DM route's", () =>
    everyDeclaredError(
      fetchMessageErrors.classes,
      ["InvalidSession", "MissingPermission", "NotFound", "FailedValidation"],
      (target) => fetchMessage(target, message)
    ))
})

const older = "01HZ8Y3Q4R5S6T7V8W9X0YZ001"
const newer = "01HZ8Y3Q4R5S6T7V8W9X0YZ009"

describe("history", () => {
  it.effect("sends no query by default and decodes a bare array of messages", () =>
    Effect.gen(function*() {
      const page = yield* history(channel)
      assert.deepStrictEqual(yield* sent, [`GET /channels/${ids.channel}/messages`])
      assert.instanceOf(page, BulkMessages)
      assert.deepStrictEqual(page.messages.map((m) => m.id), [newer, older])
      assert.deepStrictEqual(page.users, [])
      assert.deepStrictEqual(page.members, [])
    }).pipe(withMock(() => MockHttp.json(200, [messageWire(newer), messageWire(older)]))))

  it.effect("sends every option in the query", () =>
    Effect.gen(function*() {
      yield* history(channel, { limit: 100, before: newer, after: { id: older }, sort: "Oldest", includeUsers: true })
      const request = yield* onlyRequest
      assert.deepStrictEqual(Object.fromEntries(request.url.searchParams), {
        limit: "100",
        before: newer,
        after: older,
        sort: "Oldest",
        include_users: "true"
      })
    }).pipe(withMock(() => MockHttp.json(200, []))))

  it.effect("with includeUsers, decodes the messages with their users and members, which the cache learns", () =>
    Effect.gen(function*() {
      const page = yield* history(channel, { includeUsers: true })
      assert.strictEqual(page.messages.length, 1)
      assert.instanceOf(page.users[0], User)
      assert.instanceOf(page.members[0], Member)
      const cache = yield* StoatCache
      assert.isTrue(Option.isSome(yield* cache.getUser(bobUser.id)))
    }).pipe(withMock(() =>
      MockHttp.json(200, {
        messages: [messageWire()],
        users: [bobWire],
        members: [{ _id: { server: ids.server, user: ids.bob }, joined_at: "2024-05-01T12:00:00.000Z" }]
      })
    )))

  it.effect("with nearby, sorts the two halves the server sends into ascending id order", () =>
    Effect.gen(function*() {
      const page = yield* history(channel, { nearby: ids.message, limit: 4 })
      const request = yield* onlyRequest
      assert.strictEqual(request.url.searchParams.get("nearby"), ids.message)
      assert.deepStrictEqual(page.messages.map((m) => m.id), [
        "01HZ8Y3Q4R5S6T7V8W9X0YZ001",
        "01HZ8Y3Q4R5S6T7V8W9X0YZ002",
        ids.message,
        "01HZ8Y3Q4R5S6T7V8W9X0YZMS9"
      ])
    }).pipe(withMock(() =>
      MockHttp.json(200, [
        messageWire(ids.message),
        messageWire("01HZ8Y3Q4R5S6T7V8W9X0YZMS9"),
        messageWire("01HZ8Y3Q4R5S6T7V8W9X0YZ002"),
        messageWire("01HZ8Y3Q4R5S6T7V8W9X0YZ001")
      ])
    )))

  it.effect("checks limit 1..100 (integers) and the message ids before any request, DM included", () =>
    Effect.gen(function*() {
      yield* refusedBeforeSending(history(channel, { limit: 0 }), "limit")
      yield* refusedBeforeSending(history(channel, { limit: 101 }), "limit")
      yield* refusedBeforeSending(history(channel, { limit: 2.5 }), "limit")
      yield* refusedBeforeSending(history(bobMember, { before: "short" }), "before")
      yield* refusedBeforeSending(history(bobMember, { after: "short" }), "after")
      yield* refusedBeforeSending(history(bobMember, { nearby: "short" }), "nearby")
    }))

  it.effect("accepts the limits' bounds", () =>
    Effect.gen(function*() {
      yield* history(channel, { limit: 1 })
      yield* history(channel, { limit: 100 })
      assert.lengthOf(yield* sent, 2)
    }).pipe(withMock(() => MockHttp.json(200, []))))

  it.effect("declares the route's errors and the DM route's", () =>
    everyDeclaredError(
      historyErrors.classes,
      ["InvalidSession", "MissingPermission", "NotFound", "DatabaseError", "FailedValidation", "InvalidOperation"],
      (target) => history(target)
    ))
})

/** Ids 01..n in ascending order, so the server's newest-first pages are reversed slices. */
const historyIds = (n: number) => Array.from({ length: n }, (_, i) => `01HZ8Y3Q4R5S6T7V8W9X0YZ${String(i + 1).padStart(3, "0")}`)

/** A channel of `n` messages answering `GET messages?limit&before` newest first, as the server does. */
const channelOf = (n: number) => (request: { readonly url: URL }) => {
  const limit = Number(request.url.searchParams.get("limit") ?? "50")
  const before = request.url.searchParams.get("before")
  const page = historyIds(n).filter((id) => before === null || id < before).reverse().slice(0, limit)
  return MockHttp.json(200, page.map((id) => messageWire(id)))
}

describe("historyStream", () => {
  it.effect("pages back from the newest message to the first, each page below the last one's oldest", () =>
    Effect.gen(function*() {
      const all = yield* Stream.runCollect(historyStream(channel, { pageSize: 2 }))
      assert.deepStrictEqual(Chunk.toArray(all).map((m) => m.id), historyIds(5).reverse())
      assert.deepStrictEqual(yield* sent, [
        `GET /channels/${ids.channel}/messages?limit=2&sort=Latest`,
        `GET /channels/${ids.channel}/messages?limit=2&before=01HZ8Y3Q4R5S6T7V8W9X0YZ004&sort=Latest`,
        `GET /channels/${ids.channel}/messages?limit=2&before=01HZ8Y3Q4R5S6T7V8W9X0YZ002&sort=Latest`
      ])
    }).pipe(withMock(channelOf(5))))

  it.effect("stops at an empty page when the history fills the last page exactly", () =>
    Effect.gen(function*() {
      const all = yield* Stream.runCollect(historyStream(channel, { pageSize: 2 }))
      assert.strictEqual(Chunk.size(all), 4)
      assert.lengthOf(yield* sent, 3)
    }).pipe(withMock(channelOf(4))))

  it.effect("pages 100 at a time by default, from below `before` when given", () =>
    Effect.gen(function*() {
      const all = yield* Stream.runCollect(historyStream(channel, { before: historyIds(150)[120] ?? "" }))
      assert.strictEqual(Chunk.size(all), 120)
      assert.deepStrictEqual(yield* sent, [
        `GET /channels/${ids.channel}/messages?limit=100&before=01HZ8Y3Q4R5S6T7V8W9X0YZ121&sort=Latest`,
        `GET /channels/${ids.channel}/messages?limit=100&before=01HZ8Y3Q4R5S6T7V8W9X0YZ021&sort=Latest`
      ])
    }).pipe(withMock(channelOf(150))))

  it.effect("opens a member's DM once, however many pages", () =>
    Effect.gen(function*() {
      const all = yield* Stream.runCollect(historyStream(bobMember, { pageSize: 1 }))
      assert.strictEqual(Chunk.size(all), 3)
      const requests = yield* sent
      assert.strictEqual(requests.filter((r) => r.startsWith("GET /users/")).length, 1)
      assert.isTrue(requests.slice(1).every((r) => r.startsWith(`GET /channels/${ids.dm}/messages?limit=1`)))
    }).pipe(withMock(viaDm(channelOf(3)))))

  it.effect("is lazy, and stops paging when the consumer has enough", () =>
    Effect.gen(function*() {
      const stream = historyStream(channel, { pageSize: 2 })
      assert.lengthOf(yield* sent, 0)
      const first = yield* Stream.runCollect(Stream.take(stream, 3))
      assert.strictEqual(Chunk.size(first), 3)
      assert.lengthOf(yield* sent, 2)
    }).pipe(withMock(channelOf(50))))

  it.effect("checks the page size and `before` before any request", () =>
    Effect.gen(function*() {
      yield* refusedBeforeSending(Stream.runDrain(historyStream(channel, { pageSize: 101 })), "limit")
      yield* refusedBeforeSending(Stream.runDrain(historyStream(bobMember, { before: "nope" })), "before")
    }))

  it.effect("fails with the page's error", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(Stream.runDrain(historyStream(channel)))
      assert.strictEqual(error._tag, "MissingPermission")
    }).pipe(withMock(() => MockHttp.json(403, { type: "MissingPermission", permission: "ReadMessageHistory", location: "x" }))))
})

describe("search", () => {
  it.effect("POSTs every option in the body and decodes the messages", () =>
    Effect.gen(function*() {
      const found = yield* search(channel, {
        query: "stoat",
        limit: 10,
        before: newer,
        after: older,
        sort: "Latest",
        includeUsers: false
      })
      const request = yield* onlyRequest
      assert.strictEqual(request.method, "POST")
      assert.strictEqual(request.path, `/channels/${ids.channel}/search`)
      assert.deepStrictEqual(request.body, {
        query: "stoat",
        limit: 10,
        before: newer,
        after: older,
        sort: "Latest",
        include_users: false
      })
      assert.deepStrictEqual(found.messages.map((m): string => m.id), [ids.message])
    }).pipe(withMock(() => MockHttp.json(200, [messageWire()]))))

  it.effect("sends {} when searching with no option, and pinned alone", () =>
    Effect.gen(function*() {
      yield* search(channel, {})
      yield* search(channel, { pinned: false })
      const requests = yield* MockHttp.requests
      assert.deepStrictEqual(requests.map((r) => r.body), [{}, { pinned: false }])
    }).pipe(withMock(() => MockHttp.json(200, []))))

  it.effect("refuses query with pinned (even pinned: false) with InvalidOperation, as the server does", () =>
    Effect.gen(function*() {
      yield* refusedBeforeSending(search(channel, { query: "a", pinned: false }), "", "InvalidOperation")
      yield* refusedBeforeSending(search(bobMember, { query: "a", pinned: true }), "", "InvalidOperation")
    }))

  it.effect("checks the query's length (1..64 characters), the limit and the ids before any request", () =>
    Effect.gen(function*() {
      yield* refusedBeforeSending(search(channel, { query: "" }), "query")
      yield* refusedBeforeSending(search(channel, { query: "a".repeat(65) }), "query")
      yield* refusedBeforeSending(search(channel, { limit: 0 }), "limit")
      yield* refusedBeforeSending(search(bobMember, { before: "x" }), "before")
      yield* refusedBeforeSending(search(bobMember, { after: "x" }), "after")
    }))

  it.effect("counts the query in characters: 64 emoji pass", () =>
    Effect.gen(function*() {
      yield* search(channel, { query: "🦊".repeat(64) })
      assert.lengthOf(yield* sent, 1)
    }).pipe(withMock(() => MockHttp.json(200, []))))

  it.effect("through a member: the DM, then the search in it", () =>
    Effect.gen(function*() {
      yield* search(bobMember, { pinned: true })
      assert.deepStrictEqual(yield* sent, [`GET /users/${ids.bob}/dm`, `POST /channels/${ids.dm}/search`])
    }).pipe(withMock(viaDm(() => MockHttp.json(200, [])))))

  it.effect("declares the route's errors and the DM route's", () =>
    everyDeclaredError(
      searchErrors.classes,
      ["FailedValidation", "InvalidOperation", "IsBot", "InvalidSession", "MissingPermission", "NotFound", "DatabaseError"],
      (target) => search(target, { query: "x" })
    ))
})

describe("Messageable targets", () => {
  it.effect("a DM opened by openDm is reused by every operation", () =>
    Effect.gen(function*() {
      yield* openDm(bobUser)
      yield* history(bobMember)
      yield* history(bobUser)
      assert.deepStrictEqual(yield* sent, [
        `GET /users/${ids.bob}/dm`,
        `GET /channels/${ids.dm}/messages`,
        `GET /channels/${ids.dm}/messages`
      ])
    }).pipe(withMock(viaDm(() => MockHttp.json(200, [])))))
})
