import { assert } from "@effect/vitest"
import { Effect, type Layer } from "effect"
import type { ErrorClass } from "effect-stoat"
import { type MockHandler, MockHttp } from "effect-stoat/testing"
import { apiError } from "./fixtures/wire.js"
import { type mockClient, withMock } from "./helpers.js"

const sampleFields: Record<string, Record<string, unknown>> = {
  InSlowmode: { retry_after: 12 },
  MissingPermission: { permission: "ManageServer" },
  MissingUserPermission: { permission: "SendMessage" },
  DatabaseError: { operation: "insert_one", collection: "server_bans" },
  FailedValidation: { error: "length out of range" },
  IncorrectData: { with: "body" },
  FeatureDisabled: { feature: "voice" }
}

/** A declared error class: its tag and the HTTP status the backend sends it with. */
export type DeclaredClass = ErrorClass & { readonly status: number }

/** The wire body and status the backend sends for an error class (a sample `max` for the Too* ones). */
export const wireError = (cls: DeclaredClass): ReturnType<MockHandler> =>
  MockHttp.json(cls.status, apiError(cls._tag, sampleFields[cls._tag] ?? (/TooMany|TooLarge/.test(cls._tag) ? { max: 100 } : {})))

/**
 * Runs `run` once per class over a mock client that answers with that error's wire body (or with
 * `answer`), and asserts the failure's tag: the class's own, or what `expect` says. Returns the tags.
 */
export const eachDeclaredError = <E extends { readonly _tag: string }>(
  classes: ReadonlyArray<DeclaredClass>,
  run: () => Effect.Effect<unknown, E, Layer.Layer.Success<ReturnType<typeof mockClient>>>,
  options: {
    readonly expect?: (tag: string) => string
    readonly answer?: (cls: DeclaredClass) => MockHandler
  } = {}
) =>
  Effect.forEach(classes, (cls) =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(run()).pipe(withMock(options.answer?.(cls) ?? (() => wireError(cls))))
      assert.strictEqual(error._tag, options.expect?.(cls._tag) ?? cls._tag, `the wire's ${cls._tag}`)
      return cls._tag
    }))
