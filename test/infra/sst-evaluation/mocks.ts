import { createHash } from "node:crypto";

/**
 * What Pulumi's engine and the AWS provider would answer, for `runtime.setMocks`: each resource's
 * outputs (its inputs plus the names and ARNs AWS would assign) and the four lookups SST and the
 * infra make. A lookup not answered here throws, so a new one is noticed rather than read as empty.
 */

export const ACCOUNT = "123456789012";
export const REGION = "eu-west-1";
export const PARTITION = "aws";

export interface Registration {
  /** Pulumi type token, e.g. `aws:sqs/queue:Queue`, or a component's, e.g. `sst:aws:Queue`. */
  readonly type: string;
  /** Logical name, as SST names it (`<Component><Child>`). */
  readonly name: string;
  /** A provider resource (custom) or a component. */
  readonly custom: boolean;
  /** The inputs the provider would receive, every Output resolved. */
  readonly inputs: Record<string, unknown>;
  /** What the mock answered: the inputs plus the attributes AWS assigns. */
  readonly state: Record<string, unknown>;
  /** Set for a read of an existing resource (`<Resource>.get`): the id it was read by. */
  readonly readId?: string;
}

interface ResourceArgs {
  type: string;
  name: string;
  inputs: Record<string, unknown>;
  custom?: boolean;
  id?: string;
}

/** A stable substitute for the name Pulumi would generate: readable, and the same in every run. */
export function physicalName(type: string, name: string): string {
  return type.startsWith("aws:s3/") ? `${name.toLowerCase()}-physical` : `${name}-physical`;
}

/**
 * The attributes AWS assigns, by resource type: from the name given, else the physical name. A read of
 * an existing resource (`EventBus.get(name, id)`) has the name its id says, whatever the inputs carry.
 */
function assigned(
  type: string,
  physical: string,
  inputs: Record<string, unknown>,
  readId: string | undefined,
): Record<string, unknown> {
  const name = readId ?? (typeof inputs.name === "string" ? inputs.name : physical);
  switch (type) {
    case "aws:sqs/queue:Queue":
      return {
        name,
        arn: `arn:${PARTITION}:sqs:${REGION}:${ACCOUNT}:${name}`,
        url: `https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/${name}`,
        id: `https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/${name}`,
      };
    case "aws:sns/topic:Topic":
      return { name, arn: `arn:${PARTITION}:sns:${REGION}:${ACCOUNT}:${name}` };
    case "aws:s3/bucket:Bucket":
    case "aws:s3/bucketV2:BucketV2": {
      const bucket = typeof inputs.bucket === "string" ? inputs.bucket : physical;
      return { bucket, id: bucket, arn: `arn:${PARTITION}:s3:::${bucket}` };
    }
    case "aws:dynamodb/table:Table":
      return { name, id: name, arn: `arn:${PARTITION}:dynamodb:${REGION}:${ACCOUNT}:table/${name}` };
    case "aws:iam/role:Role":
      return { name, id: name, arn: `arn:${PARTITION}:iam::${ACCOUNT}:role/${name}` };
    case "aws:lambda/function:Function": {
      const arn = `arn:${PARTITION}:lambda:${REGION}:${ACCOUNT}:function:${name}`;
      return { name, id: name, arn, qualifiedArn: `${arn}:$LATEST`, invokeArn: arn };
    }
    case "aws:cloudwatch/eventRule:EventRule": {
      const bus = inputs.eventBusName;
      const path = typeof bus === "string" && bus !== "default" ? `${bus}/${name}` : name;
      return { name, id: name, arn: `arn:${PARTITION}:events:${REGION}:${ACCOUNT}:rule/${path}` };
    }
    case "aws:cloudwatch/eventBus:EventBus":
      return { name, id: name, arn: `arn:${PARTITION}:events:${REGION}:${ACCOUNT}:event-bus/${name}` };
    case "aws:cloudwatch/logGroup:LogGroup":
      return { name, id: name, arn: `arn:${PARTITION}:logs:${REGION}:${ACCOUNT}:log-group:${name}` };
    case "random:index/randomBytes:RandomBytes": {
      const bytes = createHash("sha256")
        .update(physical)
        .digest()
        .subarray(0, Number(inputs.length ?? 32));
      return { base64: bytes.toString("base64"), hex: bytes.toString("hex") };
    }
    default:
      return { id: physical };
  }
}

interface PolicyStatementArgs {
  sid?: string;
  effect?: string;
  actions?: string[];
  notActions?: string[];
  resources?: string[];
  notResources?: string[];
  principals?: { type: string; identifiers: string[] }[];
  notPrincipals?: { type: string; identifiers: string[] }[];
  conditions?: { test: string; variable: string; values: string[] }[];
}

/** IAM JSON writes a one-element list as its element, as the provider's policy document does. */
const single = (values: string[]) => (values.length === 1 ? values[0] : values);

