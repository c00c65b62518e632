import { Effect, ParseResult } from "effect"
import { MemberList, StoatCache } from "effect-stoat"
import { emptyBefore, learnBefore } from "./cache-before.js"
import { generateMembersBody } from "./generate.js"
import { compareWithParse } from "./measure.js"

const count = 10_000

// `node --expose-gc --import tsx bench/cache-remember.ts`: prints one table (not part of `npm run bench`).

/** Times remembering a decoded 10k-member list, into an empty and into a full cache, against `JSON.parse` of its body. */
export const cacheRemember = () => {
  const body = generateMembersBody(count)
  const list = ParseResult.decodeUnknownSync(MemberList)(JSON.parse(body.json))
  const warm = Effect.runSync(StoatCache.make())
  Effect.runSync(warm.remember(list))
  const warmBefore = learnBefore(emptyBefore, list)
  const rows: Record<string, () => unknown> = {
    "before (HashMap walk), empty cache": () => learnBefore(emptyBefore, list),
    "before (HashMap walk), cache already holding them": () => learnBefore(warmBefore, list),
    "after (bounded Maps keyed by the ids as they are), empty cache": () =>
      Effect.runSync(Effect.flatMap(StoatCache.make(), (cache) => cache.remember(list))),
    "after, cache already holding them": () => Effect.runSync(warm.remember(list))
  }
  console.log(`## cache-remember: ${count} members and their users, remembered after decoding`)
  console.log("")
  console.log("| remember | JSON.parse ms | remember ms | remember / JSON.parse (median) | (best runs) |")
  console.log("|---|---|---|---|---|")
  for (const [name, run] of Object.entries(rows)) {
    const { bestRatio, decodeMs, parseMs, ratio } = compareWithParse(body.json, run)
    console.log(`| ${name} | ${parseMs.toFixed(1)} | ${decodeMs.toFixed(1)} | ${ratio.toFixed(2)} | ${bestRatio.toFixed(2)} |`)
  }
  console.log("")
}

cacheRemember()
