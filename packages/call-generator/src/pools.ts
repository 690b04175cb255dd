/*
 * The raw material of calls. Everything here is invented: companies, people, streets. Phone numbers use
 * the 555-01xx range kept for fiction, e-mail addresses the example.* domains, card numbers the issuers'
 * published test numbers (Luhn-valid, never chargeable), so redaction has real patterns to find.
 */

export type Tenant = { id: string; company: string };

export const TENANTS: readonly Tenant[] = [
  { id: "brightcart", company: "BrightCart" },
  { id: "harborline", company: "Harborline Home" },
  { id: "kestrel", company: "Kestrel Outfitters" },
  { id: "lumen-mobile", company: "Lumen Mobile" },
];

export const CALL_CENTERS = ["austin", "cork", "manila", "halifax", "pune"] as const;

// biome-ignore format: a table reads better in rows
export const FIRST_NAMES = [
  "Amara", "Ben", "Carlos", "Dana", "Elena", "Farid", "Grace", "Hiro", "Imani", "Jonas",
  "Keisha", "Liam", "Mei", "Nadia", "Omar", "Priya", "Quinn", "Rosa", "Sam", "Tariq",
  "Uma", "Victor", "Wendy", "Xavier", "Yusuf", "Zoe", "Aiden", "Beatriz", "Chen", "Deborah",
  "Emeka", "Fiona", "Gustavo", "Hannah", "Ivan", "Julia", "Kofi", "Laura", "Mateo", "Nora",
] as const;

// biome-ignore format: a table reads better in rows
export const LAST_NAMES = [
  "Adeyemi", "Brennan", "Castillo", "Dubois", "Eriksen", "Fischer", "Garcia", "Haddad", "Ito", "Jensen",
  "Kowalski", "Lindqvist", "Morales", "Nakamura", "Okafor", "Patel", "Quintero", "Rossi", "Schmidt", "Tanaka",
  "Underwood", "Varga", "Whitfield", "Xu", "Yilmaz", "Zhang", "Abbott", "Bianchi", "Carter", "Delgado",
] as const;

/** Names with letters outside ASCII: a file saved in the wrong encoding garbles exactly these. */
// biome-ignore format: a table reads better in rows
export const ACCENTED_NAMES = [
  "José Muñoz", "Zoë Brontë", "Renée Côté", "André Gonçalves", "Chloé Lefèvre", "Søren Kjær",
  "Jürgen Müller", "Inés Núñez",
] as const;

// biome-ignore format: a table reads better in rows
export const AGENT_FIRST_NAMES = [
  "Alex", "Jordan", "Taylor", "Morgan", "Casey", "Riley", "Jamie", "Avery", "Devon", "Kendall",
  "Marisol", "Trevor", "Naomi", "Gabriel", "Leah", "Marcus",
] as const;

export const EMAIL_DOMAINS = ["example.com", "example.net", "example.org"] as const;
export const AREA_CODES = ["206", "312", "415", "512", "617", "720", "919", "303"] as const;

/** Published test card numbers, as a customer reads them out. */
export const TEST_CARDS = [
  "4111 1111 1111 1111",
  "5555 5555 5555 4444",
  "4012 8888 8888 1881",
  "6011 1111 1111 1117",
  "5105 1051 0510 5100",
] as const;

// biome-ignore format: a table reads better in rows
export const STREETS = [
  "Maple Avenue", "Cedar Lane", "Harbor Street", "Willow Drive", "Pine Ridge Road", "Lakeview Court",
  "Oak Street", "Sunset Boulevard", "Mill Road", "Chestnut Way",
] as const;

// biome-ignore format: a table reads better in rows
export const TOWNS = [
  "Springfield, IL 62704", "Riverton, WY 82501", "Fairview, OR 97024", "Georgetown, TX 78626",
  "Salem, MA 01970", "Franklin, TN 37064", "Madison, WI 53703", "Clinton, NY 13323",
] as const;

// biome-ignore format: a table reads better in rows
export const PRODUCTS = [
  "standing desk", "pair of wireless headphones", "coffee grinder", "pair of running shoes", "air purifier",
  "blender", "office chair", "hiking backpack", "smart thermostat", "cast iron skillet", "desk lamp",
] as const;

export const PLANS = ["Basic plan", "Plus plan", "Family plan", "Premium plan"] as const;
