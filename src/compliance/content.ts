/**
 * Keywords of content categories that Twilio does not allow on toll-free numbers. A verification
 * rejected for one of them is final: Twilio marks these rejection codes as not resubmittable
 * (see {@link REJECTION_CODES}), so catching them before submission saves a wasted review.
 * Data only, no YAML knowledge: the Twilio emulator's auto-review runs it on wire payloads.
 *
 * Known shortcoming: this is a keyword list, not a classifier. It misses paraphrases and can flag
 * an innocent use of a word (a "gun" in a "glue gun"); the list stays conservative (multi-word
 * phrases where one word is ambiguous) to keep false alarms rare.
 */

/** One disallowed-content hit: the keyword as found, its Twilio rejection code and category. */
export interface DisallowedContent {
  keyword: string;
  code: number;
  category: string;
}

interface Category {
  code: number;
  category: string;
  keywords: string[];
}

// Codes and category titles from Twilio's rejection table ("Disallowed - SHAFT - …",
// "Disallowed: …"), twilio-reference.md section 2.
const CATEGORIES: readonly Category[] = [
  { code: 30441, category: "SHAFT: sex", keywords: ["porn", "pornography", "xxx", "escort",
    "escorts", "adult entertainment", "adult content", "sexting", "camgirl"] },
  { code: 30443, category: "loan marketing", keywords: ["payday loan", "payday loans",
    "cash advance", "title loan", "personal loan", "personal loans", "quick loan",
    "loan approval", "pre-approved loan", "loan offer", "loan offers"] },
  { code: 30455, category: "SHAFT: hate", keywords: ["hate speech", "white power",
    "racial supremacy"] },
  { code: 30456, category: "SHAFT: alcohol", keywords: ["beer", "wine", "liquor", "vodka",
    "whiskey", "whisky", "tequila", "happy hour", "brewery", "cocktails"] },
  { code: 30457, category: "SHAFT: firearms", keywords: ["firearm", "firearms", "gun", "guns",
    "rifle", "rifles", "handgun", "ammo", "ammunition", "gun show"] },
  { code: 30458, category: "SHAFT: tobacco and vape", keywords: ["tobacco", "cigarette",
    "cigarettes", "cigar", "cigars", "vape", "vapes", "vaping", "e-cigarette", "e-cig",
    "hookah", "nicotine"] },
  { code: 30459, category: "SHAFT: cannabis and CBD", keywords: ["cannabis", "cbd",
    "marijuana", "thc", "dispensary", "hemp"] },
  { code: 30460, category: "third-party debt collection", keywords: ["debt collection",
    "debt collector", "collection agency"] },
  { code: 30461, category: "gambling", keywords: ["gambling", "casino", "betting", "sportsbook",
    "poker", "slot machine", "slot machines", "wager", "jackpot"] },
  { code: 30462, category: "sweepstakes", keywords: ["sweepstakes", "sweepstake",
    "prize draw"] },
  { code: 30463, category: "stock alerts", keywords: ["stock alert", "stock alerts",
    "stock tips", "stock picks", "penny stock", "penny stocks", "trading signals"] },
  { code: 30464, category: "cryptocurrency", keywords: ["crypto", "cryptocurrency",
    "cryptocurrencies", "bitcoin", "ethereum", "nft", "nfts", "token sale"] },
  { code: 30465, category: "high-risk investment", keywords: ["forex", "binary options",
    "get rich quick", "day trading", "guaranteed returns"] },
  { code: 30466, category: "debt reduction", keywords: ["debt relief", "debt reduction",
    "debt consolidation", "debt settlement", "debt forgiveness", "loan forgiveness"] },
  { code: 30467, category: "credit repair", keywords: ["credit repair", "repair your credit",
    "fix your credit", "credit restoration"] },
  { code: 30468, category: "third-party lead generation", keywords: ["lead generation",
    "leads for sale", "buy leads"] },
  { code: 30469, category: "illegal substances", keywords: ["kratom", "psilocybin",
    "magic mushrooms", "steroids"] },
];

interface Matcher extends Omit<DisallowedContent, "keyword"> {
  pattern: RegExp;
}

const MATCHERS: readonly Matcher[] = CATEGORIES.flatMap(({ code, category, keywords }) =>
  keywords.map((keyword) => ({ code, category, pattern: wholeWords(keyword) })),
);

/**
 * Every keyword in one pattern. Nearly every text mentions none, and one scan of a text costs
 * about as much as one keyword's scan, so the per-keyword scans run only after this one hits:
 * a file has about ten reviewed texts and there are over a hundred keywords.
 */
const ANY_KEYWORD = wholeWords(CATEGORIES.flatMap(({ keywords }) => keywords));

// Whole words only, so "gun" does not fire inside "begun" nor "wine" inside "winery".
function wholeWords(keywords: string | string[]): RegExp {
  const escaped = [keywords].flat().map((keyword) =>
    keyword.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/[ -]/g, "[\\s-]"));
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${escaped.join("|")})(?![\\p{L}\\p{N}])`, "iu");
}

/**
 * The disallowed-content keywords found in `text`, each with the Twilio rejection code of its
 * category, in the order of the category table; a keyword is reported once as written in the
 * text.
 */
export function findDisallowedContent(text: string): DisallowedContent[] {
  const found: DisallowedContent[] = [];
  if (!ANY_KEYWORD.test(text)) return found;
  for (const { pattern, code, category } of MATCHERS) {
    const match = pattern.exec(text);
    if (match) found.push({ keyword: match[0], code, category });
  }
  return found;
}
