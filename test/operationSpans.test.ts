import { assert, describe, it } from "@effect/vitest"
import { Effect, Exit, Option, Tracer } from "effect"
import { fetchMember } from "effect-stoat"
import { MockHttp } from "effect-stoat/testing"
import * as wire from "./fixtures/wire.js"
import { withMock } from "./helpers.js"

/** Runs `effect` with a tracer that records every span it ends: name, parent's name, exit. */
const traced = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
  Effect.gen(function*() {
    const base = yield* Effect.tracer
    const names = new Map<string, string>()
    const ended: Array<{ readonly name: string; readonly parent: string | undefined; readonly exit: Exit.Exit<unknown, unknown> }> = []
    const tracer = Tracer.make({
      context: base.context,
      span: (name, parent, context, links, startTime, kind, options) => {
        const span = base.span(name, parent, context, links, startTime, kind, options)
        names.set(span.spanId, name)
        const end = span.end.bind(span)
        return Object.assign(span, {
          end: (endTime: bigint, exit: Exit.Exit<unknown, unknown>) => {
            const parentName = Option.getOrUndefined(Option.flatMap(parent, (p) => Option.fromNullable(names.get(p.spanId))))
            ended.push({ name, parent: parentName, exit })
            end(endTime, exit)
          }
        })
      }
    })
    const exit = yield* Effect.exit(Effect.withTracer(effect, tracer))
    return { exit, ended }
  })

const member = { _id: { server: wire.ids.server, user: wire.ids.alice }, joined_at: "2023-01-01T00:00:00.000Z" }

describe("operation spans", () => {
  it.effect("an operation runs in a span of its name, the parent of its request's span", () =>
    Effect.gen(function*() {
      const { ended } = yield* traced(fetchMember(wire.ids.server, wire.ids.alice))
      const operation = ended.find((span) => span.name === "Stoat.fetchMember")
      assert.isDefined(operation)
      assert.isTrue(Exit.isSuccess(operation!.exit))
      const requests = ended.filter((span) => span.parent === "Stoat.fetchMember")
      assert.lengthOf(requests, 1)
      assert.match(requests[0]!.name, /^http\.client GET/)
    }).pipe(withMock(() => MockHttp.json(200, member))))

  it.effect("the span of a failed operation ends with its typed error", () =>
    Effect.gen(function*() {
      const { ended, exit } = yield* traced(fetchMember(wire.ids.server, wire.ids.alice))
      assert.isTrue(Exit.isFailure(exit))
      const operation = ended.find((span) => span.name === "Stoat.fetchMember")
      assert.isDefined(operation)
      assert.deepStrictEqual(operation!.exit, exit)
    }).pipe(withMock(() => MockHttp.json(404, wire.apiError("NotFound")))))
})
