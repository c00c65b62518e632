import { FileSystem, HttpClient } from "@effect/platform"
import { Clock, Console, Effect, Ref, Schema } from "effect"
import type { StoatClient } from "../services/StoatClient.js"
import { CliFailure, familyOf, sentenceOf } from "./failure.js"
import { type BulkAction, openJournal, readJournal, type Standing } from "./journal.js"
import { jsonMode } from "./output.js"
import { withStoat } from "./root.js"

/** One member's request of a bulk run, and how to tell afterwards whether it took effect. */
export interface BulkJob<E extends { readonly _tag: string }, C extends { readonly _tag: string }> {
  readonly action: BulkAction
  readonly server: string
  /** The run's settings in words (reason, duration...): a resumed run must have the same. */
  readonly settings: string
  /** What a member's line of the summary says was done: "kicked", "banned"... */
  readonly done: string
  readonly apply: (user: string) => Effect.Effect<unknown, E, StoatClient>
  /** Whether the action already holds for `user` (asked when a request's outcome is unknown). */
  readonly holds: (user: string) => Effect.Effect<boolean, C, StoatClient>
}

/** The options of a bulk run. */
export interface BulkOptions {
  readonly idsFile: string
  readonly journal: string
  readonly resume: boolean
}

const isClientError = (error: { readonly _tag: string }) =>
  error._tag === "TransportError" || error._tag === "UnexpectedResponse" || error._tag === "RateLimited"

/** The user ids of an ids file (`-` for stdin): one a line, blank lines and `#` comments skipped, each once. */
export const readIds = (path: string) =>
  Effect.gen(function*() {
    const fs = yield* FileSystem.FileSystem
    const text = yield* fs.readFileString(path === "-" ? "/dev/stdin" : path).pipe(
      Effect.mapError(() => new CliFailure({ family: "input", sentence: `Cannot read the ids file ${path}.` }))
    )
    const ids = text.split("\n").map((line) => line.trim()).filter((line) => line !== "" && !line.startsWith("#"))
    return [...new Set(ids)]
  })

const loadJournal = (options: BulkOptions, action: BulkAction, server: string, settings: string) =>
  Effect.gen(function*() {
    const fs = yield* FileSystem.FileSystem
    const exists = yield* Effect.orElseSucceed(fs.exists(options.journal), () => false)
    const text = exists ? yield* Effect.orElseSucceed(fs.readFileString(options.journal), () => "") : ""
    if (text.trim() !== "" && !options.resume) {
      return yield* new CliFailure({
        family: "input",
        sentence: `The journal ${options.journal} holds an earlier run: continue it with --resume, or remove it.`
      })
    }
    const state = yield* readJournal(text).pipe(
      Effect.mapError((problem) => new CliFailure({ family: "input", sentence: `The journal ${options.journal} is damaged: ${problem}.` }))
    )
    const start = state.start
    if (start !== undefined && (start.action !== action || start.server !== server || start.settings !== settings)) {
      return yield* new CliFailure({
        family: "input",
        sentence: `The journal ${options.journal} is for another job (${start.action} in ${start.server}, ${start.settings}).`
      })
    }
    return { standing: state.standing, started: start !== undefined }
  })

const seconds = (millis: number) => `${(millis / 1000).toFixed(1)} s`

/** The line a member's outcome prints with `--json`. */
const MemberOutcome = Schema.Struct({
  user: Schema.String,
  outcome: Schema.Literal("ok", "failed", "skipped"),
  error: Schema.optionalWith(Schema.String, { exact: true }),
  sentence: Schema.optionalWith(Schema.String, { exact: true })
})

/**
 * Runs `job` for every id of the ids file, one member at a time through the client's rate limiter,
 * journaling each member before its request goes out and its outcome after. With `--resume` it skips
 * the members the journal settled and checks those whose outcome is unknown before redoing them.
 * Fails when any member failed, with the family of the first failure.
 */
