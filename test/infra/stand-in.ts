import { fileURLToPath } from "node:url";
import { vi } from "vitest";

/**
 * A recording stand-in for the globals SST gives `sst.config.ts` (`sst`, `aws`, `$app`, `$interpolate`, …).
 * Each fake records what it is asked to build and mimics only what SST itself does on the way (the
 * subscription transform, the queue policies its subscribers write), so the tests read the resource
 * graph the real platform would receive. Anything the infra uses that is not faked here throws.
 */

export const ACCOUNT = "123456789012";
export const REGION = "eu-west-1";
export const PARTITION = "aws";

/** Like a Pulumi Output: holds a value, maps it with apply, and refuses to be used as a string. */
export class FakeOutput<T = unknown> {
  readonly value: T;
  constructor(value: T) {
    this.value = value;
  }
  apply<U>(fn: (value: T) => U): FakeOutput<unknown> {
    return out(fn(this.value));
  }
  toString(): string {
    return "<unresolved Output: use $interpolate>";
  }
}

export function out<T>(value: T): FakeOutput<unknown> {
  return value instanceof FakeOutput ? value : new FakeOutput(resolve(value));
}

/** Deeply unwraps outputs inside arrays and plain objects; component instances are kept as they are. */
export function resolve(value: unknown): unknown {
  if (value instanceof FakeOutput) return resolve(value.value);
  if (Array.isArray(value)) return value.map(resolve);
  if (value !== null && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, resolve(item)]));
  }
  return value;
}

export type Args = Record<string, unknown>;

export interface Created {
  readonly type: string;
  readonly name: string;
  readonly args: Args;
  readonly instance: object;
}

export interface Called {
  readonly type: string;
  /** Component name of the receiver. */
  readonly on: string;
  readonly method: string;
  readonly args: readonly unknown[];
}

export class Recording {
  readonly resources: Created[] = [];
  readonly calls: Called[] = [];
  readonly transforms = new Map<unknown, ((args: Args, opts: unknown, name: string) => void)[]>();

  ofType(type: string): Created[] {
    return this.resources.filter((resource) => resource.type === type);
  }

  one(type: string, name: string): Created {
    const found = this.resources.filter((resource) => resource.type === type && resource.name === name);
    if (found.length !== 1) throw new Error(`expected one ${type} "${name}", found ${found.length}`);
    return found[0] as Created;
  }

  callsOf(type: string, method: string): Called[] {
    return this.calls.filter((call) => call.type === type && call.method === method);
  }
}

/** SST's own `transform()` helper: a function mutates the args, an object is merged over them. */
function applyTransform(transform: unknown, name: string, args: Args): Args {
  if (typeof transform === "function") {
    transform(args, {}, name);
    return args;
  }
  return { ...args, ...(transform as Args | undefined) };
}

/** SST's `toSeconds` for the durations the infra passes: `"<n> second(s)"` or `"<n> minute(s)"`. */
function toSeconds(duration: string): number {
  const match = /^(\d+) (second|minute)s?$/.exec(duration);
  if (!match) throw new Error(`unexpected duration "${duration}"`);
  return Number(match[1]) * (match[2] === "minute" ? 60 : 1);
}

export interface StandInOptions {
  stage?: string;
}

