import { execFileSync } from "node:child_process"
import { existsSync, readdirSync, statSync } from "node:fs"
import { createRequire } from "node:module"
import { fileURLToPath } from "node:url"

const root = fileURLToPath(new URL("..", import.meta.url))

/** The latest modification time of the files under `dir`. */
const newest = (dir: string): number =>
  Math.max(0, ...readdirSync(dir, { withFileTypes: true, recursive: true }).filter((entry) => entry.isFile()).map((entry) =>
    statSync(`${entry.parentPath}/${entry.name}`).mtimeMs
  ))

/**
 * Tests that spawn a process run the built `dist/`: it is built again first when a source file is
 * newer than it, so a test never runs yesterday's build (CI's `npm install` has just built it).
 */
export default function setup() {
  const built = `${root}dist/index.js`
  if (existsSync(built) && statSync(built).mtimeMs >= newest(`${root}src`)) return
  console.warn("dist/ is older than src/: building it (tsc -p tsconfig.build.json)")
  const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc")
  execFileSync(process.execPath, [tsc, "-p", "tsconfig.build.json"], { cwd: root, stdio: "inherit" })
}
