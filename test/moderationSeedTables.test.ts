import { assert, describe, it } from "@effect/vitest"
import { readFileSync } from "node:fs"
import { banMemberErrors, editMemberErrors, kickMemberErrors, timeoutMemberErrors } from "../src/operations/moderation.js"

/** The seed's error tables (stoat.py docs), as data: class → method → error types. */
const seed: Record<string, Record<string, ReadonlyArray<string>>> = JSON.parse(
  readFileSync(new URL("./fixtures/seed-error-tables.json", import.meta.url), "utf8")
)

const tagsOf = (declared: { readonly classes: ReadonlyArray<{ readonly _tag: string }> }) =>
  declared.classes.map((error) => error._tag)

/** Our declaration for each moderation method of the seed, and what the backend route adds (reference §7). */
const ours = {
  edit: { declared: editMemberErrors, backend: ["FailedValidation", "InvalidOperation", "NotConnected", "UnknownChannel"] },
  timeout: { declared: timeoutMemberErrors, backend: ["FailedValidation", "NotElevated"] },
  kick: { declared: kickMemberErrors, backend: ["FailedValidation"] },
  ban: { declared: banMemberErrors, backend: [] }
} as const

describe("the seed's moderation error tables", () => {
  for (const [method, { backend, declared }] of Object.entries(ours)) {
    for (const cls of ["BaseMember", "PartialMember", "Member"]) {
      it(`${cls}.${method}: every documented error is declared`, () => {
        const documented = seed[cls]?.[method]
        assert.isDefined(documented, `the seed has no ${cls}.${method}`)
        assert.isNotEmpty(documented)
        assert.includeMembers(tagsOf(declared), [...(documented ?? [])])
      })
    }

    it(`${method}: also declares what the backend route returns beyond the seed`, () => {
      assert.includeMembers(tagsOf(declared), [...backend])
      const tags = tagsOf(declared)
      assert.strictEqual(new Set(tags).size, tags.length, "no tag is declared twice")
    })
  }
})
