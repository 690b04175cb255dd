import { describe, expect, test } from "vitest";
import { findPhones } from "./phone.ts";

const phonesIn = (text: string) => findPhones(text).map((m) => text.slice(m.start, m.end));

describe("findPhones", () => {
  test.each([
    ["my number is (555) 123-4567, thanks", "(555) 123-4567"],
    ["call me back at 555-123-4567.", "555-123-4567"],
    ["It's +1 555 123 4567.", "+1 555 123 4567"],
    ["It's 555.123.4567 after six", "555.123.4567"],
    ["the line is 1-800-555-0199-RETURN", "1-800-555-0199"],
    ["cell: (212)555-0147", "(212)555-0147"],
    ["mobile 555 123 4567", "555 123 4567"],
    ["from abroad dial +1 (555) 123-4567", "+1 (555) 123-4567"],
    ["our London office is +44 20 7946 0958.", "+44 20 7946 0958"],
    ["or +44 (0)20 7946 0958 from abroad", "+44 (0)20 7946 0958"],
    ["Lisbon: +351 912 345 678, any time", "+351 912 345 678"],
    ["WhatsApp +4915123456789", "+4915123456789"],
    ["+33 1 23 45 67 89 is the Paris desk", "+33 1 23 45 67 89"],
  ])("finds the number in %j", (line, phone) => {
    expect(phonesIn(line)).toEqual([phone]);
  });

  test.each([
    "The order was placed on 2024-01-15 and shipped 01/18/2024.",
    "Your appointment is at 10:30 AM, or 3:15 PM if that suits better.",
    "You were charged $1,234.56 and then $1,234,567.89 by mistake.",
    "Order number is 12345678, and the return is order 55-1234.",
    "The order number is 4792-1138-2548.",
    "I've got a bare 5551234567 written down here, is that an account?",
    "It's an Intel Core i7-11800H with a 17.3-inch display.",
    "Update to version 10.0.19045.2364 first.",
    "Your IP shows as 192.168.100.254.",
    "Delivery takes 5-7 business days, 2-3 with express.",
    "Rates go up +15% next month, or +2.5% on the annual plan.",
    "The tracking number is 1Z999AA10123456784.",
    "The tracking number is 1Z999AA1 2345 6789.",
    "Her SSN ends 123-45-6789 which is not a phone.",
    "Use ISBN 978-0-306-40615-7 to find it.",
    "Ticket INC0012345 was escalated at 2023-11-02T14:05:00Z.",
  ])("leaves %j alone", (line) => {
    expect(findPhones(line)).toEqual([]);
  });
});
