import { describe, expect, test } from "vitest";
import { findEmails } from "./email.ts";

const emailsIn = (text: string) => findEmails(text).map((m) => text.slice(m.start, m.end));

describe("findEmails", () => {
  test.each([
    ["Sure, it's jane.doe@example.com.", "jane.doe@example.com"],
    ["Send it to john.smith+orders@mail.example.co.uk please", "john.smith+orders@mail.example.co.uk"],
    ["my email is J_Smith-99@Example-Mail.IO, all caps", "J_Smith-99@Example-Mail.IO"],
    ["(reach me at a.b@c.org)", "a.b@c.org"],
    ["email:info@oktank.com", "info@oktank.com"],
  ])("finds the address in %j", (line, email) => {
    expect(emailsIn(line)).toEqual([email]);
  });

  test("finds every address on a line, each once", () => {
    expect(emailsIn("old one is a@b.com, new one is c@d.net")).toEqual(["a@b.com", "c@d.net"]);
  });

  test.each([
    "Customer: Yes, it's [email protected]",
    "It's {EMAIL}, and the one-time password is {PASSWORD}.",
    "Please confirm the [email address] on the account.",
    "The address on file is j***@gmail.com.",
    "We're @OktankSupport on social media, tweet @ us anytime.",
    "Version v1.2@3.4 of the firmware is out.",
    "Meet me at 10@the office",
    "The email address is john at example dot com",
  ])("leaves %j alone", (line) => {
    expect(findEmails(line)).toEqual([]);
  });
});
