import type { IntegrationConfig } from '../../../common/config';
import { incidentMarkerText } from '../markers';
import { canonicalText, truncate } from '../text';
import type { IncidentSnapshot, RequestSnapshot } from '../types';
import { orNull, requestDescriptionText } from './canonical';
import { newerChangeWins } from './conflict';
import type { SyncedField } from './field';

const SUBJECT_MAX = 250;
/** Flashduty's limits: create title 512 / description 1024; reset title 200 / description 6144. */
const CREATE_TITLE_MAX = 512;
const CREATE_DESCRIPTION_MAX = 1024;
const RESET_TITLE_MAX = 200;
const RESET_DESCRIPTION_MAX = 6144;
/**
 * Flashduty's reset rejects text fields under 3 characters; a short SDP value is labelled rather than refused forever.
 */
const RESET_MIN = 3;

function atLeast(text: string, requestId: string): string {
  return text.length >= RESET_MIN ? text : `SDP request ${requestId}: ${text}`;
}

/** A created incident takes the text as it is (up to its limit); a reset needs at least three characters. */
function incidentText(
  text: string,
  request: RequestSnapshot,
  target: IncidentSnapshot | null,
  limits: { create: number; reset: number },
): { value: string; to: string | null } {
  if (target === null) {
    const value = truncate(text.trim(), limits.create);
    return { value, to: canonicalText(value) || null };
  }
  const value = truncate(atLeast(text.trim(), request.id), limits.reset);
  return { value, to: canonicalText(value) };
}

export const titleField: SyncedField = {
  key: 'title',
  incident: (incident) => orNull(canonicalText(incident.title)),
  request: (request) => orNull(canonicalText(request.subject)),
  conflict: newerChangeWins,
  toSdp: {
    write: (incident) => {
      const subject = truncate(incident.title, SUBJECT_MAX);
      return { patch: { subject }, to: canonicalText(subject) };
    },
  },
  toFlashduty: {
    write: (request, incident) => {
      const { value, to } = incidentText(request.subject, request, incident, {
        create: CREATE_TITLE_MAX,
        reset: RESET_TITLE_MAX,
      });
      return { patch: { title: value }, to, shown: value };
    },
  },
};

/** The description SDP gets: the incident's, with the incident ID line when that is where the marker lives. */
function descriptionWithMarker(config: IntegrationConfig, incident: IncidentSnapshot): string {
  return config.toSdp.incidentIdMarker.kind === 'description'
    ? `${incident.description}\n\n${incidentMarkerText(incident.id)}`
    : incident.description;
}

export function descriptionField(config: IntegrationConfig): SyncedField {
  const incidentValue = (incident: IncidentSnapshot) => orNull(canonicalText(incident.description));
  return {
    key: 'description',
    incident: incidentValue,
    request: (request) => orNull(canonicalText(requestDescriptionText(request))),
    conflict: newerChangeWins,
    toSdp: {
      write: (incident) => ({
        patch: { description: descriptionWithMarker(config, incident) },
        to: incidentValue(incident),
      }),
    },
    toFlashduty: {
      write: (request, incident) => {
        const { value, to } = incidentText(requestDescriptionText(request), request, incident, {
          create: CREATE_DESCRIPTION_MAX,
          reset: RESET_DESCRIPTION_MAX,
        });
        return { patch: { description: value }, to, shown: value };
      },
    },
  };
}
