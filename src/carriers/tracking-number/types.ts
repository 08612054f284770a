import type { CarrierId } from '../carrier-adapter.js';

/** Named groups of a format pattern's match. */
export type Groups = Readonly<Record<string, string | undefined>>;

/** What one format says about a number whose shape it matches. */
export interface FormatMatch {
  formatId: string;
  /** Null when the format is known but belongs to no carrier we integrate (foreign S10 posts). */
  carrier: CarrierId | null;
  service: string;
  valid: boolean;
  /** Specificity of the shape; decides between formats that accept the same number. */
  rank: number;
  /** Why the number is invalid for this format. */
  reason?: string;
  /** `low` for shapes looser than the carrier's published pattern (only the check digit holds). */
  confidence?: 'low';
}

/** One tracking-number format: a whole-string pattern over the normalized number and its rule. */
export interface TrackingFormat {
  id: string;
  pattern: RegExp;
  inspect(groups: Groups): FormatMatch;
  /**
   * Real numbers of this format (check digit included) that detection must name the format's carrier for;
   * test/unit/carriers/manifests.test.ts detects them, so a format that another carrier's shadows fails there.
   */
  examples: readonly string[];
}
