/**
 * `npm run bench`: three runs, each in a fresh process (`--once`), then BENCHMARKS.md written from
 * them. A run decodes generated members lists against `JSON.parse`, measures their retained heap,
 * and measures the client CPU per request of effect-stoat, stoat.js, fetch, @effect/platform and raw
 * undici against the same plain `node:http` server in its own process.
 */
import { NodeHttpClient } from "@effect/platform-node"
import { ParseResult, Schema } from "effect"
import { Member, MemberList, User } from "effect-stoat"
import { layerUndiciHttpClient } from "effect-stoat/node"
import { execFileSync } from "node:child_process"
import { writeFileSync } from "node:fs"
import { loadavg } from "node:os"
import { fileURLToPath } from "node:url"
import { generateMembersBody } from "./generate.js"
import { heapOf } from "./heap.js"
import { compareWithParse } from "./measure.js"
import { rateLimits } from "./rate-limits.js"
import { decodeSummary, type Run, report } from "./report.js"
import { memberRequests, membersRequests } from "./requests.js"
import { startServer } from "./serverProcess.js"

const straightforward = ParseResult.decodeUnknownSync(Schema.Struct({ members: Schema.Array(Member), users: Schema.Array(User) }))
const memberList = ParseResult.decodeUnknownSync(MemberList)

const leanLayer = "layerUndiciHttpClient (effect-stoat/node)"
const layers = {
  [leanLayer]: layerUndiciHttpClient,
  "NodeHttpClient.layerUndici (@effect/platform-node)": NodeHttpClient.layerUndici
}

/** `--only decode`: the decode and heap rows alone, three fresh processes, printed (BENCHMARKS.md is left as it is). */
const decodeOnly = process.argv.includes("--only") && process.argv[process.argv.indexOf("--only") + 1] === "decode"

/** One run, in this process: what `report` tabulates. */
const once = async (): Promise<Run> => {
  const load = [loadavg()[0]!]
  const decode: Array<Run["decode"][number]> = []
  for (const [count, rounds] of [[1_000, 25], [10_000, 10], [100_000, 3]] as const) {
    const { json } = generateMembersBody(count)
    decode.push({ count, megabytes: json.length / 1e6, decoder: "MemberList (fetchMembers)", ...compareWithParse(json, memberList, { rounds, warmup: 3 }) })
    if (count === 10_000) {
      decode.push({ count, megabytes: json.length / 1e6, decoder: "Schema.Array(Member), Schema.Array(User)", ...compareWithParse(json, straightforward, { rounds: 3, warmup: 1 }) })
    }
  }
  const server = await startServer()
  try {
    const heap = await heapOf(generateMembersBody(10_000).json, 10_000, server.baseUrl, layers)
    load.push(loadavg()[0]!)
    if (decodeOnly) return { load, decode, heap, member: {}, members: {} }
    const member = await memberRequests(server.baseUrl, layers, 4)
    load.push(loadavg()[0]!)
    const members = await membersRequests(server.baseUrl, { [leanLayer]: layerUndiciHttpClient }, 10_000, 2)
    load.push(loadavg()[0]!)
    return { load, decode, heap, member, members }
  } finally {
    server.stop()
  }
}

if (process.argv.includes("--once")) {
  process.stdout.write(`${JSON.stringify(await once())}\n`)
} else {
  const runs: Array<Run> = []
  for (let run = 1; run <= 3; run++) {
    console.error(`run ${run} of 3...`)
    const output = execFileSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), "--once", ...process.argv.slice(2)], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
      maxBuffer: 1 << 26
    })
    runs.push(JSON.parse(output.trim().split("\n").at(-1) ?? "{}"))
  }
  if (decodeOnly) {
    console.log(decodeSummary(runs))
    process.exit(0)
  }
  // The rate-limit rows run once, in this process: they spawn their own processes and take seconds of waiting.
  const markdown = `${report(runs)}\n${await rateLimits()}`
  writeFileSync(fileURLToPath(new URL("../BENCHMARKS.md", import.meta.url)), markdown)
  console.log(markdown)
}
