import { assert, describe, it } from "@effect/vitest"
import { Cause, Duration, Effect, Exit, Fiber, Option, TestClock } from "effect"
import { banMember, fetchMember, fetchMembers, kickMember, send } from "effect-stoat"
import { type FakeFault, StoatFake, StoatFakeSeed } from "effect-stoat/testing"
import { on, transports } from "./fake/fakeHelpers.js"

const seed = StoatFakeSeed.make()
  .user("owner")
  .bot("guard", { owner: "owner" })
  .user("a")
  .user("b")
  .server("home", { owner: "owner", roles: { bots: { rank: 1, allow: 64 + 128 } } })
  .channel("general", { server: "home" })
  .member("home", "guard", { roles: ["bots"] })
  .member("home", "a")
  .member("home", "b")

const faults: ReadonlyArray<FakeFault> = [
  { _tag: "Reset" },
  { _tag: "Delay", delay: "1 minute" },
  { _tag: "HtmlError", status: 502 },
  { _tag: "HtmlError", status: 503 },
  { _tag: "HtmlError", status: 504 },
  { _tag: "Truncate" }
]

/** Runs `effect` to its end, moving the test clock a second at a time while real I/O gets its turn. */
const driven = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
  Effect.gen(function*() {
    const fiber = yield* Effect.fork(effect)
    while (Option.isNone(yield* Fiber.poll(fiber))) {
      yield* TestClock.adjust(Duration.seconds(1))
      yield* Effect.promise(() => new Promise((resolve) => setTimeout(resolve, 2)))
    }
    return yield* Fiber.await(fiber)
  })

/** A failure is one typed error, never a defect or an interruption. */
const assertTyped = (exit: Exit.Exit<unknown, unknown>, what: string) => {
  if (Exit.isFailure(exit)) {
    assert.isTrue(Option.isSome(Cause.failureOption(exit.cause)) && !Cause.isDie(exit.cause), `${what}: ${Cause.pretty(exit.cause)}`)
  }
}

/** The tag a call failed with, if it failed. */
const failedWith = (exit: Exit.Exit<unknown, { readonly _tag: string }>) =>
  Exit.isFailure(exit) ? Option.getOrUndefined(Option.map(Cause.failureOption(exit.cause), (error) => error._tag)) : undefined

for (const transport of transports) {
  const { as } = on(transport)
  describe(`the pipeline against the fake's faults (${transport})`, () => {
    for (const fault of faults) {
      const name = fault._tag === "HtmlError" ? `HtmlError ${fault.status}` : fault._tag
      it.effect(`${name}: every call ends in success or a typed error; a message, kick or ban happens at most once`, () =>
        Effect.gen(function*() {
          const fake = yield* StoatFake
          const home = seed.id("home")
          yield* fake.inject({ times: 1, fault })
          const sent = yield* driven(send(seed.id("general"), "hello"))
          yield* fake.inject({ times: 1, fault })
          const kicked = yield* driven(kickMember({ server: home, user: seed.id("a") }))
          yield* fake.inject({ times: 1, fault })
          const banned = yield* driven(banMember({ server: home, user: seed.id("b") }))
          yield* fake.inject({ times: 1, fault })
          const read = yield* driven(fetchMember(home, seed.id("guard")))
          yield* fake.inject({ times: 1, fault })
          const list = yield* driven(fetchMembers(home))
          const exits: ReadonlyArray<readonly [string, Exit.Exit<unknown, unknown>]> = [
            ["send", sent], ["kick", kicked], ["ban", banned], ["fetchMember", read], ["fetchMembers", list]
          ]
          for (const [what, exit] of exits) assertTyped(exit, what)
          // Let a request the client gave up on land on the instance, then count what happened.
          yield* TestClock.adjust(Duration.minutes(2))
          yield* Effect.promise(() => new Promise((resolve) => setTimeout(resolve, 20)))
          const messages = yield* fake.messages(seed.id("general"))
          assert.isAtMost(messages.length, 1)
          if (Exit.isSuccess(sent)) assert.lengthOf(messages, 1)
          // A kick or ban retried after it landed would answer NotFound: a success turned into a failure.
          assert.notStrictEqual(failedWith(kicked), "NotFound")
          assert.notStrictEqual(failedWith(banned), "NotFound")
          if (Exit.isSuccess(kicked)) assert.isFalse(yield* fake.isMember(home, seed.id("a")))
          if (Exit.isSuccess(banned)) assert.isTrue(yield* fake.isBanned(home, seed.id("b")))
          // Reads are retried through every fault but a broken body.
          if (fault._tag !== "Truncate") {
            assert.isTrue(Exit.isSuccess(read), "fetchMember")
            assert.isTrue(Exit.isSuccess(list), "fetchMembers")
          }
        }).pipe(as("guard", seed)), 60_000)
    }
  })
}
