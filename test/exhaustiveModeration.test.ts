import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import { editMember, type EditMemberError, kickMember, type KickMemberError, type MemberRef } from "effect-stoat"
import { editMemberErrors, kickMemberErrors } from "../src/operations/moderation.js"
import { MockHttp } from "effect-stoat/testing"
import { expectTypeOf } from "vitest"
import { wireError } from "./errorBodies.js"
import { mockClient } from "./helpers.js"

const target: MemberRef = { server: "01HZ8Y3Q4R5S6T7V8W9X0YZABC", user: "01HZ8Y3Q4R5S6T7V8W9X0YZA1C" }

/** Every failure of a kick, each turned into a line of text. */
const kickOrExplain = (member: MemberRef) =>
  kickMember(member, { auditLogReason: "spam" }).pipe(
    Effect.as("kicked"),
    Effect.catchTags({
      CannotRemoveYourself: () => Effect.succeed("cannot kick yourself"),
      InvalidOperation: () => Effect.succeed("cannot kick the owner"),
      InvalidSession: () => Effect.succeed("log in again"),
      NotElevated: () => Effect.succeed("they rank at or above you"),
      MissingPermission: (error) => Effect.succeed(`missing ${error.permission}`),
      NotFound: () => Effect.succeed("no such server or member"),
      DatabaseError: (error) => Effect.succeed(`database: ${error.operation}`),
      FailedValidation: (error) => Effect.succeed(`bad input: ${error.error}`),
      TransportError: () => Effect.succeed("network"),
      RateLimited: () => Effect.succeed("slow down"),
      UnexpectedResponse: (error) => Effect.succeed(`unexpected HTTP ${error.status}`)
    })
  )

/** Every failure of an edit, each turned into a line of text. */
const editOrExplain = (member: MemberRef) =>
  editMember(member, { nickname: "Ally", canPublish: false }).pipe(
    Effect.as("edited"),
    Effect.catchTags({
      CannotTimeoutYourself: () => Effect.succeed("cannot time out yourself"),
      LiveKitUnavailable: () => Effect.succeed("voice is off"),
      NotAVoiceChannel: () => Effect.succeed("not a voice channel"),
      InvalidSession: () => Effect.succeed("log in again"),
      IsElevated: () => Effect.succeed("they can time out others"),
      MissingPermission: (error) => Effect.succeed(`missing ${error.permission}`),
      NotElevated: () => Effect.succeed("they rank at or above you"),
      NotFound: () => Effect.succeed("no such server or member"),
      InvalidRole: () => Effect.succeed("no such role"),
      UnknownChannel: () => Effect.succeed("no such channel"),
      DatabaseError: (error) => Effect.succeed(`database: ${error.operation}`),
      InternalError: () => Effect.succeed("server error"),
      FailedValidation: (error) => Effect.succeed(`bad input: ${error.error}`),
      InvalidOperation: () => Effect.succeed("not allowed on others"),
      NotConnected: () => Effect.succeed("not in voice"),
      TransportError: () => Effect.succeed("network"),
      RateLimited: () => Effect.succeed("slow down"),
      UnexpectedResponse: (error) => Effect.succeed(`unexpected HTTP ${error.status}`)
    })
  )

describe("exhaustive matching over moderation failures", () => {
  it("catchTags over every declared tag of kickMember and editMember leaves never", () => {
    expectTypeOf<Effect.Effect.Error<ReturnType<typeof kickOrExplain>>>().toEqualTypeOf<never>()
    expectTypeOf<Effect.Effect.Error<ReturnType<typeof editOrExplain>>>().toEqualTypeOf<never>()
    expectTypeOf<KickMemberError["_tag"]>().toEqualTypeOf<
      | "CannotRemoveYourself"
      | "InvalidOperation"
      | "InvalidSession"
      | "NotElevated"
      | "MissingPermission"
      | "NotFound"
      | "DatabaseError"
      | "FailedValidation"
      | "TransportError"
      | "RateLimited"
      | "UnexpectedResponse"
    >()
    expectTypeOf<EditMemberError["_tag"]>().toEqualTypeOf<
      | "CannotTimeoutYourself"
      | "LiveKitUnavailable"
      | "NotAVoiceChannel"
      | "InvalidSession"
      | "IsElevated"
      | "MissingPermission"
      | "NotElevated"
      | "NotFound"
      | "InvalidRole"
      | "UnknownChannel"
      | "DatabaseError"
      | "InternalError"
      | "FailedValidation"
      | "InvalidOperation"
      | "NotConnected"
      | "TransportError"
      | "RateLimited"
      | "UnexpectedResponse"
    >()
  })

  it("a handler for a tag the operation does not declare does not compile", () => {
    const kick = kickMember(target).pipe(
      Effect.catchTags({
        // @ts-expect-error Banned is not a failure of kickMember
        Banned: () => Effect.succeed("never happens")
      })
    )
    const edit = editMember(target, {}).pipe(
      Effect.catchTags({
        // @ts-expect-error CannotRemoveYourself is a failure of kicks and bans, not of edits
        CannotRemoveYourself: () => Effect.succeed("never happens")
      })
    )
    assert.isTrue(Effect.isEffect(kick) && Effect.isEffect(edit))
  })

  it.effect("each declared failure of kickMember reaches its handler at run time", () =>
    Effect.gen(function*() {
      const texts = yield* Effect.forEach(kickMemberErrors.classes, (cls) =>
        kickOrExplain(target).pipe(Effect.provide(mockClient(() => wireError(cls)))))
      assert.deepStrictEqual(texts, [
        "cannot kick yourself",
        "cannot kick the owner",
        "log in again",
        "they rank at or above you",
        "missing ManageServer",
        "no such server or member",
        "database: insert_one",
        "bad input: length out of range"
      ])
      const refused = yield* kickOrExplain({ server: "nope", user: "01HZ8Y3Q4R5S6T7V8W9X0YZA1C" }).pipe(
        Effect.provide(mockClient(() => MockHttp.empty(204)))
      )
      assert.include(refused, "bad input: server id")
      const kicked = yield* kickOrExplain(target).pipe(Effect.provide(mockClient(() => MockHttp.empty(204))))
      assert.strictEqual(kicked, "kicked")
    }))

  it.effect("each declared failure of editMember reaches its handler at run time", () =>
    Effect.gen(function*() {
      const texts = yield* Effect.forEach(editMemberErrors.classes, (cls) =>
        editOrExplain(target).pipe(Effect.provide(mockClient(() => wireError(cls)))))
      assert.deepStrictEqual(texts, [
        "cannot time out yourself",
        "voice is off",
        "not a voice channel",
        "log in again",
        "they can time out others",
        "missing ManageServer",
        "they rank at or above you",
        "no such server or member",
        "no such role",
        "no such channel",
        "database: insert_one",
        "server error",
        "bad input: length out of range",
        "not allowed on others",
        "not in voice"
      ])
      const unexpected = yield* editOrExplain(target).pipe(
        Effect.provide(mockClient(() => MockHttp.json(200, { members: [] })))
      )
      assert.strictEqual(unexpected, "unexpected HTTP 200")
    }))
})
