// `node bench/preview-latency.js [--n 4000] [--saves 20]`: the time from saving one meeting
// to the preview's reload signal, on a generated site of N meetings (~5 KB of Markdown
// each). Run `npx tsc -p tsconfig.json` first: this drives the compiled library.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {preview} from '../lib/index.js';

const flag = (name, fallback) => {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? fallback : Number(process.argv[index + 1]);
};
const n = flag('n', 4000);
const saves = flag('saves', 20);

// A small deterministic generator (mulberry32): the same site on every run and machine.
function random(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const groups = ['PANEL', 'OPSG', 'SSC', 'TABASC', 'CB', 'PMA', 'TSIRS'];
const topics = [
  ['Major Incident', 'SECAS/DCC'], ['CSP N Installation failures/times', 'DCC'], ['CSP C&S/CSP N Audits', 'DCC'],
  ['Meter Firmware OTAs', 'DCC'], ['CH Exceptions', 'DCC'], ['Alerts', 'DCC'], ['BCDR Update', 'DCC'],
  ['Operational Metrics Project', 'SECAS'], ['New Draft Proposals and Modification Proposals', 'SECAS'],
  ['Maintenance Trial Extension', 'DCC'], ['Performance Measurement Report', 'DCC'], ['SMETS1 Migration', 'DCC'],
  ['Security Assessment Findings', 'SSC Chair'], ['Release Management', 'DCC'], ['AOB', 'Chair'],
];
const sentences = [
  'The DCC reported progress against the remediation plan and agreed to provide an updated report at the next meeting.',
  'Members were concerned that the current level of Alerts is causing a degradation in service performance.',
  'The group requested a clear statement on the impact in each Communications Service Provider region.',
  'A Large Supplier member challenged the figures, noting a 50% success rate of Over The Air firmware upgrades.',
  'The group reiterated that both CSPs should achieve the Target Service Level by December, as previously agreed.',
  'SECAS noted the start of the project and the request for engagement from Users.',
  'The group raised an interest in DP094, DP096 and MP122 and asked SECAS to circulate the proposals.',
  'The DCC reported on completed testing and provided a plan for additional resilience testing in the coming year.',
  'Members asked for examples of how the categorisation of changes had worked during the trial.',
  'The group supported the proposed approval mechanism, subject to a quarterly review.',
];

function meetingText(index, variant = '') {
  const rand = random(index + 1);
  const group = groups[index % groups.length];
  const number = Math.floor(index / groups.length) + 1;
  const day = new Date(Date.UTC(2000, 0, 1) + number * 28 * 86400000 + (index % groups.length) * 86400000);
  const date = day.toISOString().slice(0, 10);
  const lines = ['---', `group: ${group}`, `meeting: ${number}`, `date: ${date}`, 'classification: White', '---', '',
    'This document is classified as **White** in accordance with the Panel Information Policy. Information can be shared with the public, and any members may publish the information, subject to copyright.', ''];
  let item = 1;
  let size = lines.join('\n').length;
  while (size < 5000) {
    item += 1 + Math.floor(rand() * 3);
    const [title, owner] = topics[Math.floor(rand() * topics.length)];
    const body = Array.from({length: 2 + Math.floor(rand() * 3)}, () => sentences[Math.floor(rand() * sentences.length)]).join(' ');
    const text = `${item}. ${title} (${owner}): ${body}${variant && item > 2 && size < 600 ? ' ' + variant : ''}`;
    lines.push(text, '');
    if (rand() < 0.2) lines.push(`*[Post Meeting Note: ${sentences[Math.floor(rand() * sentences.length)]}]*`, '');
    size += text.length + 2;
  }
  if (variant) lines.push(`${item + 1}. AOB (Chair): ${variant}`, '');
  return {group, number, text: lines.join('\n')};
}

const base = fs.existsSync('/dev/shm') ? '/dev/shm' : os.tmpdir();
const dir = fs.mkdtempSync(path.join(base, 'opsg-preview-bench-'));
let target;
for (let index = 0; index < n; index++) {
  const {group, number, text} = meetingText(index);
  const file = path.join(dir, 'content', group.toLowerCase(), `${group.toLowerCase()}-${number}.md`);
  fs.mkdirSync(path.dirname(file), {recursive: true});
  fs.writeFileSync(file, text);
  if (index === Math.floor(n / 2)) target = {file, index, group, number};
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const p90 = (values) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil(values.length * 0.9) - 1)];
const wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const startedAt = performance.now();
const server = await preview({cwd: dir, port: 0});
const startup = performance.now() - startedAt;
if (server.files().some((file) => file.messages.some((message) => message.fatal))) throw new Error('The generated site has errors');
// The first page after start-up renders lazily; fetch it once so it is not part of a save.
await fetch(server.url + `${target.group.toLowerCase()}/${target.number}/`);

const samples = [];
for (let save = 0; save < saves; save++) {
  const reloaded = new Promise((resolve, reject) => {
    const done = () => {
      server.off('reload', done);
      server.off('error', failed);
      resolve(performance.now());
    };
    const failed = (event) => reject(new Error(`Unexpected error after a save: ${JSON.stringify(event.messages[0])}`));
    server.on('reload', done);
    server.on('error', failed);
  });
  const text = meetingText(target.index, `Saved edit number ${save + 1} of this benchmark.`).text;
  const writtenAt = performance.now();
  fs.writeFileSync(target.file, text);
  samples.push((await reloaded) - writtenAt);
  // Let chokidar's per-file change throttle (50 ms) and the settle check pass.
  await wait(250);
}
await server.close();
fs.rmSync(dir, {recursive: true, force: true});

const round = (value) => Math.round(value * 10) / 10;
console.log(`preview latency, ${n} meetings, ${saves} saves: median ${round(median(samples))} ms, p90 ${round(p90(samples))} ms (start-up ${Math.round(startup)} ms)`);
console.log(JSON.stringify({meetings: n, saves, medianMs: round(median(samples)), p90Ms: round(p90(samples)), startupMs: Math.round(startup), samplesMs: samples.map(round)}));
