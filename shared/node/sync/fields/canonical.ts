import { stripIncidentMarker } from '../markers';
import { canonicalText, htmlToText } from '../text';
import type { FlashdutyFieldValue, RequestSnapshot } from '../types';

/**
 * Each synced field in the canonical string form both the echo guard and the comparisons use.
 * null = the side has no value for it. Keys are shared by both sides of a link record.
 */
export function fieldValueText(value: FlashdutyFieldValue | undefined): string | null {
  if (value === undefined || value === null) return null;
  const text = Array.isArray(value) ? value.join(', ') : String(value);
  return text.trim() === '' ? null : text.trim();
}

export function composeResolution(rootCause: string, resolution: string): string | null {
  const parts = [];
  if (rootCause.trim() !== '') parts.push(`Root cause: ${rootCause.trim()}`);
  if (resolution.trim() !== '') parts.push(resolution.trim());
  return parts.length === 0 ? null : parts.join('\n');
}

export function requestDescriptionText(request: RequestSnapshot): string {
  return stripIncidentMarker(htmlToText(request.description));
}

export const orNull = (text: string): string | null => (text === '' ? null : text);

export function canonicalOrNull(text: string | null): string | null {
  return text === null ? null : orNull(canonicalText(text));
}
