import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import { acceptInvite, type AcceptInviteError } from "effect-stoat"
import { acceptInviteErrors } from "../src/operations/invites.js"
import { expectTypeOf } from "vitest"
import { wireError } from "./errorBodies.js"
import { MockHttp } from "effect-stoat/testing"
import { mockClient } from "./helpers.js"

/** Every failure of accepting a bare code, each turned into a line of text. */
const joinOrExplain = (code: string) =>
  acceptInvite(code).pipe(
    Effect.as("joined"),
    Effect.catchTags({
      IsBot: () => Effect.succeed("bots cannot accept invites"),
      TooManyServers: (error) => Effect.succeed(`already in ${error.max} servers`),
      InvalidSession: () => Effect.succeed("log in again"),
      Banned: () => Effect.succeed("banned"),
      GroupTooLarge: (error) => Effect.succeed(`the group is full (${error.max})`),
      NotFound: () => Effect.succeed("no such invite"),
      AlreadyInGroup: () => Effect.succeed("already in the group"),
      AlreadyInServer: () => Effect.succeed("already in the server"),
      DatabaseError: (error) => Effect.succeed(`database: ${error.operation}`),
      InternalError: () => Effect.succeed("server error"),
      FailedValidation: (error) => Effect.succeed(`bad code: ${error.error}`),
      TransportError: () => Effect.succeed("network"),
      RateLimited: () => Effect.succeed("slow down"),
      UnexpectedResponse: (error) => Effect.succeed(`unexpected HTTP ${error.status}`)
    })
  )

describe("exhaustive matching", () => {
  it("catchTags over every declared tag of acceptInvite leaves never", () => {
    expectTypeOf<Effect.Effect.Error<ReturnType<typeof joinOrExplain>>>().toEqualTypeOf<never>()
    expectTypeOf<AcceptInviteError["_tag"]>().toEqualTypeOf<
      | "IsBot"
      | "TooManyServers"
      | "InvalidSession"
      | "Banned"
      | "GroupTooLarge"
      | "NotFound"
      | "AlreadyInGroup"
      | "AlreadyInServer"
      | "DatabaseError"
      | "InternalError"
      | "FailedValidation"
      | "TransportError"
      | "RateLimited"
      | "UnexpectedResponse"
    >()
  })

  it("a handler for a tag acceptInvite does not declare does not compile", () => {
    const handled = acceptInvite("aB3dE5fG").pipe(
      Effect.catchTags({
        // @ts-expect-error NotElevated is not a failure of acceptInvite
        NotElevated: () => Effect.succeed("never happens")
      })
    )
    assert.isTrue(Effect.isEffect(handled))
  })

  it.effect("each declared failure reaches its handler at run time", () =>
    Effect.gen(function*() {
      const texts = yield* Effect.forEach(acceptInviteErrors.classes, (cls) =>
        joinOrExplain("aB3dE5fG").pipe(Effect.provide(mockClient(() => wireError(cls)))))
      assert.deepStrictEqual(texts, [
        "bots cannot accept invites",
        "already in 100 servers",
        "log in again",
        "no such invite",
        "database: insert_one",
        "server error",
        "bad code: length out of range",
        "banned",
        "already in the server",
        "the group is full (100)",
        "already in the group"
      ])
      const network = yield* joinOrExplain("aB3dE5fG").pipe(Effect.provide(mockClient(() => MockHttp.reset)))
      assert.strictEqual(network, "network")
    }))
})
