import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";

/**
 * A DynamoDB write with a condition: true if it applied, false if its condition failed. The stateful stages
 * decide "who owns this step" by such writes, so losing the race is an answer, not an error.
 */
export async function conditional(write: Promise<unknown>): Promise<boolean> {
  try {
    await write;
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}
