/**
 * Where the stack is deployed. ARN patterns in trust and queue policies are built from these, so a
 * policy never trusts "any account" or "any region" by accident.
 */
export const accountId = aws.getCallerIdentityOutput().accountId;
export const region = aws.getRegionOutput().region;
export const partition = aws.getPartitionOutput().partition;
