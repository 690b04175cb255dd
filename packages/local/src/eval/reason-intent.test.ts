import { expect, test } from "vitest";
import { intentOfReason } from "./reason-intent.ts";

test.each([
  ["I was billed twice for last month's invoice.", "billing-dispute"],
  ["I'm locked out and can't log in, I need a new password.", "password-reset"],
  ["My parcel arrived damaged and an item is missing.", "order-problem"],
  ["I'd like to cancel my membership.", "cancellation"],
  ["We moved house, so my address needs updating.", "address-change"],
  ["The app keeps crashing with an error.", "technical-support"],
  ["Just a question about opening hours.", "other"],
])("%s → %s", (reason, intent) => {
  expect(intentOfReason(reason)).toBe(intent);
});
