import { assert, describe, it } from "@effect/vitest"
import { readFileSync } from "node:fs"
import { sendErrors } from "../src/operations/messageSend.js"
import { acknowledgeErrors, fetchMessageErrors, historyErrors, searchErrors } from "../src/operations/messages.js"
import { fetchDefaultAvatarErrors, fetchFlagsErrors, fetchMutualsErrors, fetchProfileErrors, openDmErrors, removeFriendErrors, reportUserErrors, unblockUserErrors } from "../src/operations/users.js"
import { joinCallErrors } from "../src/operations/voice.js"

/** The seed's error tables (stoat.py docs), as data: class → method → error types. */
const seed: Record<string, Record<string, ReadonlyArray<string>>> = JSON.parse(
  readFileSync(new URL("./fixtures/seed-error-tables.json", import.meta.url), "utf8")
)

type DeclaredList = { readonly classes: ReadonlyArray<{ readonly _tag: string }> }

const tagsOf = (declared: DeclaredList) => declared.classes.map((error) => error._tag)

const dmRoute = ["InvalidSession", "NotFound", "MissingUserPermission", "MissingPermission", "DatabaseError"]

/** Our declaration for each seed method of this issue, and what the routes it calls add beyond the seed (reference §7-8). */
const ours: Record<string, { readonly declared: DeclaredList; readonly backend: ReadonlyArray<string> }> = {
  acknowledge: { declared: acknowledgeErrors, backend: ["InternalError", ...dmRoute] },
  fetch_message: { declared: fetchMessageErrors, backend: dmRoute },
  history: { declared: historyErrors, backend: ["FailedValidation", "InvalidOperation", ...dmRoute] },
  search: { declared: searchErrors, backend: dmRoute },
  send: { declared: sendErrors, backend: ["InSlowmode", ...dmRoute] },
  join_call: { declared: joinCallErrors, backend: ["IsBot", ...dmRoute] },
  fetch_channel_id: { declared: openDmErrors, backend: dmRoute },
  fetch_default_avatar: { declared: fetchDefaultAvatarErrors, backend: [] },
  fetch_flags: { declared: fetchFlagsErrors, backend: [] },
  fetch_profile: { declared: fetchProfileErrors, backend: ["MissingPermission"] },
  mutual_friend_ids: { declared: fetchMutualsErrors, backend: ["MissingPermission"] },
  mutual_server_ids: { declared: fetchMutualsErrors, backend: ["MissingPermission"] },
  mutuals: { declared: fetchMutualsErrors, backend: ["MissingPermission"] },
  open_dm: { declared: openDmErrors, backend: ["MissingPermission"] },
  remove_friend: { declared: removeFriendErrors, backend: [] },
  report: { declared: reportUserErrors, backend: ["IsBot"] },
  unblock: { declared: unblockUserErrors, backend: [] }
}

describe("the seed's error tables for a member's user, DM and Messageable methods", () => {
  for (const [method, { backend, declared }] of Object.entries(ours)) {
    for (const cls of ["BaseMember", "PartialMember", "Member"]) {
      it(`${cls}.${method}: every documented error is declared`, () => {
        const documented = seed[cls]?.[method]
        assert.isDefined(documented, `the seed has no ${cls}.${method}`)
        assert.includeMembers(tagsOf(declared), [...(documented ?? [])])
      })
    }

    it(`${method}: declares what its routes return beyond the seed, each tag once`, () => {
      const tags = tagsOf(declared)
      assert.includeMembers(tags, [...backend])
      assert.strictEqual(new Set(tags).size, tags.length)
      if (tags.includes("MissingUserPermission")) assert.include(tags, "MissingPermission")
    })
  }
})
