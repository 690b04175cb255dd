import { describe, expect, test } from "vitest";
import { findAddresses } from "./address.ts";

const addressesIn = (text: string) => findAddresses(text).map((m) => text.slice(m.start, m.end));

describe("findAddresses", () => {
  test.each([
    ["It's 123 Main Street, Springfield, IL 62704.", "123 Main Street, Springfield, IL 62704"],
    ["ship it to 742 Evergreen Terrace please", "742 Evergreen Terrace"],
    [
      "1600 Pennsylvania Avenue NW, Washington, DC 20500-0003 is on file",
      "1600 Pennsylvania Avenue NW, Washington, DC 20500-0003",
    ],
    ["at 42 O'Brien Rd., Apt 4B, Boston, MA 02110.", "42 O'Brien Rd., Apt 4B, Boston, MA 02110"],
    [
      "we moved to 350 5th Ave, Suite 3400, New York, NY 10118",
      "350 5th Ave, Suite 3400, New York, NY 10118",
    ],
    ["It's 10 N Martin Luther King Blvd #12 now", "10 N Martin Luther King Blvd #12"],
    ["the McDonald Drive one, 88B McDonald Drive", "88B McDonald Drive"],
    ["Okay, 12 Oak St. Is that right?", "12 Oak St"],
    ["55 Water St Brooklyn NY 11201", "55 Water St Brooklyn NY 11201"],
  ])("finds the address in %j", (line, address) => {
    expect(addressesIn(line)).toEqual([address]);
  });

  test.each([
    "We have 2 Oktank Deluxe Blenders in stock at the Main Street store.",
    "The order was 3 Large Boxes and 2 Small Crates.",
    "You were charged $12 Main Street Cafe prices, ha.",
    "It ships in 5-7 business days via Ground.",
    "Windows 10 Home Edition needs an update.",
    "The flat is at 10 Downing, near the park.",
    "i live at 123 main street, springfield",
    "My zip code is 62704 and I'm in Springfield, IL.",
    "PO Box 1234, Springfield, IL 62704",
    "Order 12345678 shipped on 2024-01-15 at 10:30 AM.",
    "The 2023 Annual Report is on page 14.",
    "Flat 3, 221B Baker Walk, London NW1 6XE",
  ])("leaves %j alone", (line) => {
    expect(findAddresses(line)).toEqual([]);
  });
});
