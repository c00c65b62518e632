import { assert, vi } from "@effect/vitest"
import { Effect, Layer, Redacted } from "effect"
import { StoatClient, StoatConfig } from "effect-stoat"
import { type MockHandler, MockHttp } from "effect-stoat/testing"

/** The token every test client sends; no error or log may ever show it. */
export const secretToken = "s3cr3t-T0KEN-never-printed"

export const baseUrl = "https://api.example.test"

/** A StoatClient over a mock HttpClient answering with `handler`. */
export const mockClient = (handler: MockHandler, tokenKind: "bot" | "user" = "user") =>
  StoatClient.layer.pipe(
    Layer.provideMerge(MockHttp.layer(handler)),
    Layer.provide(StoatConfig.layer({ token: Redacted.make(secretToken), tokenKind, baseUrl }))
  )

/** Runs an effect against a mock client answering with `handler`. */
export const withMock = (handler: MockHandler, tokenKind: "bot" | "user" = "user") =>
<A, E, R>(effect: Effect.Effect<A, E, R>) => Effect.provide(effect, mockClient(handler, tokenKind))

/** The one request sent so far. */
export const onlyRequest = Effect.map(MockHttp.requests, (requests) => {
  assert.lengthOf(requests, 1)
  const [request] = requests
  if (request === undefined) throw new Error("no request")
  return request
})

/** Asserts the effect fails with `tag` (its message mentioning `mentions`) and that nothing was sent. */
export const refusedBeforeSending = <A, E extends { readonly _tag: string }, R>(
  effect: Effect.Effect<A, E, R>,
  mentions = "",
  tag = "FailedValidation",
  tokenKind: "bot" | "user" = "user"
) =>
  Effect.gen(function*() {
    const error = yield* Effect.flip(effect)
    assert.strictEqual(error._tag, tag)
    if ("error" in error && typeof error.error === "string") assert.include(error.error, mentions)
    assert.lengthOf(yield* MockHttp.requests, 0)
  }).pipe(withMock(() => MockHttp.json(500, {}), tokenKind))

/** Runs `effect` with `console.log` captured (and restored after): the lines it printed. */
export const printedBy = <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<ReadonlyArray<string>, E, R> =>
  Effect.suspend(() => {
    const printed: Array<string> = []
    const log = vi.spyOn(console, "log").mockImplementation((...args: ReadonlyArray<unknown>) => {
      printed.push(args.join(" "))
    })
    return Effect.as(Effect.ensuring(effect, Effect.sync(() => log.mockRestore())), printed)
  })
