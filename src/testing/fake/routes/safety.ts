import { Either, HashMap, Option, Schema } from "effect"
import { ContentReportReason, UserReportReason } from "../../../schema/ReportReason.js"
import { apiError, noContent } from "../http.js"
import type { Context, Outcome, Route } from "../router.js"
import { answer, decodeBody, newId, userById } from "./common.js"
import { messageById } from "./messages.js"

/** `DataReportContent` as serde reads it: `additional_context` may be absent (then `""`) but not `null`. */
const ReportBody = Schema.Struct({
  content: Schema.Union(
    Schema.Struct({ type: Schema.Literal("Message"), id: Schema.String, report_reason: ContentReportReason }),
    Schema.Struct({ type: Schema.Literal("Server"), id: Schema.String, report_reason: ContentReportReason }),
    Schema.Struct({
      type: Schema.Literal("User"),
      id: Schema.String,
      report_reason: UserReportReason,
      message_id: Schema.optionalWith(Schema.String, { nullable: true })
    })
  ),
  additional_context: Schema.optional(Schema.String)
})

/** `POST /safety/report`: the checks of reference §7 in their order; the report is kept in the state's `reports`. */
const report = ({ state, caller, now, body, request }: Context): Outcome => {
  const decoded = decodeBody(ReportBody, body, request)
  if (Either.isLeft(decoded)) return answer(decoded.left)
  const { content, additional_context: context = "" } = decoded.right
  if ([...context].length > 1000) {
    return answer(apiError("FailedValidation", { error: "additional_context: length must be 0..1000" }))
  }
  if (caller.user.bot !== undefined) return answer(apiError("IsBot"))
  const me = caller.user._id
  const own = content.type === "Message"
    ? Option.map(messageById(state, content.id), (message) => message.author === me)
    : content.type === "Server"
    ? Option.map(HashMap.get(state.servers, content.id), (server) => server.owner === me)
    // A User report's `message_id` is only context: an unknown one is ignored.
    : Option.map(userById(state, content.id), (user) => user._id === me)
  if (Option.isNone(own)) return answer(apiError("NotFound"))
  if (own.value) return answer(apiError("CannotReportYourself"))
  const [id, counted] = newId(state, now)
  const stored = { _id: id, author_id: me, content, additional_context: context, status: "Created", notes: "" }
  return { state: { ...counted, reports: [...counted.reports, stored] }, response: noContent }
}

export const safetyRoutes: ReadonlyArray<Route> = [
  { method: "POST", path: "/safety/report", auth: true, body: "json", handle: report }
]
