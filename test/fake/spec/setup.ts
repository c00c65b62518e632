import { Effect } from "effect"
import { StoatFake } from "../../../src/testing/fake/StoatFake.js"
import { assertMatchesSpec } from "./responses.js"

/**
 * vitest setup: every fake the test suite makes (in process or served on a port) checks each of
 * its answers against the stoat-api spec, and a mismatch fails the test that asked.
 */
const checked = Symbol.for("effect-stoat/test/spec-checked")
const target: { [checked]?: true } & typeof StoatFake = StoatFake
if (target[checked] !== true) {
  target[checked] = true
  const make = StoatFake.make.bind(StoatFake)
  StoatFake.make = (seed) =>
    Effect.map(make(seed), (fake) => ({
      ...fake,
      handle: (request) => Effect.tap(fake.handle(request), (response) => Effect.sync(() => assertMatchesSpec(request, response)))
    }))
}
