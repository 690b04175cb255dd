import { storeLifecycleRules } from "@recap/shared/lifecycle";
import type { Prefix } from "@recap/shared/topology";

/**
 * The one bucket every stage reads and writes (`Store` in the topology). The component is `StoreBucket`
 * because `Store` is the name of the property-only link in links.ts. SST already blocks public access and
 * denies plain-HTTP requests.
 */
export const bucket = new sst.aws.Bucket("StoreBucket", {
  // Intermediate prefixes expire; `recap dev` gives its emulated bucket the same rules.
  lifecycle: storeLifecycleRules.map(({ id, prefix, days }) => ({
    id,
    prefix,
    expiresIn: `${days} days` as const,
  })),
  // SST opens CORS to every origin by default; nothing of Recap's runs in a browser, so the bucket answers none.
  cors: false,
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