/** Builds the fake globals around a fresh recording. */
export function standIn(options: StandInOptions = {}) {
  const stage = options.stage ?? "dev";
  const recording = new Recording();

  function resource(type: string, arn: (name: string) => string) {
    return class {
      readonly arn: FakeOutput;
      readonly name: FakeOutput;
      readonly id: FakeOutput;
      constructor(name: string, args: Args = {}, _opts?: unknown) {
        // Pulumi stack transformations ($transform on a provider class) run before registration.
        for (const transform of recording.transforms.get(new.target) ?? []) transform(args, {}, name);
        recording.resources.push({ type, name, args, instance: this });
        this.arn = out(arn(name));
        this.name = out(`${name.toLowerCase()}-physical`);
        this.id = this.name;
      }
    };
  }

  const aws = {
    s3: {
      BucketServerSideEncryptionConfiguration: resource(
        "aws.s3.BucketServerSideEncryptionConfiguration",
        (n) => `arn:fake:${n}`,
      ),
    },
    iam: {
      Role: resource("aws.iam.Role", (n) => `arn:aws:iam::${ACCOUNT}:role/${n}-physical`),
      RolePolicy: resource("aws.iam.RolePolicy", (n) => `arn:fake:${n}`),
    },
    sqs: { QueuePolicy: resource("aws.sqs.QueuePolicy", (n) => `arn:fake:${n}`) },
    sns: { TopicSubscription: resource("aws.sns.TopicSubscription", (n) => `arn:fake:${n}`) },
    lambda: { EventSourceMapping: resource("aws.lambda.EventSourceMapping", (n) => `arn:fake:${n}`) },
    cloudwatch: {
      EventRule: resource("aws.cloudwatch.EventRule", (n) => `arn:aws:events:${REGION}:${ACCOUNT}:rule/${n}`),
      EventTarget: resource("aws.cloudwatch.EventTarget", (n) => `arn:fake:${n}`),
    },
    getCallerIdentityOutput: () => ({ accountId: out(ACCOUNT) }),
    getRegionOutput: () => ({ region: out(REGION) }),
    getPartitionOutput: () => ({ partition: out(PARTITION) }),
  };

  class Component {
    readonly componentName: string;
    constructor(type: string, name: string, args: Args) {
      this.componentName = name;
      recording.resources.push({ type, name, args, instance: this });
    }
    protected call(type: string, method: string, args: unknown[]) {
      recording.calls.push({ type, on: this.componentName, method, args });
    }
  }

  class Queue extends Component {
    readonly arn: FakeOutput;
    readonly url: FakeOutput;
    private subscribed = false;
    constructor(name: string, args: Args = {}) {
      super("sst.aws.Queue", name, args);
      this.arn = out(`arn:aws:sqs:${REGION}:${ACCOUNT}:${name}-physical`);
      this.url = out(`https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/${name}-physical`);
    }
    subscribe(subscriber: unknown, args: Args = {}) {
      // As SST: an SQS queue has exactly one consumer.
      if (this.subscribed) throw new Error(`Cannot subscribe to the "${this.componentName}" queue twice`);
      this.subscribed = true;
      this.call("sst.aws.Queue", "subscribe", [subscriber, args]);
      // As SST's QueueLambdaSubscriber: the event source mapping from `batch`, then the caller's transform.
      const prefix = `${this.componentName}Subscriber`;
      const batch = resolve(args.batch) as
        | { size?: number; window?: string; partialResponses?: boolean }
        | undefined;
      const base = {
        functionResponseTypes: batch?.partialResponses ? ["ReportBatchItemFailures"] : [],
        batchSize: batch?.size ?? 10,
        maximumBatchingWindowInSeconds: batch?.window ? toSeconds(batch.window) : 0,
        eventSourceArn: this.arn,
        functionName: out(`arn:aws:lambda:${REGION}:${ACCOUNT}:function:${prefix}Function-physical`),
      };
      const transform = (args.transform as { eventSourceMapping?: unknown } | undefined)?.eventSourceMapping;
      const mappingName = `${prefix}EventSourceMapping`;
      new aws.lambda.EventSourceMapping(mappingName, applyTransform(transform, mappingName, base));
      return out({});
    }
    /** The policy SST writes for every topic, bus and bucket subscriber of a queue. */
    static createPolicy(name: string, arn: FakeOutput) {
      return new aws.sqs.QueuePolicy(name, {
        queueUrl: arn,
        policy: $jsonStringify({
          Version: "2012-10-17",
          Statement: [
            {
              Effect: "Allow",
              Action: "sqs:SendMessage",
              Resource: arn,
              Principal: { Service: ["sns.amazonaws.com", "s3.amazonaws.com", "events.amazonaws.com"] },
            },
          ],
        }),
      });
    }
  }

  class SnsTopic extends Component {
    readonly arn: FakeOutput;
    readonly name: FakeOutput;
    constructor(name: string, args: Args = {}) {
      super("sst.aws.SnsTopic", name, args);
      this.arn = out(`arn:aws:sns:${REGION}:${ACCOUNT}:${name}-physical`);
      this.name = out(`${name}-physical`);
    }
    subscribeQueue(name: string, queue: unknown, args: Args = {}) {
      // SST treats anything but a Queue or a string as the older (queue, args) signature.
      if (!(queue instanceof Queue)) throw new Error("subscribeQueue(name, queue, args) expects a Queue");
      this.call("sst.aws.SnsTopic", "subscribeQueue", [name, queue, args]);
      const prefix = `${this.componentName}Subscriber${name}`;
      Queue.createPolicy(`${prefix}Policy`, queue.arn);
      const transform = (args.transform as { subscription?: unknown } | undefined)?.subscription;
      const base = {
        topic: this.arn,
        protocol: "sqs",
        endpoint: queue.arn,
        filterPolicy: args.filter === undefined ? undefined : $jsonStringify(args.filter),
      };
      const subscriptionName = `${prefix}Subscription`;
      new aws.sns.TopicSubscription(subscriptionName, applyTransform(transform, subscriptionName, base));
      return out({});
    }
  }

  class Bus extends Component {
    readonly arn: FakeOutput;
    readonly name: FakeOutput;
    readonly busName: string;
    constructor(name: string, busName: string) {
      super("sst.aws.Bus", name, { ref: true, busName });
      this.busName = busName;
      this.arn = out(`arn:aws:events:${REGION}:${ACCOUNT}:event-bus/${busName}`);
      this.name = out(busName);
    }
    static get(name: string, busName: string) {
      return new Bus(name, busName);
    }
    subscribeQueue(name: string, queue: unknown, args: Args = {}) {
      if (!(queue instanceof Queue)) throw new Error("Bus.subscribeQueue expects a Queue");
      this.call("sst.aws.Bus", "subscribeQueue", [name, queue, args]);
      const prefix = `${this.componentName}Subscriber${name}`;
      Queue.createPolicy(`${prefix}Policy`, queue.arn);
      const pattern = resolve(args.pattern) as { source?: unknown; detailType?: unknown; detail?: unknown };
      const rule = new aws.cloudwatch.EventRule(`${prefix}Rule`, {
        eventBusName: this.name,
        eventPattern: JSON.stringify({
          "detail-type": pattern.detailType,
          source: pattern.source,
          detail: pattern.detail,
        }),
      });
      new aws.cloudwatch.EventTarget(`${prefix}Target`, {
        arn: queue.arn,
        rule: rule.name,
        eventBusName: this.name,
      });
      return out({});
    }
  }

  class Bucket extends Component {
    readonly arn: FakeOutput;
    readonly name: FakeOutput;
    constructor(name: string, args: Args = {}) {
      super("sst.aws.Bucket", name, args);
      this.arn = out(`arn:aws:s3:::${name.toLowerCase()}-physical`);
      this.name = out(`${name.toLowerCase()}-physical`);
    }
  }

  class Dynamo extends Component {
    readonly arn: FakeOutput;
    readonly name: FakeOutput;
    constructor(name: string, args: Args = {}) {
      super("sst.aws.Dynamo", name, args);
      this.arn = out(`arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/${name}-physical`);
      this.name = out(`${name}-physical`);
    }
  }

  class Linkable extends Component {
    readonly name: FakeOutput;
    readonly properties: Args;
    constructor(name: string, definition: { properties: Args; include?: unknown[] }) {
      super("sst.Linkable", name, definition);
      this.name = out(name);
      this.properties = definition.properties;
    }
  }

  function $interpolate(strings: TemplateStringsArray, ...values: unknown[]) {
    return out(
      strings.reduce((text, part, i) => {
        const value = i === 0 ? "" : resolve(values[i - 1]);
        if (typeof value === "object" && value !== null) throw new Error("$interpolate of a non-primitive");
        return `${text}${String(value)}${part}`;
      }, ""),
    );
  }

  function $jsonStringify(value: unknown) {
    return out(JSON.stringify(resolve(value)));
  }

  const globals = {
    sst: { aws: { Bucket, Bus, Dynamo, Queue, SnsTopic }, Linkable },
    aws,
    $app: { name: "recap", stage, removal: stage === "production" ? "retain" : "remove", protect: false },
    $config: (config: unknown) => config,
    $interpolate,
    $jsonStringify,
    $util: {
      all: (values: unknown[]) => out(values.map(resolve)),
      output: (value: unknown) => out(value),
    },
    $transform: (cls: unknown, cb: (args: Args, opts: unknown, name: string) => void) => {
      recording.transforms.set(cls, [...(recording.transforms.get(cls) ?? []), cb]);
    },
  };
  return { recording, globals, classes: { Queue, SnsTopic, Bus, Bucket, Dynamo, Linkable } };
}

export interface AppConfig {
  app(input: { stage: string }): { name: string; home: string; removal: string; protect?: boolean };
  run(): Promise<Record<string, unknown>>;
}

const CONFIG = fileURLToPath(new URL("../../sst.config.ts", import.meta.url));

/**
 * Installs the stand-in, evaluates `sst.config.ts` (and through it packages/infra) from fresh module
 * state, and returns what was built. The path is not a literal so the repo's tsc does not follow it into
 * code written against SST's globals.
 */
export async function buildInfra(options: StandInOptions = {}) {
  const stage = options.stage ?? "dev";
  const built = standIn({ stage });
  const previous = Object.fromEntries(
    Object.keys(built.globals).map((key) => [key, Reflect.get(globalThis, key)]),
  );
  Object.assign(globalThis, built.globals);
  try {
    vi.resetModules();
    const config = ((await import(CONFIG)) as { default: AppConfig }).default;
    const outputs = resolve(await config.run()) as Record<string, unknown>;
    return { ...built, config, outputs, stage };
  } finally {
    for (const [key, value] of Object.entries(previous)) {
      if (value === undefined) Reflect.deleteProperty(globalThis, key);
      else Reflect.set(globalThis, key, value);
    }
  }
}
