import { assert, describe, it } from "@effect/vitest"
import { readFileSync } from "node:fs"
import { acceptGroupInviteErrors, acceptInviteErrors, acceptServerInviteErrors, deleteInviteErrors } from "../src/operations/invites.js"

/** The seed's error tables (stoat.py docs), as data: class → method → error types. */
const seed: Record<string, Record<string, ReadonlyArray<string>>> = JSON.parse(
  readFileSync(new URL("./fixtures/seed-error-tables.json", import.meta.url), "utf8")
)

/** Which of our declared error lists stands for each seed method. */
const ours: Record<string, { readonly classes: ReadonlyArray<{ readonly _tag: string }> }> = {
  "BaseInvite.accept": acceptInviteErrors,
  "UnknownPublicInvite.accept": acceptInviteErrors,
  "PrivateBaseInvite.accept": acceptInviteErrors,
  "ServerPublicInvite.accept": acceptServerInviteErrors,
  "ServerInvite.accept": acceptServerInviteErrors,
  "GroupPublicInvite.accept": acceptGroupInviteErrors,
  "GroupInvite.accept": acceptGroupInviteErrors
}
for (const cls of ["BaseInvite", "ServerPublicInvite", "GroupPublicInvite", "UnknownPublicInvite", "PrivateBaseInvite", "GroupInvite", "ServerInvite"]) {
  ours[`${cls}.delete`] = deleteInviteErrors
  ours[`${cls}.revoke`] = deleteInviteErrors
}

describe("the seed's error tables", () => {
  for (const [key, declared] of Object.entries(ours)) {
    it(`${key} declares every error the seed documents`, () => {
      const [cls = "", method = ""] = key.split(".")
      const documented = seed[cls]?.[method]
      assert.isDefined(documented, `the seed has no ${key}`)
      const tags = declared.classes.map((error) => error._tag)
      for (const tag of documented ?? []) assert.include(tags, tag, `${key} must declare ${tag}`)
    })
  }

  it("every invite method of the seed with an error table is mapped", () => {
    const inviteClasses = Object.keys(seed).filter((cls) => cls.includes("Invite"))
    for (const cls of inviteClasses) {
      for (const [method, tags] of Object.entries(seed[cls] ?? {})) {
        if (tags.length > 0) assert.property(ours, `${cls}.${method}`)
      }
    }
  })
})
