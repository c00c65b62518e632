// Run by `npm run check:consumer` in plain Node ESM: every entry point of the installed package's `exports` imports.
import { readFileSync } from "node:fs"

const { exports } = JSON.parse(readFileSync("node_modules/effect-stoat/package.json", "utf8"))
for (const subpath of Object.keys(exports)) {
  const specifier = subpath === "." ? "effect-stoat" : `effect-stoat/${subpath.slice(2)}`
  const module = await import(specifier)
  const names = Object.keys(module)
  if (names.length === 0) throw new Error(`${specifier} exports nothing`)
  console.log(`${specifier}: ${names.length} exports`)
}
