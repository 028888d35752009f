import { describe, expect, it } from 'vitest';
import { priorityDefaults, severityTableProblems } from '../../../renderer/src/lib/table-problems';

const m = {
  duplicateSource: (v: string) => `dup ${v}`,
  duplicatePriority: (p: string) => `dupP ${p}`,
  unknownPriority: (p: string) => `unknown ${p}`,
};
const PRIORITIES = ['Low', 'Medium', 'High', 'Urgent'];

describe('severityTableProblems', () => {
  const cases: {
    name: string;
    toPriority: { value: string; priority: string }[];
    toSeverity?: { priority: string; severity: 'Critical' | 'Warning' | 'Info' }[];
    priorities: string[] | null;
    problems: { field: string; message: string }[];
  }[] = [
    {
      name: 'known priorities, no repeats',
      toPriority: [
        { value: 'Critical', priority: 'Urgent' },
        { value: 'Info', priority: 'low' },
      ],
      priorities: PRIORITIES,
      problems: [],
    },
    {
      name: 'a repeated source value, on the later row',
      toPriority: [
        { value: 'Critical', priority: 'Urgent' },
        { value: ' critical', priority: 'High' },
      ],
      priorities: PRIORITIES,
      problems: [{ field: 'toPriority[1]', message: 'dup critical' }],
    },
    {
      name: 'an unknown priority',
      toPriority: [{ value: 'Critical', priority: 'Apocalyptic' }],
      priorities: PRIORITIES,
      problems: [{ field: 'toPriority[0]', message: 'unknown Apocalyptic' }],
    },
    {
      name: 'names are not checked without metadata',
      toPriority: [{ value: 'Critical', priority: 'Apocalyptic' }],
      priorities: null,
      problems: [],
    },
    {
      name: 'an empty priority is the schema’s to report',
      toPriority: [{ value: 'Critical', priority: '' }],
      priorities: PRIORITIES,
      problems: [],
    },
    {
      name: 'reverse table: repeated and unknown priorities',
      toPriority: [],
      toSeverity: [
        { priority: 'High', severity: 'Critical' },
        { priority: 'High', severity: 'Warning' },
        { priority: 'P9', severity: 'Info' },
      ],
      priorities: PRIORITIES,
      problems: [
        { field: 'toSeverity[1]', message: 'dupP High' },
        { field: 'toSeverity[2]', message: 'unknown P9' },
      ],
    },
  ];
  it.each(cases)('$name', ({ toPriority, toSeverity, priorities, problems }) => {
    expect(severityTableProblems({ toPriority, toSeverity: toSeverity ?? [] }, priorities, m)).toEqual(
      problems.map((p) => ({ ...p, section: 'ticket' })),
    );
  });
});

describe('priorityDefaults: by what the names say, in whatever order SDP lists them', () => {
  it.each([
    [['Low', 'Medium', 'High', 'Urgent'], { Critical: 'Urgent', Warning: 'High', Info: 'Low' }],
    [['Urgent', 'High', 'Medium', 'Low'], { Critical: 'Urgent', Warning: 'High', Info: 'Low' }],
    [['High', 'Low', 'Urgent', 'Medium'], { Critical: 'Urgent', Warning: 'High', Info: 'Low' }],
    [['Low', 'Medium', 'High'], { Critical: 'High', Warning: 'Medium', Info: 'Low' }],
    [['Normal', 'High'], { Critical: 'High', Warning: 'Normal', Info: 'Normal' }],
    [['Highest', 'High', 'Lowest'], { Critical: 'Highest', Warning: 'High', Info: 'Lowest' }],
    [
      ['P3 - Moderate', 'P1 - Critical', 'P2 - High'],
      { Critical: 'P1 - Critical', Warning: 'P2 - High', Info: 'P3 - Moderate' },
    ],
    [['低', '紧急', '中', '高'], { Critical: '紧急', Warning: '高', Info: '低' }],
    [['Facilities', 'Low', 'Urgent'], { Critical: 'Urgent', Warning: 'Low', Info: 'Low' }],
    [['Only'], null],
    [[], null],
  ])('%j', (priorities, expected) => {
    expect(priorityDefaults(priorities)).toEqual(expected);
  });
});
