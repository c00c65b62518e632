import { assert, describe, it } from "@effect/vitest"
import { fileURLToPath } from "node:url"
import ts from "typescript"

/** Every name an entry point exports has a JSDoc line where it is declared: the package's reference. */

const root = fileURLToPath(new URL("..", import.meta.url))
const entries = ["src/index.ts", "src/testing.ts", "src/node.ts", "src/redis.ts"]

/** The node a declaration's JSDoc hangs on: a `const`'s comment sits on its statement. */
const documented = (declaration: ts.Declaration) =>
  ts.getJSDocCommentsAndTags(
    ts.isVariableDeclaration(declaration) ? declaration.parent.parent : declaration
  ).length > 0

describe("the entry points' exports", () => {
  it("each carry a JSDoc line", () => {
    const program = ts.createProgram(entries.map((entry) => `${root}${entry}`), {
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      target: ts.ScriptTarget.ES2022,
      strict: true,
      noEmit: true
    })
    const checker = program.getTypeChecker()
    const undocumented: Array<string> = []
    let count = 0
    for (const entry of entries) {
      const source = program.getSourceFile(`${root}${entry}`)
      const module = source === undefined ? undefined : checker.getSymbolAtLocation(source)
      if (module === undefined) throw new Error(`${entry} did not load`)
      for (const exported of checker.getExportsOfModule(module)) {
        count++
        const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported
        if (!(symbol.declarations ?? []).some(documented)) undocumented.push(`${entry}: ${exported.name}`)
      }
    }
    assert.isAbove(count, 400)
    assert.deepStrictEqual(undocumented, [])
  }, 60_000)
})
