// npm run check:consumer: what a user gets from `npm install effect-stoat`. Packs the package, installs the
// tarball with its peers from the npm registry into a temporary project, and there (a) type-checks a strict
// file and every entry's declarations with skipLibCheck off, (b) imports every entry point of `exports` in
// plain Node ESM and runs the bin, (c) runs a tiny script against the fake. Not part of `npm test`: packing
// runs `prepare`, which rewrites dist/.
import { execFileSync } from "node:child_process"
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"

const root = fileURLToPath(new URL("..", import.meta.url))
const here = fileURLToPath(new URL("consumer/", import.meta.url))
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"))

/** Peers a user installs to import every entry point; LiveKit is loaded only when a voice call connects. */
const loadedOnDemand = new Set(["@livekit/rtc-node"])
const peers = Object.entries(pkg.peerDependencies)
  .filter(([name]) => !loadedOnDemand.has(name))
  .map(([name, range]) => `${name}@${range}`)
const tools = ["typescript", "@types/node"].map((name) => `${name}@${pkg.devDependencies[name]}`)

const run = (command, args, cwd) => {
  console.log(`$ ${command} ${args.join(" ")}`)
  return execFileSync(command, args, { cwd, stdio: ["ignore", "pipe", "inherit"], encoding: "utf8" })
}

const project = mkdtempSync(join(tmpdir(), "effect-stoat-consumer-"))
try {
  const [packed] = JSON.parse(run("npm", ["pack", "--json", "--pack-destination", project], root))
  writeFileSync(join(project, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }, null, 2))
  writeFileSync(
    join(project, "tsconfig.json"),
    JSON.stringify(
      {
        compilerOptions: {
          target: "ES2022",
          // @effect/platform's own declarations name DOM types (Storage, Transferable).
          lib: ["ES2023", "DOM"],
          types: ["node"],
          module: "NodeNext",
          moduleResolution: "NodeNext",
          strict: true,
          exactOptionalPropertyTypes: true,
          noUncheckedIndexedAccess: true,
          skipLibCheck: false,
          noEmit: true
        },
        include: ["consumer.ts", "entries.ts"]
      },
      null,
      2
    )
  )
  for (const file of ["consumer.ts", "entries.mjs", "fake.mjs"]) copyFileSync(join(here, file), join(project, file))
  // Every entry point's declarations, whatever consumer.ts happens to import.
  const specifiers = Object.keys(pkg.exports).map((subpath) => (subpath === "." ? pkg.name : `${pkg.name}/${subpath.slice(2)}`))
  writeFileSync(join(project, "entries.ts"), specifiers.map((specifier, index) => `export * as entry${index} from "${specifier}"\n`).join(""))

  console.log(run("npm", ["install", "--no-audit", "--no-fund", `./${packed.filename}`, ...peers, ...tools], project))
  console.log("(a) a strict type check with skipLibCheck off")
  console.log(run(join(project, "node_modules/.bin/tsc"), ["-p", "tsconfig.json"], project))
  console.log("(b) every entry point in plain Node ESM")
  console.log(run(process.execPath, ["entries.mjs"], project))
  for (const bin of Object.keys(pkg.bin ?? {})) console.log(run(join(project, "node_modules/.bin", bin), ["--version"], project))
  console.log("(c) a script against the fake")
  console.log(run(process.execPath, ["fake.mjs"], project))
  console.log(`consumer check passed: ${packed.filename} with ${peers.join(" ")}`)
} finally {
  rmSync(project, { recursive: true, force: true })
}
