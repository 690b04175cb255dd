import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { ServiceName } from "@recap/shared";
import ts from "typescript";

/**
 * Which IAM actions a service's code can actually use, read from the SDK commands it constructs, so a grant
 * nobody sends fails iam.test.ts. Commands in `@recap/shared` count for a service only where the service
 * names the exported function that (directly or through the module's own helpers) constructs them.
 */

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/**
 * The IAM actions each SDK command is authorized by (the Service Authorization Reference). A command not
 * listed here fails the scan: map it before it ships, so its grant is decided on purpose.
 */
export const ACTIONS_OF_COMMAND: Readonly<Record<string, readonly string[]>> = {
  GetObjectCommand: ["s3:GetObject"],
  // S3 authorizes HEAD as a GET.
  HeadObjectCommand: ["s3:GetObject"],
  PutObjectCommand: ["s3:PutObject"],
  ListObjectsV2Command: ["s3:ListBucket"],
  // Every step of a multipart upload is authorized as s3:PutObject, except aborting one.
  CreateMultipartUploadCommand: ["s3:PutObject"],
  UploadPartCommand: ["s3:PutObject"],
  CompleteMultipartUploadCommand: ["s3:PutObject"],
  AbortMultipartUploadCommand: ["s3:AbortMultipartUpload"],
  // @aws-sdk/lib-storage's Upload: a PutObject or a multipart upload, aborted if it fails.
  Upload: ["s3:PutObject", "s3:AbortMultipartUpload"],
  PublishBatchCommand: ["sns:Publish"],
  SendMessageCommand: ["sqs:SendMessage"],
  // @aws-sdk/lib-dynamodb's document commands.
  GetCommand: ["dynamodb:GetItem"],
  BatchGetCommand: ["dynamodb:BatchGetItem"],
  PutCommand: ["dynamodb:PutItem"],
  UpdateCommand: ["dynamodb:UpdateItem"],
  QueryCommand: ["dynamodb:Query"],
  // Creating a job hands Bedrock the batch role: IAM checks iam:PassRole on it.
  CreateModelInvocationJobCommand: ["bedrock:CreateModelInvocationJob", "iam:PassRole"],
  GetModelInvocationJobCommand: ["bedrock:GetModelInvocationJob"],
  ListModelInvocationJobsCommand: ["bedrock:ListModelInvocationJobs"],
  StopModelInvocationJobCommand: ["bedrock:StopModelInvocationJob"],
  InvokeModelCommand: ["bedrock:InvokeModel"],
  // Converse has no action of its own: IAM authorizes it as InvokeModel.
  ConverseCommand: ["bedrock:InvokeModel"],
  ListServiceQuotasCommand: ["servicequotas:ListServiceQuotas"],
};

const isCommand = (name: string) => name.endsWith("Command") || name === "Upload";

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".ts") && !file.endsWith(".test.ts"))
    .map((file) => path.join(dir, file));
}

/** Names a top-level statement declares: functions, classes and each variable of a declaration list. */
function declaredNames(statement: ts.Statement): string[] {
  if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) && statement.name)
    return [statement.name.text];
  if (ts.isVariableStatement(statement))
    return statement.declarationList.declarations.flatMap((d) =>
      ts.isIdentifier(d.name) ? [d.name.text] : [],
    );
  return [];
}

const isExported = (statement: ts.Statement) =>
  ts.canHaveModifiers(statement) &&
  (ts.getModifiers(statement) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);

/** The commands constructed and the identifiers named anywhere under `node`. */
function scan(node: ts.Node): { commands: Set<string>; identifiers: Set<string> } {
  const commands = new Set<string>();
  const identifiers = new Set<string>();
  const visit = (child: ts.Node) => {
    if (ts.isNewExpression(child) && ts.isIdentifier(child.expression) && isCommand(child.expression.text))
      commands.add(child.expression.text);
    if (ts.isIdentifier(child)) identifiers.add(child.text);
    ts.forEachChild(child, visit);
  };
  visit(node);
  return { commands, identifiers };
}

const parse = (file: string) =>
  ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);

/** For each function `@recap/shared` exports: the commands it constructs, through the module's own helpers too. */
function sharedCommandsByExport(): Map<string, Set<string>> {
  const byExport = new Map<string, Set<string>>();
  for (const file of sourceFiles(path.join(ROOT, "shared/src"))) {
    const declarations = parse(file).statements.flatMap((statement) =>
      declaredNames(statement).map((name) => ({ name, exported: isExported(statement), ...scan(statement) })),
    );
    const byName = new Map(declarations.map((d) => [d.name, d]));
    const reach = (name: string, seen: Set<string>): Set<string> => {
      const declaration = byName.get(name);
      if (!declaration || seen.has(name)) return new Set();
      seen.add(name);
      const commands = new Set(declaration.commands);
      for (const identifier of declaration.identifiers)
        if (identifier !== name) for (const command of reach(identifier, seen)) commands.add(command);
      return commands;
    };
    for (const declaration of declarations) {
      const commands = declaration.exported ? reach(declaration.name, new Set()) : new Set<string>();
      if (commands.size > 0) byExport.set(declaration.name, commands);
    }
  }
  return byExport;
}

let sharedCommands: Map<string, Set<string>> | undefined;

/** Every SDK command a service's code constructs, its own or through a shared function it calls. */
export function commandsOf(service: ServiceName): string[] {
  sharedCommands ??= sharedCommandsByExport();
  const shared = sharedCommands;
  const commands = new Set<string>();
  for (const file of sourceFiles(path.join(ROOT, "services", service, "src"))) {
    const found = scan(parse(file));
    for (const command of found.commands) commands.add(command);
    for (const identifier of found.identifiers)
      for (const command of shared.get(identifier) ?? []) commands.add(command);
  }
  return [...commands].sort();
}

/** The IAM actions the service's commands need. */
export function actionsUsedBy(service: ServiceName): string[] {
  const actions = commandsOf(service).flatMap((command) => {
    const mapped = ACTIONS_OF_COMMAND[command];
    if (!mapped) throw new Error(`${service} sends ${command}: add its IAM actions to ACTIONS_OF_COMMAND`);
    return mapped;
  });
  return [...new Set(actions)].sort();
}
