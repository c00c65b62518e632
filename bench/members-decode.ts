import { ParseResult, Predicate, Schema } from "effect"
import { Member, MemberArray, MemberList, User, UserArray } from "effect-stoat"
import { generateMembersBody } from "./generate.js"
import { compareWithParse } from "./measure.js"

const count = 10_000

/** Decoders of the whole `GET /servers/{id}/members` body, each built once. */
const wholeBody = {
  "MemberList (what fetchMembers decodes: the fast path)": ParseResult.decodeUnknownSync(MemberList),
  "straightforward: Schema.Array(Member), Schema.Array(User)": ParseResult.decodeUnknownSync(
    Schema.Struct({ members: Schema.Array(Member), users: Schema.Array(User) })
  )
}

/** Decoders of the `members` array alone. */
const membersAlone = {
  "MemberArray (fast path)": ParseResult.decodeUnknownSync(MemberArray),
  "straightforward: Schema.Array(Member)": ParseResult.decodeUnknownSync(Schema.Array(Member))
}

/** The Schema interpreter's floor: checking the wire shape alone, building nothing. */
const steps = {
  "the wire shape only, by the interpreter (strings, numbers, nesting)": ParseResult.decodeUnknownSync(
    Schema.Array(Schema.encodedSchema(Member))
  ),
  "MemberArray (fast path): every value decoded, the Members built": ParseResult.decodeUnknownSync(MemberArray)
}

/** Decoders of the `users` array alone. */
const usersAlone = {
  "UserArray (fast path)": ParseResult.decodeUnknownSync(UserArray),
  "straightforward: Schema.Array(User)": ParseResult.decodeUnknownSync(Schema.Array(User))
}

const Decoded = Schema.Struct({ members: Schema.Array(Schema.typeSchema(Member)), users: Schema.Array(Schema.typeSchema(User)) })
const DecodedMembers = Schema.Array(Schema.typeSchema(Member))

const DecodedUsers = Schema.Array(Schema.typeSchema(User))

/** Throws unless the decoders compared give equal results, so that the timings compare like with like. */
const checkSameResults = (json: string, membersJson: string, usersJson: string) => {
  const bodies = Object.values(wholeBody).map((decode) => Schema.decodeUnknownSync(Decoded)(decode(JSON.parse(json))))
  const lists = Object.values(membersAlone).map((decode) => Schema.decodeUnknownSync(DecodedMembers)(decode(JSON.parse(membersJson))))
  const users = Object.values(usersAlone).map((decode) => Schema.decodeUnknownSync(DecodedUsers)(decode(JSON.parse(usersJson))))
  const sameBody = Schema.equivalence(Decoded)
  const sameMembers = Schema.equivalence(DecodedMembers)
  const sameUsers = Schema.equivalence(DecodedUsers)
  if (
    !bodies.every((body) => sameBody(body, bodies[0]!)) || !lists.every((list) => sameMembers(list, lists[0]!)) ||
    !users.every((list) => sameUsers(list, users[0]!))
  ) {
    throw new Error("the decoders compared do not give the same result")
  }
}

const table = (title: string, json: string, decoders: Record<string, (parsed: unknown) => unknown>) => {
  console.log(`| ${title} | JSON.parse ms | decode ms | decode / JSON.parse (median) | (best runs) |`)
  console.log("|---|---|---|---|---|")
  for (const [name, decode] of Object.entries(decoders)) {
    const { bestRatio, decodeMs, parseMs, ratio } = compareWithParse(json, decode)
    console.log(`| ${name} | ${parseMs.toFixed(1)} | ${decodeMs.toFixed(1)} | ${ratio.toFixed(2)} | ${bestRatio.toFixed(2)} |`)
  }
  console.log("")
}

/** Decodes a generated 10k-member list and compares each decoder with `JSON.parse` of the same JSON. */
export const membersDecode = () => {
  const body = generateMembersBody(count)
  console.log(`## members-decode: ${count} members and their users`)
  console.log("")
  console.log(`Body ${(body.json.length / 1e6).toFixed(2)} MB (members alone ${(body.membersJson.length / 1e6).toFixed(2)} MB); ` +
    `node ${process.version}; gc between timings: ${typeof globalThis.gc === "function" ? "yes" : "no (run node with --expose-gc)"}.`)
  console.log("")
  const parsed: unknown = JSON.parse(body.json)
  const usersJson = JSON.stringify(Predicate.isRecord(parsed) ? parsed["users"] : [])
  checkSameResults(body.json, body.membersJson, usersJson)
  table("whole body", body.json, wholeBody)
  table("members array alone", body.membersJson, membersAlone)
  table("users array alone", usersJson, usersAlone)
  table("members array alone, step by step", body.membersJson, steps)
}
