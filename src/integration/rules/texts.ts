import type { Compliance } from "../schema";

/** A piece of free text in the verification and where it sits. */
export interface PathText {
  path: string;
  text: string;
}

const C = "spec.compliance";

/**
 * `compute`, remembering its result for the last compliance it was given. The rules of one
 * integration run back to back, so rules that read the same texts share one computation, and
 * nothing is held for the integrations already checked.
 */
export function rememberLast<T>(compute: (compliance: Compliance) => T,
): (compliance: Compliance) => T {
  let last: { compliance: Compliance; result: T } | undefined;
  return (compliance) => {
    if (last?.compliance !== compliance) last = { compliance, result: compute(compliance) };
    return last.result;
  };
}

/** `${prefix}[${i}]`, built once per index: every file has its samples at the same paths. */
function indexedPaths(prefix: string): (index: number) => string {
  const paths: string[] = [];
  return (index) => (paths[index] ??= `${prefix}[${index}]`);
}

const samplePath = indexedPaths(`${C}.useCase.messageSamples`);
const keywordPath = indexedPaths(`${C}.optIn.keywords`);

/** The sample messages, each with its path. */
export const sampleTexts = rememberLast((compliance: Compliance): readonly PathText[] =>
  compliance.useCase.messageSamples.map((text, i) => ({ path: samplePath(i), text })));

/** The messages people will receive: samples, help reply and opt-in confirmation. */
export const messageTexts = rememberLast((compliance: Compliance): readonly PathText[] => {
  const { optIn, helpMessage } = compliance;
  return [
    ...sampleTexts(compliance),
    ...optional(`${C}.helpMessage`, helpMessage),
    ...optional(`${C}.optIn.confirmationMessage`, optIn.confirmationMessage),
  ];
});

/** Every free text a reviewer reads: the messages, names, summary and explanations. */
export const reviewedTexts = rememberLast((compliance: Compliance): readonly PathText[] => {
  const { business, useCase, optIn } = compliance;
  return [
    { path: `${C}.business.legalName`, text: business.legalName },
    ...optional(`${C}.business.doingBusinessAs`, business.doingBusinessAs),
    { path: `${C}.useCase.summary`, text: useCase.summary },
    ...messageTexts(compliance),
    ...optional(`${C}.useCase.additionalInformation`, useCase.additionalInformation),
    ...optional(`${C}.optIn.verbalScript`, optIn.verbalScript),
    ...(optIn.keywords ?? []).map((text, i) => ({ path: keywordPath(i), text })),
  ];
});

function optional(path: string, text: string | undefined): PathText[] {
  return text !== undefined ? [{ path, text }] : [];
}
