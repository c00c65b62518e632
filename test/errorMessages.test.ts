import { assert, describe, it } from "@effect/vitest"
import { Effect, Schema } from "effect"
import {
  apiErrors,
  history,
  InvalidSession,
  kickMember,
  MissingPermission,
  NotFound
} from "effect-stoat"
import { MockHttp } from "effect-stoat/testing"
import { declare } from "../src/errors/Declared.js"
import { decodeResponse } from "../src/errors/decodeResponse.js"
import { apiError } from "./fixtures/wire.js"
import { secretToken, withMock } from "./helpers.js"

const server = "01HZ8Y3Q4R5S6T7V8W9X0YZABC"
const alice = "01HZ8Y3Q4R5S6T7V8W9X0YZA1C"

const sessionError = (tokenKind?: "bot" | "user") =>
  Effect.flip(
    decodeResponse(
      { method: "GET", url: "https://api.example.test/users/@me", status: 401, body: "", ...(tokenKind === undefined ? {} : { tokenKind }) },
      Schema.Unknown,
      declare(InvalidSession)
    )
  )

describe("an API error's message", () => {
  it.effect("names its wire type and status, what it means, its details and the request it answers, never the token", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(kickMember({ server, user: alice })).pipe(
        withMock(() => MockHttp.json(403, apiError("MissingPermission", { permission: "KickMembers" })))
      )
      assert.strictEqual(error._tag, "MissingPermission")
      assert.strictEqual(
        error.message,
        `the server answered DELETE /servers/${server}/members/${alice} with MissingPermission (HTTP 403): ` +
          "you lack the permission named (permission: KickMembers)"
      )
      assert.strictEqual(String(error), `MissingPermission: ${error.message}`)
      assert.notInclude(JSON.stringify(error), secretToken)
      assert.notInclude(String(error), secretToken)
    }))

  it.effect("for InvalidSession, says which kind of token was sent and what to check", () =>
    Effect.gen(function*() {
      const asBot = yield* sessionError("bot")
      assert.include(asBot.message, "the server answered GET /users/@me with InvalidSession (HTTP 401): the token is missing or invalid")
      assert.include(asBot.message, "sent as a bot token (X-Bot-Token)")
      assert.include(asBot.message, "set tokenKind \"user\" (STOAT_TOKEN_KIND=user)")
      const asUser = yield* sessionError("user")
      assert.include(asUser.message, "sent as a user session token (X-Session-Token)")
      assert.include(asUser.message, "set tokenKind \"bot\"")
      assert.include((yield* sessionError()).message, "check the token and its kind")
    }))

  it.effect("for a check made before sending, says which input, why, and that nothing was sent", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(history("01HZ8Y3Q4R5S6T7V8W9X0YZCHN", { limit: 0 })).pipe(
        withMock(() => MockHttp.json(200, []))
      )
      assert.strictEqual(error._tag, "FailedValidation")
      assert.strictEqual(
        error.message,
        "the input failed validation (error: limit must be an integer from 1 to 100, got 0); refused before sending, nothing was sent"
      )
    }))

  it("has a meaning and a status for every wire type", () => {
    for (const [type, errorClass] of Object.entries(apiErrors)) {
      assert.isAbove(errorClass.meaning.length, 5, type)
      assert.notMatch(errorClass.meaning, /wire error|`/, type)
      assert.isTrue(Number.isInteger(errorClass.status) && errorClass.status >= 400 && errorClass.status < 600, type)
    }
  })
})

describe("the request attached to a decoded error", () => {
  it("keeps decode(encode(x)) equal to x", () => {
    const roundTrips = <A, I>(schema: Schema.Schema<A, I>, error: A) =>
      assert.deepStrictEqual(Schema.decodeSync(schema)(Schema.encodeSync(schema)(error)), error)
    roundTrips(NotFound, new NotFound({ request: { method: "GET", path: `/servers/${server}` } }))
    roundTrips(InvalidSession, new InvalidSession({ request: { method: "GET", path: "/users/@me", tokenKind: "user" }, location: "x.rs" }))
    roundTrips(MissingPermission, new MissingPermission({ permission: "BanMembers" }))
  })

  it.effect("is the client's own: a request key in the body cannot replace it", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(kickMember({ server, user: alice })).pipe(
        withMock(() => MockHttp.json(404, apiError("NotFound", { request: { method: "GET", path: "/elsewhere" } })))
      )
      assert.deepStrictEqual(error._tag === "NotFound" ? error.request : undefined, {
        method: "DELETE",
        path: `/servers/${server}/members/${alice}`,
        tokenKind: "user"
      })
    }))
})
