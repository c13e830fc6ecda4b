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

/** The messages people will receive: samples, help reply and opt-in confirmation. */
export function messageTexts(compliance: Compliance): PathText[] {
  const { useCase, optIn, helpMessage } = compliance;
  return [
    ...useCase.messageSamples.map((text, i) => ({ path: `${C}.useCase.messageSamples[${i}]`, text })),
    ...(helpMessage !== undefined ? [{ path: `${C}.helpMessage`, text: helpMessage }] : []),
    ...(optIn.confirmationMessage !== undefined
      ? [{ path: `${C}.optIn.confirmationMessage`, text: optIn.confirmationMessage }]
      : []),
  ];
}

/** Every free text a reviewer reads: the messages, names, summary and explanations. */
export function reviewedTexts(compliance: Compliance): PathText[] {
  const { business, useCase, optIn } = compliance;
  const optional = (path: string, text: string | undefined) =>
    text !== undefined ? [{ path, text }] : [];
  return [
    { path: `${C}.business.legalName`, text: business.legalName },
    ...optional(`${C}.business.doingBusinessAs`, business.doingBusinessAs),
    { path: `${C}.useCase.summary`, text: useCase.summary },
    ...messageTexts(compliance),
    ...optional(`${C}.useCase.additionalInformation`, useCase.additionalInformation),
    ...optional(`${C}.optIn.verbalScript`, optIn.verbalScript),
    ...(optIn.keywords ?? []).map((text, i) => ({ path: `${C}.optIn.keywords[${i}]`, text })),
  ];
}
