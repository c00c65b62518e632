import { FileSystem } from "@effect/platform"
import { Effect, Option, Schema } from "effect"
import { CliFailure } from "./failure.js"

/** What a bulk run does to each member. */
export const BulkAction = Schema.Literal("kick", "ban", "timeout")
export type BulkAction = typeof BulkAction.Type

/**
 * One line of a bulk run's journal (JSON Lines, appended and synced one at a time):
 * - `start`: the run's action, server and settings, so `--resume` only continues the same job;
 * - `sending`: written before the member's request goes out;
 * - `done`: its outcome once known: `ok`, `failed` (the server refused: not redone), or `unknown`
 *   (no answer, or one that cannot be read: checked against the server before it is redone).
 * A `sending` with no `done` after it is unknown too: the run stopped while its request was out.
 */
export const JournalEntry = Schema.Union(
  Schema.TaggedStruct("start", { action: BulkAction, server: Schema.String, settings: Schema.String }),
  Schema.TaggedStruct("sending", { user: Schema.String }),
  Schema.TaggedStruct("done", {
    user: Schema.String,
    outcome: Schema.Literal("ok", "failed", "unknown"),
    error: Schema.optionalWith(Schema.String, { exact: true }),
    sentence: Schema.optionalWith(Schema.String, { exact: true })
  })
)
export type JournalEntry = typeof JournalEntry.Type

const EntryLine = Schema.parseJson(JournalEntry)

/** Where each member stands after reading a journal. */
export type Standing = "ok" | "failed" | "unknown"

/** What a journal says: the job it is for and each member's last standing. */
export interface JournalState {
  readonly start: Extract<JournalEntry, { readonly _tag: "start" }> | undefined
  readonly standing: ReadonlyMap<string, Standing>
}

/**
 * Reads a journal. A line that is not an entry is one the run died while writing (its member stays
 * unknown, so it is checked); but a file whose first line is not a `start` is not a journal.
 */
export const readJournal = (text: string): Effect.Effect<JournalState, string> =>
  Effect.gen(function*() {
    if (text.trim() === "") return { start: undefined, standing: new Map() }
    const [firstLine = "", ...rest] = text.split("\n")
    const first = Schema.decodeUnknownOption(EntryLine)(firstLine)
    if (Option.isNone(first) || first.value._tag !== "start") return yield* Effect.fail("its first line is not the start of a run")
    const standing = new Map<string, Standing>()
    for (const entry of rest.flatMap((line) => Option.toArray(Schema.decodeUnknownOption(EntryLine)(line)))) {
      if (entry._tag !== "start") standing.set(entry.user, entry._tag === "sending" ? "unknown" : entry.outcome)
    }
    return { start: first.value, standing }
  })

/** A journal open for appending: each entry is written and synced before the call returns. */
export interface Journal {
  readonly record: (entry: JournalEntry) => Effect.Effect<void, CliFailure>
}

/** Opens (creating or appending to) the journal at `path` for the scope. */
export const openJournal = (path: string) =>
  Effect.gen(function*() {
    const fs = yield* FileSystem.FileSystem
    const cannot = () => new CliFailure({ family: "input", sentence: `Cannot write the journal ${path}.` })
    const before = yield* fs.readFileString(path).pipe(Effect.orElseSucceed(() => ""))
    const file = yield* Effect.mapError(fs.open(path, { flag: "a" }), cannot)
    const encoder = new TextEncoder()
    // A line torn by a crash is closed, so the next entry starts on a line of its own.
    if (before !== "" && !before.endsWith("\n")) yield* Effect.mapError(file.writeAll(encoder.encode("\n")), cannot)
    const journal: Journal = {
      record: (entry) =>
        Schema.encode(EntryLine)(entry).pipe(
          Effect.orDie,
          Effect.flatMap((line) => file.writeAll(encoder.encode(`${line}\n`))),
          Effect.zipRight(file.sync),
          Effect.mapError(cannot)
        )
    }
    return journal
  })
