import { validation } from "../errors.ts";
import { SHAPES, type Shape, type ShapeName } from "./shapes.ts";

const compiled = new Map<string, RegExp>();
/** A model pattern matched against the whole value, as AWS's request validation matches it. */
function fullMatch(pattern: string): RegExp {
  let regex = compiled.get(pattern);
  if (!regex) {
    regex = new RegExp(`^(?:${pattern})$`);
    compiled.set(pattern, regex);
  }
  return regex;
}

function shapeOf(name: string): Shape {
  const shape = (SHAPES as Record<string, Shape>)[name];
  if (!shape) throw new Error(`no shape ${name} in the transcribed service model`);
  return shape;
}

/** How AWS quotes a value in a constraint message: strings in quotes, the rest as JSON. */
function quoted(value: unknown): string {
  if (value === undefined || value === null) return "null";
  return `'${typeof value === "string" ? value : JSON.stringify(value)}'`;
}

/**
 * Every constraint `value` breaks, worded as AWS's request validation words them:
 * `Value 'Bogus' at 'statusEquals' failed to satisfy constraint: Member must satisfy enum value set: [...]`.
 * List items are addressed as AWS addresses them, 1-based: `tags.1.member.key`.
 */
export function violations(name: ShapeName | string, value: unknown, path = ""): string[] {
  const shape = shapeOf(name);
  const at = (constraint: string) =>
    `Value ${quoted(value)} at '${path}' failed to satisfy constraint: Member ${constraint}`;
  switch (shape.type) {
    case "string": {
      if (typeof value !== "string") return [at("must be a string")];
      const found: string[] = [];
      if (shape.enum && !shape.enum.includes(value))
        found.push(at(`must satisfy enum value set: [${shape.enum.join(", ")}]`));
      if (shape.min !== undefined && value.length < shape.min)
        found.push(at(`must have length greater than or equal to ${shape.min}`));
      if (shape.max !== undefined && value.length > shape.max)
        found.push(at(`must have length less than or equal to ${shape.max}`));
      // A value over its length bound is not also run through its pattern: some patterns backtrack hard.
      else if (shape.pattern !== undefined && !fullMatch(shape.pattern).test(value))
        found.push(at(`must satisfy regular expression pattern: ${shape.modelPattern ?? shape.pattern}`));
      return found;
    }
    case "integer": {
      if (typeof value !== "number" || !Number.isInteger(value)) return [at("must be an integer")];
      if (shape.min !== undefined && value < shape.min)
        return [at(`must have value greater than or equal to ${shape.min}`)];
      if (shape.max !== undefined && value > shape.max)
        return [at(`must have value less than or equal to ${shape.max}`)];
      return [];
    }
    case "timestamp":
      return (typeof value === "string" && !Number.isNaN(Date.parse(value))) || typeof value === "number"
        ? []
        : [at("must be a timestamp")];
    case "list": {
      if (!Array.isArray(value)) return [at("must be a list")];
      const found: string[] = [];
      if (shape.min !== undefined && value.length < shape.min)
        found.push(at(`must have length greater than or equal to ${shape.min}`));
      if (shape.max !== undefined && value.length > shape.max)
        found.push(at(`must have length less than or equal to ${shape.max}`));
      value.forEach((item, i) => {
        found.push(...violations(shape.member, item, `${path}.${i + 1}.member`));
      });
      return found;
    }
    case "structure": {
      if (typeof value !== "object" || value === null || Array.isArray(value))
        return [at("must be a structure")];
      const record = value as Record<string, unknown>;
      const found: string[] = [];
      const prefix = path ? `${path}.` : "";
      for (const member of shape.required ?? []) {
        if (record[member] === undefined || record[member] === null)
          found.push(
            `Value null at '${prefix}${member}' failed to satisfy constraint: Member must not be null`,
          );
      }
      if (shape.union) {
        const set = Object.keys(shape.members).filter((m) => record[m] !== undefined && record[m] !== null);
        if (set.length !== 1) found.push(at("must have exactly one member set"));
      }
      for (const [member, memberShape] of Object.entries(shape.members)) {
        const memberValue = record[member];
        if (memberValue === undefined || memberValue === null) continue;
        found.push(...violations(memberShape, memberValue, `${prefix}${member}`));
      }
      return found;
    }
  }
}

/** Throws Bedrock's ValidationException, listing every broken constraint, when `value` breaks its shape. */
export function requireShape(name: ShapeName, value: unknown): void {
  const found = violations(name, value);
  if (found.length === 0) return;
  const count = `${found.length} validation error${found.length > 1 ? "s" : ""} detected`;
  throw validation(`${count}: ${found.join("; ")}`);
}
