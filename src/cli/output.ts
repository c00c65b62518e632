import type { Command } from "@effect/cli"
import { Console, Effect, Schema } from "effect"
import { root } from "./root.js"

/** Lines of aligned columns: every column but the last padded to its widest cell. */
export const table = (rows: ReadonlyArray<ReadonlyArray<string>>): string => {
  const widths: Array<number> = []
  for (const row of rows) row.forEach((cell, index) => (widths[index] = Math.max(widths[index] ?? 0, cell.length)))
  return rows
    .map((row) => row.map((cell, index) => (index === row.length - 1 ? cell : cell.padEnd(widths[index] ?? 0))).join("  "))
    .join("\n")
}

/** Whether `--json` was given. */
export const jsonMode: Effect.Effect<boolean, never, Command.Command.Context<"effect-stoat">> = Effect.map(
  root,
  (globals) => globals.json
)

/** Prints a result: its wire JSON on one line with `--json`, else the human text. */
export const emit = <A, I>(
  schema: Schema.Schema<A, I>,
  value: A,
  human: (value: A) => string
): Effect.Effect<void, never, Command.Command.Context<"effect-stoat">> =>
  Effect.flatMap(jsonMode, (json) =>
    json
      ? Effect.flatMap(Effect.orDie(Schema.encode(schema)(value)), (wire) => Console.log(JSON.stringify(wire)))
      : Console.log(human(value)))
