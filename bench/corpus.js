// A deterministic corpus of realistic SEC-style meeting headlines for benchmarks.
import fs from 'node:fs';
import path from 'node:path';

const groups = [['OPSG', 'Operations Group'], ['SSC', 'Security Sub-Committee'], ['TABASC', 'Technical Architecture and Business Architecture Sub-Committee'], ['PANEL', 'SEC Panel'], ['CB', 'Change Board']];
const owners = ['DCC', 'SECAS', 'SECAS/DCC', 'OPSG Chair', 'CSP N', 'CSP C&S', 'BEIS'];
const titles = ['Major Incident', 'CSP N Installation failures/times', 'CSP C&S/CSP N Audits', 'Meter Firmware OTAs', 'CH Exceptions', 'Alerts', 'BCDR Update', 'Operational Metrics Project', 'New Draft Proposals and Modification Proposals', 'Maintenance Trial Extension', 'AOB', 'Performance Measurement Report', 'SMETS1 Migration', 'Release Management', 'Problem Management', 'Service Desk Update'];
const sentences = [
  'The DCC have made some revisions to the Review Report for Incident INC000000503961 and agreed to provide an updated Report at the next meeting for approval.',
  'The OPSG were surprised and concerned to be told that the current level of Alerts is causing a degradation in service performance.',
  'The OPSG requested the DCC to provide a clear statement on the impact of alerts in the region.',
  'Both CSPs described the work underway to validate and improve their technical infrastructure.',
  'The OPSG asked for confirmation that this would include system configuration management, which has been a continuing source of problems.',
  'CSP C&S said they had achieved the Minimum Service Levels for the month, but still below target level.',
  'A Large Supplier member challenged this noting there had only been a 50% success rate of Over The Air (OTA) firmware upgrades.',
  'The DCC reported progress for a number of categories of exceptions noting improvements in a number of areas.',
  'The DCC reported on completed testing and provided a plan for additional resilience testing.',
  'The OPSG noted the start of this project and the request for engagement from Users.',
  'The OPSG supported the DCC proposal that the trial continue until the Modification has been implemented or rejected, subject to a quarterly review.',
  'The OPSG repeated its request that the DCC provides examples of how the categorisation of changes had worked during the trial.',
  'The OPSG requested that when the DCC proposes an increase in migration rate, they explicitly report on any relevant operational circumstances.',
  'The DCC must advise the OPSG if this cannot be achieved.',
];
const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The Markdown of meeting `index` (0-based), about 5 KB. */
export function meetingText(index, variant = 0) {
  const rand = random(index * 7919 + 17 + variant * 104729);
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const [group, name] = groups[index % groups.length];
  const number = Math.floor(index / groups.length) + 1;
  const day = new Date(Date.UTC(2000, 0, 1) + (Math.floor(index / groups.length) * 28 + (index % groups.length)) * 86400000);
  const iso = day.toISOString().slice(0, 10);
  const next = new Date(day.getTime() + 28 * 86400000);
  const text = (d) => `${d.getUTCDate()} ${months[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
  const lines = ['---', `group: ${group}`, `meeting: ${number}`, `date: ${iso}`, 'classification: White', '---', '',
    'This document is classified as **White** in accordance with the Panel Information Policy. Information can be shared with the public, and any members may publish the information, subject to copyright.', '',
    `${name} (${group}) Meeting ${number} on ${text(day)} Headlines`, '',
    `At every meeting, the ${group} will focus on cross-industry matters that affect, or have the potential to affect, multiple SEC Parties. This month, the meeting included the following discussions (referenced by agenda item number):`, ''];
  let item = 2;
  while (lines.join('\n').length < 4600) {
    item += 1 + Math.floor(rand() * 3);
    lines.push(`${item}. ${pick(titles)} (${pick(owners)}): ${pick(sentences)} ${pick(sentences)} See [DP${100 + Math.floor(rand() * 900)}](#) and **MP${100 + Math.floor(rand() * 200)}**.`, '');
    if (rand() < 0.5) lines.push(`${pick(sentences)} ${pick(sentences)}`, '');
    if (rand() < 0.1) lines.push(`*[Post Meeting Note: ${pick(sentences)}]*`, '');
  }
  if (variant) lines.push(`Edit ${variant}: ${pick(sentences)}`, '');
  lines.push(`Next Regular Meeting Date: ${text(next)}`, '');
  return lines.join('\n');
}

/** Write `count` meetings below `dir/content`. */
export function generate(dir, count) {
  for (let index = 0; index < count; index++) {
    const [group] = groups[index % groups.length];
    const file = path.join(dir, 'content', group.toLowerCase(), `${group.toLowerCase()}-${Math.floor(index / groups.length) + 1}.md`);
    fs.mkdirSync(path.dirname(file), {recursive: true});
    fs.writeFileSync(file, meetingText(index));
  }
}