function principalsJson(principals: { type: string; identifiers: string[] }[]) {
  if (principals.length === 1 && principals[0]?.type === "*") return "*";
  const byType = new Map<string, string[]>();
  for (const { type, identifiers } of principals)
    byType.set(type, [...(byType.get(type) ?? []), ...identifiers]);
  return Object.fromEntries([...byType].map(([type, identifiers]) => [type, single(identifiers)]));
}

/**
 * `aws.iam.getPolicyDocument`, as the AWS provider renders it: Version 2012-10-17, Effect defaulting to
 * Allow, one-element lists as strings, conditions grouped by operator then key. Order is kept as given;
 * IAM treats actions, resources and principals as sets, and the tests compare them as sets.
 */
export function renderPolicyDocument(args: { statements?: PolicyStatementArgs[]; version?: string }): string {
  const statements = (args.statements ?? []).map((s) => {
    const conditions: Record<string, Record<string, string | string[] | undefined>> = {};
    for (const { test, variable, values } of s.conditions ?? [])
      conditions[test] = { ...conditions[test], [variable]: single(values) };
    return Object.fromEntries(
      Object.entries({
        Sid: s.sid || undefined,
        Effect: s.effect ?? "Allow",
        Action: s.actions?.length ? single(s.actions) : undefined,
        NotAction: s.notActions?.length ? single(s.notActions) : undefined,
        Resource: s.resources?.length ? single(s.resources) : undefined,
        NotResource: s.notResources?.length ? single(s.notResources) : undefined,
        Principal: s.principals?.length ? principalsJson(s.principals) : undefined,
        NotPrincipal: s.notPrincipals?.length ? principalsJson(s.notPrincipals) : undefined,
        Condition: Object.keys(conditions).length > 0 ? conditions : undefined,
      }).filter(([, value]) => value !== undefined),
    );
  });
  return JSON.stringify({ Version: args.version ?? "2012-10-17", Statement: statements }, null, 2);
}

export class LookupNotMockedError extends Error {
  constructor(token: string) {
    super(`${token} is not answered by the evaluation's mocks: add it to mocks.ts on purpose`);
    this.name = "LookupNotMockedError";
  }
}

/** Answers a provider function call (a data source) by its token. */
export function answerLookup(token: string, inputs: Record<string, unknown>): Record<string, unknown> {
  switch (token) {
    case "aws:index/getCallerIdentity:getCallerIdentity":
      return {
        accountId: ACCOUNT,
        arn: `arn:${PARTITION}:iam::${ACCOUNT}:user/recap-infra-test`,
        userId: "AIDARECAPINFRATEST",
        id: ACCOUNT,
      };
    case "aws:index/getRegion:getRegion":
      return { name: REGION, region: REGION, id: REGION, endpoint: `ec2.${REGION}.amazonaws.com` };
    case "aws:index/getPartition:getPartition":
      return {
        partition: PARTITION,
        id: PARTITION,
        dnsSuffix: "amazonaws.com",
        reverseDnsPrefix: "com.amazonaws",
      };
    case "aws:iam/getPolicyDocument:getPolicyDocument": {
      const json = renderPolicyDocument(inputs as { statements?: PolicyStatementArgs[] });
      return { ...inputs, json, minifiedJson: JSON.stringify(JSON.parse(json)), id: "policy" };
    }
    default:
      throw new LookupNotMockedError(token);
  }
}

/** The mocks handed to `runtime.setMocks`, recording every registration in `registrations`. */
export function recordingMocks(registrations: Registration[]) {
  return {
    newResource(args: ResourceArgs) {
      const physical = physicalName(args.type, args.name);
      const readId = args.id || undefined;
      const state = {
        ...args.inputs,
        ...(args.custom === false ? {} : assigned(args.type, physical, args.inputs, readId)),
      };
      registrations.push({
        type: args.type,
        name: args.name,
        custom: args.custom !== false,
        inputs: args.inputs,
        state,
        ...(readId ? { readId } : {}),
      });
      const id = typeof state.id === "string" ? state.id : `${physical}-id`;
      return { id: args.custom === false ? undefined : id, state };
    },
    call(args: { token: string; inputs: Record<string, unknown> }) {
      return answerLookup(args.token, args.inputs);
    },
  };
}

/**
 * A URN as Pulumi's engine writes it: the parent's qualified type chain, `$`-joined, before the type, and
 * nothing for the root stack. Pulumi's mock monitor prefixes only the immediate parent and keeps the stack,
 * and SST reads a link's type from its URN, so without this every link would claim a type SST never writes.
 */
export function engineUrn(stack: string, project: string) {
  return (parent: string | undefined, type: string, name: string): string => {
    const parentType = parent?.split("::")[2];
    const qualified = parentType && parentType !== "pulumi:pulumi:Stack" ? `${parentType}$${type}` : type;
    return `urn:pulumi:${stack}::${project}::${qualified}::${name}`;
  };
}
