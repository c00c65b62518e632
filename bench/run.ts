import { membersDecode } from "./members-decode.js"

membersDecode()