export const runBulk = <E extends { readonly _tag: string }, C extends { readonly _tag: string }>(
  job: BulkJob<E, C>,
  options: BulkOptions
) =>
  Effect.gen(function*() {
    const ids = yield* readIds(options.idsFile)
    const { standing, started } = yield* loadJournal(options, job.action, job.server, job.settings)
    const json = yield* jsonMode
    const progress = process.stderr.isTTY === true && !json
    const journal = yield* openJournal(options.journal)
    if (!started) yield* journal.record({ _tag: "start", action: job.action, server: job.server, settings: job.settings })

    // Waiting: from a member's start, or the last answer, until its next request reaches the transport.
    const waitingMillis = yield* Ref.make(0)
    const mark = yield* Ref.make(0)
    const setMark = Effect.flatMap(Clock.currentTimeMillis, (now) => Ref.set(mark, now))
    const timed = (client: HttpClient.HttpClient) =>
      HttpClient.transform(client, (effect) =>
        Effect.zipWith(Clock.currentTimeMillis, Ref.get(mark), (now, since) => now - since).pipe(
          Effect.flatMap((waited) => Ref.update(waitingMillis, (total) => total + waited)),
          Effect.zipRight(Effect.ensuring(effect, setMark))
        ))

    const failures: Array<{ readonly user: string; readonly error: { readonly _tag: string } }> = []
    let done = 0
    let skipped = 0
    const begin = yield* Clock.currentTimeMillis

    const report = (user: string, outcome: "ok" | "failed" | "skipped", error?: { readonly _tag: string }) =>
      Effect.gen(function*() {
        if (outcome === "ok") done += 1
        if (outcome === "skipped") skipped += 1
        if (error !== undefined) failures.push({ user, error })
        if (json) {
          const line = error === undefined ? { user, outcome } : { user, outcome, error: error._tag, sentence: sentenceOf(error) }
          yield* Console.log(JSON.stringify(yield* Effect.orDie(Schema.encode(MemberOutcome)(line))))
        }
        if (progress) {
          const elapsed = (yield* Clock.currentTimeMillis) - begin
          const waiting = yield* Ref.get(waitingMillis)
          const count = done + skipped + failures.length
          const rate = elapsed > 0 ? (count * 1000) / elapsed : 0
          process.stderr.write(`\r\x1b[2K${job.action} ${count}/${ids.length}  ${rate.toFixed(1)}/s  ${seconds(waiting)} waiting for rate limits`)
        }
      })

    const process1 = (user: string, before: Standing | undefined) =>
      Effect.gen(function*() {
        if (before === "ok" || before === "failed") return yield* report(user, "skipped")
        if (before === "unknown") {
          yield* setMark
          const holds = yield* Effect.either(job.holds(user))
          if (holds._tag === "Left") {
            yield* journal.record({ _tag: "done", user, outcome: "unknown", error: holds.left._tag, sentence: sentenceOf(holds.left) })
            return yield* report(user, "failed", holds.left)
          }
          if (holds.right) {
            yield* journal.record({ _tag: "done", user, outcome: "ok" })
            return yield* report(user, "ok")
          }
        }
        yield* journal.record({ _tag: "sending", user })
        yield* setMark
        const result = yield* Effect.either(job.apply(user))
        if (result._tag === "Right") {
          yield* journal.record({ _tag: "done", user, outcome: "ok" })
          return yield* report(user, "ok")
        }
        const error = result.left
        yield* journal.record({ _tag: "done", user, outcome: isClientError(error) ? "unknown" : "failed", error: error._tag, sentence: sentenceOf(error) })
        return yield* report(user, "failed", error)
      })

    yield* withStoat(Effect.forEach(ids, (user) => process1(user, standing.get(user)), { discard: true })).pipe(
      Effect.updateService(HttpClient.HttpClient, timed)
    )
    if (progress) process.stderr.write("\n")

    const elapsed = (yield* Clock.currentTimeMillis) - begin
    const waiting = yield* Ref.get(waitingMillis)
    const summary = [
      `${job.done} ${done} of ${ids.length} members` +
      (skipped > 0 ? `, ${skipped} already settled by the journal` : "") +
      (failures.length > 0 ? `, ${failures.length} failed` : "") +
      ` in ${seconds(elapsed)}, ${seconds(waiting)} of it waiting for rate limits.`
    ]
    const byTag = new Map<string, Array<typeof failures[number]>>()
    for (const failure of failures) byTag.set(failure.error._tag, [...(byTag.get(failure.error._tag) ?? []), failure])
    for (const [tag, group] of byTag) {
      const first = group[0]
      if (first === undefined) continue
      summary.push(`  ${group.length} × ${tag}: ${sentenceOf(first.error)} ${group.map((failure) => failure.user).join(", ")}`)
    }
    yield* (json ? Console.error(summary.join("\n")) : Console.log(summary.join("\n")))
    const first = failures[0]
    if (first !== undefined) {
      return yield* new CliFailure({
        family: familyOf(first.error),
        sentence: `${failures.length} of ${ids.length} members failed; the first: ${sentenceOf(first.error)}`
      })
    }
  }).pipe(Effect.scoped)
