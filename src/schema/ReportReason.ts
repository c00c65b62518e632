import { Schema } from "effect"

/** Why a user is reported (`UserReportReason`). */
export const UserReportReason = Schema.Literal(
  "NoneSpecified",
  "UnsolicitedSpam",
  "SpamAbuse",
  "InappropriateProfile",
  "Impersonation",
  "BanEvasion",
  "Underage"
)
export type UserReportReason = typeof UserReportReason.Type

/** Why a message or a server is reported (`ContentReportReason`). */
export const ContentReportReason = Schema.Literal(
  "NoneSpecified",
  "Illegal",
  "IllegalGoods",
  "IllegalExtortion",
  "IllegalPornography",
  "IllegalHacking",
  "ExtremeViolence",
  "PromotesHarm",
  "UnsolicitedSpam",
  "Raid",
  "SpamAbuse",
  "ScamsFraud",
  "Malware",
  "Harassment"
)
export type ContentReportReason = typeof ContentReportReason.Type
