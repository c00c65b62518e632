import { Bench, type TimestampProvider } from "tinybench"
import { median } from "./measure.js"

/** Client CPU time (user + system, every thread of this process) in milliseconds: what a request costs the client. */
const cpuTime: TimestampProvider = {
  name: "process.cpuUsage",
  fn: () => {
    const { system, user } = process.cpuUsage()
    return (user + system) / 1000
  },
  fromMs: (ms) => ms,
  toMs: (value) => Number(value)
}

/** A client under test: one call makes `concurrency` requests at once and resolves when all are read. */
export type Client = () => Promise<unknown>

/** Per client, the client CPU per request in microseconds, one value per round. */
export type CpuPerRequest = Record<string, Array<number>>

/**
 * Measures each client's CPU per request with tinybench, timing with the process's CPU clock.
 * The clients take turns within each round, so that each round compares them under the same load;
 * the order turns by one each round. With `--expose-gc`, each client starts after a full GC and is
 * charged the full GC of what it left, spread over its calls: each pays for its own garbage only.
 */
export const measureCpu = async (
  clients: Readonly<Record<string, Client>>,
  { concurrency, iterations = 3, rounds, time }: {
    readonly concurrency: number
    readonly rounds: number
    /** CPU milliseconds each client runs for at least, per round. */
    readonly time: number
    /** Calls each client makes at least, per round (after one warm-up call). */
    readonly iterations?: number
  }
): Promise<CpuPerRequest> => {
  const results: CpuPerRequest = {}
  const collect = globalThis.gc
  /** Per client, the CPU milliseconds of the full GC after its timed calls. */
  const leftover = new Map<string, number>()
  const collectAfter = (name: string) => {
    if (collect === undefined) return
    const start = cpuTime.fn()
    collect()
    leftover.set(name, Number(cpuTime.fn()) - Number(start))
  }
  for (let round = 0; round < rounds; round++) {
    const bench = new Bench({
      time,
      iterations,
      warmupIterations: 1,
      timestampProvider: cpuTime,
      throws: true,
      setup: () => collect?.(),
      teardown: (task, mode) => (mode === "run" && task !== undefined ? collectAfter(task.name) : undefined)
    })
    const entries = Object.entries(clients)
    for (const [name, client] of [...entries.slice(round % entries.length), ...entries.slice(0, round % entries.length)]) {
      bench.add(name, () => Promise.all(Array.from({ length: concurrency }, client)))
    }
    await bench.run()
    for (const task of bench.tasks) {
      const result = task.result
      if (result.state !== "completed") throw new Error(`${task.name}: ${result.state}`)
      const perCall = result.latency.mean + (leftover.get(task.name) ?? 0) / result.latency.samplesCount
      ;(results[task.name] ??= []).push((perCall * 1000) / concurrency)
    }
  }
  return results
}

/** Per client, the median over rounds of its CPU per request divided by the baseline's in the same round. */
export const ratiosTo = (results: CpuPerRequest, baseline: string): Record<string, number> => {
  const base = results[baseline] ?? []
  return Object.fromEntries(
    Object.entries(results).map(([name, values]) => [name, median(values.map((value, round) => value / (base[round] ?? Number.NaN)))])
  )
}
