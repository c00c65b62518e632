import { readdirSync, readFileSync } from "node:fs"
import { dirname, join, relative, resolve } from "node:path"
import { fileURLToPath } from "node:url"
import { assert, describe, it } from "@effect/vitest"

/**
 * The layers of DESIGN.md, as a walk over the imports of src/: data flows one way, so the lower
 * folders never reach the higher ones, and only the Node entry and the command reach
 * @effect/platform-node. Type-only imports count: a type is a dependency too.
 */

const root = fileURLToPath(new URL("..", import.meta.url))
const src = join(root, "src")

const sourceFiles = (folder: string): ReadonlyArray<string> =>
  readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name)
    return entry.isDirectory() ? sourceFiles(path) : entry.name.endsWith(".ts") ? [path] : []
  })

/** A file's path under src/, with forward slashes. */
const name = (file: string) => relative(src, file).split("\\").join("/")

/** What one file imports: other files of src/ by name, packages by specifier. */
const importsOf = (file: string): ReadonlyArray<string> =>
  [...readFileSync(file, "utf8").matchAll(/(?:from\s+|import\s*\(?\s*)"([^"]+)"/g)].flatMap(([, specifier]) => {
    if (specifier === undefined) return []
    if (!specifier.startsWith(".")) return [specifier]
    return [name(resolve(dirname(file), specifier.replace(/\.js$/, ".ts")))]
  })

const files = sourceFiles(src)
const graph = new Map(files.map((file) => [name(file), importsOf(file)]))

/** Everything a file reaches through its imports, itself excluded. */
const reaches = (start: string): ReadonlySet<string> => {
  const seen = new Set<string>()
  const visit = (current: string) => {
    for (const target of graph.get(current) ?? []) {
      if (seen.has(target)) continue
      seen.add(target)
      visit(target)
    }
  }
  visit(start)
  return seen
}

const under = (folder: string) => (file: string) => file.startsWith(`${folder}/`)
const layer = (...folders: ReadonlyArray<string>) => [...graph.keys()].filter((file) => folders.some((folder) => under(folder)(file)))

/** The first file of `targets` that `file` reaches, with the way there. */
const pathTo = (file: string, isTarget: (file: string) => boolean): string | undefined => {
  const previous = new Map<string, string>()
  const queue = [file]
  while (queue.length > 0) {
    const current = queue.shift() ?? ""
    for (const target of graph.get(current) ?? []) {
      if (previous.has(target) || target === file) continue
      previous.set(target, current)
      if (isTarget(target)) {
        const way = [target]
        for (let at = current; at !== file; at = previous.get(at) ?? file) way.unshift(at)
        return [file, ...way].join(" → ")
      }
      queue.push(target)
    }
  }
  return undefined
}

const forbid = (from: ReadonlyArray<string>, isTarget: (file: string) => boolean) => {
  const broken = from.flatMap((file) => {
    const way = pathTo(file, isTarget)
    return way === undefined ? [] : [way]
  })
  assert.deepStrictEqual(broken, [])
}

describe("the layers of src/", () => {
  it("reads the whole tree", () => {
    assert.isAbove(graph.size, 50)
    assert.include([...reaches("index.ts")], "services/StoatClient.ts")
  })

  it("schema, errors and internal reach neither services nor operations", () =>
    forbid(layer("schema", "errors", "internal"), (file) => under("services")(file) || under("operations")(file)))

  it("services and the pipeline do not reach operations", () => forbid(layer("services", "pipeline"), under("operations")))

  it("operations, services and the pipeline do not reach src/testing", () =>
    forbid(layer("operations", "services", "pipeline"), under("testing")))

  it("only src/node* and src/cli* reach @effect/platform-node", () => {
    const nodeSide = (file: string) => file.startsWith("node") || file.startsWith("cli")
    forbid([...graph.keys()].filter((file) => !nodeSide(file)), (file) => file.startsWith("@effect/platform-node"))
    assert.isTrue([...reaches("node.ts")].some((file) => file.startsWith("@effect/platform-node")))
  })

  it("the fake shares ids, permission bits and types with the client, never its rules or encoders", () => {
    // view.ts is where the fake decodes its own JSON with the client's schemas, for its public API.
    const allowed = new Set(["schema/Ids.ts", "schema/Permissions.ts", "schema/ReportReason.ts"])
    const fake = layer("testing/fake").filter((file) => file !== "testing/fake/view.ts")
    const broken = fake.flatMap((file) => {
      const text = readFileSync(join(src, file), "utf8")
      return [...text.matchAll(/^import (type )?[^"]*"([^"]+)"/gm)].flatMap(([, typeOnly, specifier]) => {
        if (specifier === undefined || !specifier.startsWith(".")) return []
        const target = name(resolve(dirname(join(src, file)), specifier.replace(/\.js$/, ".ts")))
        return under("schema")(target) && typeOnly === undefined && !allowed.has(target) ? [`${file} → ${target}`] : []
      })
    })
    assert.deepStrictEqual(broken, [])
  })
})
