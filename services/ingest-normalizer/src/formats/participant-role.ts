import type { Role } from "@recap/shared";

/** Amazon's analytics outputs (Call Analytics, Contact Lens) name roles in capitals: AGENT, CUSTOMER, SYSTEM. */
const ROLES: Readonly<Record<string, Role>> = { AGENT: "agent", CUSTOMER: "customer", SYSTEM: "system" };

export function roleOfParticipant(participantRole: string | undefined): Role {
  return ROLES[participantRole?.toUpperCase() ?? ""] ?? "other";
}

/** `AGENT` → `Agent`: the speaker label a reader expects; an unknown role is kept as written. */
export function labelOfParticipant(participantRole: string): string {
  if (roleOfParticipant(participantRole) === "other") return participantRole;
  return participantRole.charAt(0).toUpperCase() + participantRole.slice(1).toLowerCase();
}
