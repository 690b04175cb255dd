/// <reference path="./.sst/platform/config.d.ts" />

/**
 * Recap's AWS stack. Every resource is generated from shared/src/topology.ts by packages/infra; this
 * file only names the app and hands over to it.
 */
export default $config({
  app(input) {
    return {
      name: "recap",
      home: "aws",
      removal: input?.stage === "production" ? "retain" : "remove",
      protect: input?.stage === "production",
    };
  },
  async run() {
    const infra = await import("./packages/infra/src/index.ts");
    return infra.outputs();
  },
});
