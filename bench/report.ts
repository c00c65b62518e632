import { readFileSync } from "node:fs"
import { cpus, release, totalmem } from "node:os"
import { type CpuPerRequest, ratiosTo } from "./cpuBench.js"
import { type Comparison, median } from "./measure.js"

/** What one run of `bench/run.ts --once` measured. */
export interface Run {
  /** The 1-minute load average at the start and after each part. */
  readonly load: ReadonlyArray<number>
  readonly decode: ReadonlyArray<Comparison & { readonly count: number; readonly megabytes: number; readonly decoder: string }>
  readonly heap: { readonly parsed: number; readonly decoded: number; readonly fetched: number; readonly layer: string }
  /** Per mode (sequential, 32 in flight), per client, the CPU per request in µs of each round. */
  readonly member: Record<string, CpuPerRequest>
  readonly members: Record<string, CpuPerRequest>
}

const baseline = "undici request() + JSON.parse (the baseline)"
const responseJson = "fetch + Response.json()"

/** `median [min–max]` of the runs' values. */
const spread = (values: ReadonlyArray<number>, digits = 2) =>
  `${median(values).toFixed(digits)} [${Math.min(...values).toFixed(digits)}–${Math.max(...values).toFixed(digits)}]`

const version = (name: string) => {
  const json: unknown = JSON.parse(readFileSync(new URL(`../node_modules/${name}/package.json`, import.meta.url), "utf8"))
  return typeof json === "object" && json !== null && "version" in json ? String(json.version) : "?"
}

const decodeTable = (runs: ReadonlyArray<Run>) => {
  const rows = runs[0]?.decode ?? []
  return [
    "| members | body MB | decoder | JSON.parse ms | decode ms | decode / JSON.parse: median [min–max] of runs | best runs |",
    "|---|---|---|---|---|---|---|",
    ...rows.map((row, index) => {
      const same = runs.map((run) => run.decode[index]!)
      return `| ${row.count.toLocaleString("en")} | ${row.megabytes.toFixed(2)} | ${row.decoder} | ${median(same.map((r) => r.parseMs)).toFixed(1)} | ` +
        `${median(same.map((r) => r.decodeMs)).toFixed(1)} | **${spread(same.map((r) => r.ratio))}** | ${spread(same.map((r) => r.bestRatio))} |`
    })
  ].join("\n")
}

const heapTable = (runs: ReadonlyArray<Run>) => {
  const mb = (bytes: ReadonlyArray<number>) => median(bytes).toFixed(1)
  const parsed = runs.map((run) => run.heap.parsed / 1e6)
  return [
    "| retained after a 10k members list | MB (median of runs) | / parsed JSON: median [min–max] |",
    "|---|---|---|",
    `| the parsed JSON (\`JSON.parse\`) | ${mb(parsed)} | 1 |`,
    `| the decoded \`MemberList\` | ${mb(runs.map((run) => run.heap.decoded / 1e6))} | **${spread(runs.map((run) => run.heap.decoded / run.heap.parsed))}** |`,
    `| \`fetchMembers\` over ${runs[0]?.heap.layer}: the list and the cache it filled | ${mb(runs.map((run) => run.heap.fetched / 1e6))} | ` +
    `**${spread(runs.map((run) => run.heap.fetched / run.heap.parsed))}** |`
  ].join("\n")
}

/** The decode and heap tables with the runs' load averages (`npm run bench -- --only decode`). */
export const decodeSummary = (runs: ReadonlyArray<Run>): string => {
  const loads = runs.flatMap((run) => run.load)
  return `load average ${Math.min(...loads).toFixed(1)} to ${Math.max(...loads).toFixed(1)}, ${runs.length} runs\n\n` +
    `${decodeTable(runs)}\n\n${heapTable(runs)}`
}

/** One row per client: CPU per request and its ratio to `against`, per mode. */
const requestTable = (runs: ReadonlyArray<Run>, pick: (run: Run) => Record<string, CpuPerRequest>, against: string) => {
  const modes = Object.keys(pick(runs[0]!))
  const clients = Object.keys(pick(runs[0]!)[modes[0]!] ?? {})
  const cell = (mode: string, client: string) => {
    const ratios = runs.map((run) => ratiosTo(pick(run)[mode]!, against)[client]!)
    const micros = runs.map((run) => median(pick(run)[mode]![client]!))
    return `**${spread(ratios)}** | ${median(micros).toFixed(0)}`
  }
  return [
    `| client CPU per request | ${modes.map((mode) => `${mode}: / ${against === baseline ? "baseline" : "Response.json()"} | µs`).join(" | ")} |`,
    `|---|${modes.map(() => "---|---").join("|")}|`,
    ...clients.map((client) => `| ${client} | ${modes.map((mode) => cell(mode, client)).join(" | ")} |`)
  ].join("\n")
}

