/**
 * A loop for `node --cpu-prof`: decodes a generated members list (`MemberList`, as `fetchMembers`
 * does) over and over, with nothing else in the profile but start-up. Arguments: rounds, members.
 * `node --cpu-prof --import tsx bench/decode-profile.ts 300 10000`
 */
import { ParseResult } from "effect"
import { MemberList } from "effect-stoat"
import { generateMembersBody } from "./generate.js"

const [rounds = 100, count = 10_000] = process.argv.slice(2).map(Number)
const decode = ParseResult.decodeUnknownSync(MemberList)
const parsed: unknown = JSON.parse(generateMembersBody(count).json)
const start = performance.now()
for (let round = 0; round < rounds; round++) decode(parsed)
console.log(`${count} members: ${((performance.now() - start) / rounds).toFixed(1)} ms per decode`)
