import { readFileSync } from "node:fs"
import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import { demoSeed } from "effect-stoat/testing"
import { exitCodeTable } from "../../src/cli/failure.js"
import { fakeCli, runCli } from "./runCli.js"

const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8")

/** The README's shell session: each `$ ` line and the lines it prints. */
const session = () => {
  const block = /```console\n([\s\S]*?)```/.exec(readme)?.[1] ?? ""
  const steps: Array<{ command: string; output: Array<string> }> = []
  for (const line of block.trimEnd().split("\n")) {
    if (line.startsWith("$ ")) steps.push({ command: line.slice(2), output: [] })
    else steps.at(-1)?.output.push(line)
  }
  return steps
}

describe("README: the command line", () => {
  it("lists the exit codes that --help lists", () => {
    for (const line of exitCodeTable.split("\n")) assert.include(readme, line)
  })

  it.effect("its session prints what it shows, against the demo seed", () =>
    Effect.gen(function*() {
      const steps = session()
      assert.isAtLeast(steps.length, 5)
      const env: Record<string, string> = {}
      let code = 0
      for (const { command, output } of steps) {
        const [program = "", ...args] = command.split(" ")
        let printed: string
        if (program === "export") {
          for (const pair of args) {
            const [name = "", value = ""] = pair.split("=")
            env[name] = value
          }
          printed = ""
        } else if (command === "echo $?") {
          printed = String(code)
        } else {
          assert.strictEqual(program, "effect-stoat")
          const result = yield* runCli(args, env)
          code = result.code
          printed = [result.stdout, result.stderr].filter((text) => text !== "").join("\n")
        }
        assert.strictEqual(printed, output.join("\n"), `$ ${command}`)
      }
    }).pipe(Effect.provide(fakeCli(demoSeed))))
})