/** The goals of issue 15, each with the medians that decide it. */
const goals = (runs: ReadonlyArray<Run>) => {
  const decode10k = median(runs.map((run) => run.decode.find((row) => row.count === 10_000)!.ratio))
  const heap = median(runs.map((run) => run.heap.decoded / run.heap.parsed))
  const heapCache = median(runs.map((run) => run.heap.fetched / run.heap.parsed))
  const stoat = (run: Run, mode: string, client: string) => ratiosTo(run.member[mode]!, baseline)[client]!
  const lines = [
    `- Decode a 10k list in at most 1.5x \`JSON.parse\`: ${decode10k.toFixed(2)}x, ${decode10k <= 1.5 ? "met" : "**not met**"}.`,
    `- Retained heap at most 1.5x the parsed JSON: the list ${heap.toFixed(2)}x, with the cache ${heapCache.toFixed(2)}x.`
  ]
  for (const mode of Object.keys(runs[0]!.members)) {
    const fetched = median(runs.map((run) =>
      ratiosTo(run.members[mode]!, responseJson)[Object.keys(run.members[mode]!).find((name) => name.startsWith("effect-stoat over layerUndici"))!]!))
    lines.push(`- \`fetchMembers\` (10k) at most 2.5x \`Response.json()\`, ${mode}: ${fetched.toFixed(2)}x, ${fetched <= 2.5 ? "met" : "**not met**"}.`)
  }
  for (const mode of Object.keys(runs[0]!.member)) {
    const ours = median(runs.map((run) => stoat(run, mode, Object.keys(run.member[mode]!).find((name) => name.startsWith("effect-stoat over layerUndici"))!)))
    const theirs = median(runs.map((run) => stoat(run, mode, "stoat.js api.get")))
    lines.push(`- \`fetchMember\` no more client CPU than stoat.js \`api.get\`, ${mode}: ${ours.toFixed(2)}x against ${theirs.toFixed(2)}x, ` +
      `${ours <= theirs ? "met" : "**not met**"}.`)
  }
  return lines.join("\n")
}

/** BENCHMARKS.md from the runs, with the notes of `bench/NOTES.md` after the tables. */
export const report = (runs: ReadonlyArray<Run>): string => {
  const loads = runs.flatMap((run) => run.load)
  const cpu = cpus()
  return `# Benchmarks

Written by \`npm run bench\` (\`node --expose-gc --import tsx bench/run.ts\`): ${runs.length} runs, each in a fresh process,
on ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC. Benchmarks are never part of \`npm test\`.

Machine: ${cpu.length} × ${cpu[0]?.model ?? "?"}, ${(totalmem() / 2 ** 30).toFixed(0)} GB, Linux ${release()}, Node ${process.version},
effect ${version("effect")}, @effect/platform ${version("@effect/platform")}, @effect/platform-node ${version("@effect/platform-node")},
undici ${version("undici")}, stoat.js ${version("stoat.js")}. The machine is shared: 1-minute load average during the runs
${Math.min(...loads).toFixed(1)} to ${Math.max(...loads).toFixed(1)} on its ${cpu.length} cores, so absolute times move a lot; the
ratios compare clients measured side by side in the same rounds. Every cell gives the median of the runs and [min–max].

## Goals (issue 15)

${goals(runs)}

## Decoding a members list (\`GET /servers/{id}/members\`)

Generated bodies (\`bench/generate.ts\`); each pair of \`JSON.parse(json)\` and \`decode(parsed)\` is timed back to back after
a full GC, the ratio is the median over rounds of decode / parse (\`bench/measure.ts\`).

${decodeTable(runs)}

## Retained heap

${heapTable(runs)}

## Client CPU per request

A plain \`node:http\` server in its own process answers fixed bodies (\`bench/server.ts\`); tinybench times each client
by this process's CPU clock (\`process.cpuUsage\`, all threads), the clients taking turns in each round,
in an order that turns by one each round; each client starts after a full GC and is charged the full GC of
what it left (\`bench/cpuBench.ts\`). Ratios are to raw undici \`request()\` + \`JSON.parse\` in the same round.

### \`fetchMember\`: one member (476 bytes)

${requestTable(runs, (run) => run.member, baseline)}

### \`fetchMembers\`: 10k members (4.4 MB), against raw undici

${requestTable(runs, (run) => run.members, baseline)}

### \`fetchMembers\`: 10k members, against \`fetch\` + \`Response.json()\`

${requestTable(runs, (run) => run.members, responseJson)}

${readFileSync(new URL("./NOTES.md", import.meta.url), "utf8")}`
}
