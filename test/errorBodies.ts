import { Effect } from "effect"
import type { ErrorClass } from "effect-stoat"
import { type MockHandler, MockHttp } from "effect-stoat/testing"
import { apiError } from "./fixtures/wire.js"

const sampleFields: Record<string, Record<string, unknown>> = {
  InSlowmode: { retry_after: 12 },
  MissingPermission: { permission: "ManageServer" },
  MissingUserPermission: { permission: "SendMessage" },
  DatabaseError: { operation: "insert_one", collection: "server_bans" },
  FailedValidation: { error: "length out of range" },
  IncorrectData: { with: "body" },
  FeatureDisabled: { feature: "voice" }
}

/** The wire body and status the backend sends for an error class (a sample `max` for the Too* ones). */
export const wireError = (cls: ErrorClass & { readonly status: number }): ReturnType<MockHandler> =>
  MockHttp.json(cls.status, apiError(cls._tag, sampleFields[cls._tag] ?? (/TooMany|TooLarge/.test(cls._tag) ? { max: 100 } : {})))

/** Runs `operation` once per declared class against its wire body and checks the failure's tag. */
export const eachDeclaredError = <E extends { readonly _tag: string }>(
  classes: ReadonlyArray<ErrorClass & { readonly status: number }>,
  operation: (handler: MockHandler) => Effect.Effect<unknown, E>
) =>
  Effect.forEach(classes, (cls) =>
    Effect.map(Effect.flip(operation(() => wireError(cls))), (error) => [cls._tag, error._tag] as const))
