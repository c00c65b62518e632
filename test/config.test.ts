import { assert, describe, it } from "@effect/vitest"
import { ConfigError, ConfigProvider, Effect, Layer, Redacted } from "effect"
import { StoatConfig } from "effect-stoat"

const built = <E>(layer: Layer.Layer<StoatConfig, E>) => Effect.provide(StoatConfig, layer)

const fromEnv = (env: Record<string, string>) =>
  built(StoatConfig.layerConfig).pipe(Effect.withConfigProvider(ConfigProvider.fromMap(new Map(Object.entries(env)))))

describe("StoatConfig", () => {
  it.effect("refuses an empty or whitespace token when the layer is built, saying which setting and why", () =>
    Effect.gen(function*() {
      for (const token of ["", "   ", "\t\n"]) {
        const error = yield* Effect.flip(built(StoatConfig.layer({ token: Redacted.make(token) })))
        assert.isTrue(ConfigError.isInvalidData(error))
        assert.include(String(error), "token is empty or only whitespace")
        assert.deepStrictEqual(ConfigError.isInvalidData(error) ? error.path : [], ["token"])
      }
    }))

  it.effect("refuses an empty STOAT_TOKEN from the environment the same way", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(fromEnv({ STOAT_TOKEN: " " }))
      assert.include(String(error), "STOAT_TOKEN")
      assert.include(String(error), "token is empty or only whitespace")
    }))

  it.effect("accepts any other token, as given", () =>
    Effect.gen(function*() {
      const config = yield* fromEnv({ STOAT_TOKEN: "abc", STOAT_TOKEN_KIND: "user" })
      assert.strictEqual(Redacted.value(config.token), "abc")
      assert.strictEqual(config.tokenKind, "user")
      const given = yield* built(StoatConfig.layer({ token: Redacted.make(" abc ") }))
      assert.strictEqual(given.tokenKind, "bot")
    }))
})
