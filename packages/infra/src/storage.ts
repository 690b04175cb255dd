import { type Prefix, prefixes } from "@recap/shared/topology";

const prefixNames = Object.keys(prefixes) as Prefix[];

/** Prefixes that hold intermediate data: each gets a lifecycle rule that expires it. */
export const expiringPrefixes = prefixNames.flatMap((prefix) => {
  const days: number | undefined = prefixes[prefix].expireAfterDays;
  return days === undefined ? [] : [{ prefix, days }];
});

/**
 * The one bucket every stage reads and writes (`Store` in the topology). The component is `StoreBucket`
 * because `Store` is the name of the property-only link in links.ts. SST already blocks public access and
 * denies plain-HTTP requests.
 */
export const bucket = new sst.aws.Bucket("StoreBucket", {
  lifecycle: expiringPrefixes.map(({ prefix, days }) => ({
    id: `expire-${prefix.replace(/\/$/, "")}`,
    prefix,
    expiresIn: `${days} days` as const,
  })),
  transform: {
    // Never let a deploy empty a stage whose data is retained.
    bucket: { forceDestroy: $app.removal === "remove" },
  },
});

/**
 * SSE-S3 (AES256) rather than KMS: Bedrock's batch role and every function can use it without key grants.
 * S3 encrypts new objects this way by default; declaring it keeps it from being changed out of band.
 */
export const encryption = new aws.s3.BucketServerSideEncryptionConfiguration("StoreBucketEncryption", {
  bucket: bucket.name,
  rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }],
});

/** `arn:…:bucket/<prefix>*`: the objects under one prefix, for IAM resources. */
export const objectsUnder = (prefix: Prefix) => $interpolate`${bucket.arn}/${prefix}*`;
