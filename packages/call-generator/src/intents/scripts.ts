import type { Intent } from "../call-types.ts";
import { addressChange } from "./address-change.ts";
import { billingDispute } from "./billing-dispute.ts";
import { cancellation } from "./cancellation.ts";
import type { ScriptWriter } from "./intent-script.ts";
import { orderProblem } from "./order-problem.ts";
import { passwordReset } from "./password-reset.ts";
import { technicalSupport } from "./technical-support.ts";

export const SCRIPTS: Readonly<Record<Intent, ScriptWriter>> = {
  "billing-dispute": billingDispute,
  "password-reset": passwordReset,
  "order-problem": orderProblem,
  cancellation,
  "address-change": addressChange,
  "technical-support": technicalSupport,
};
