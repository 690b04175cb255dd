import { Command, CommanderError } from "commander";
import { describe, expect, test } from "vitest";
import { type DevOptions, registerDev, serviceQuotasOptions } from "./dev.ts";

/** `recap dev`'s options as commander parses them from `args`, without starting anything. */
async function parseDev(...args: string[]): Promise<DevOptions> {
  const program = new Command().exitOverride().configureOutput({ writeErr: () => {}, writeOut: () => {} });
  registerDev(program);
  let parsed: DevOptions | undefined;
  program.commands
    .find((c) => c.name() === "dev")
    ?.action((values: DevOptions) => {
      parsed = values;
    });
  await program.parseAsync(["dev", ...args], { from: "user" });
  if (!parsed) throw new Error("recap dev's action did not run");
  return parsed;
}

describe("recap dev --service-quotas-endpoint", () => {
  test("names the endpoint every service reads; the stack then starts no Service Quotas of its own", async () => {
    const values = await parseDev(
      "--service-quotas-endpoint",
      "https://servicequotas.us-east-1.amazonaws.com",
    );
    expect(serviceQuotasOptions(values)).toEqual({
      serviceQuotasEndpoint: "https://servicequotas.us-east-1.amazonaws.com",
    });
  });

  test("without it, the local Service Quotas listens on --service-quotas-port, 4569 by default", async () => {
    expect(serviceQuotasOptions(await parseDev())).toEqual({ serviceQuotasPort: 4569 });
    expect(serviceQuotasOptions(await parseDev("--service-quotas-port", "0"))).toEqual({
      serviceQuotasPort: 0,
    });
  });

  test("anything but an http(s) URL is a usage error naming the option", async () => {
    const refused = parseDev("--service-quotas-endpoint", "servicequotas.us-east-1.amazonaws.com");
    await expect(refused).rejects.toBeInstanceOf(CommanderError);
    await expect(refused).rejects.toMatchObject({
      code: "commander.invalidArgument",
      message: expect.stringContaining("--service-quotas-endpoint"),
    });
  });
});
