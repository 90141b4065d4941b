// The peer for bench/morphology: az's Morph over the same tokens, in node. Usage: node az-peer.js AZ-MODULE-FOLDER TOKENS-FILE
'use strict';
const fs = require('fs');
const path = require('path');
const [azFolder, tokenFile] = process.argv.slice(2);
const words = fs.readFileSync(tokenFile, 'utf8').split('\n').filter(w => w.length > 0);
const Az = require(azFolder);

const cpu0 = process.cpuUsage();
const t0 = process.hrtime.bigint();
Az.Morph.init(path.join(azFolder, 'dicts'), (err) => {
  if (err) { console.error(err); process.exit(1); }
  const initWall = Number(process.hrtime.bigint() - t0) / 1e6;
  const initCpu = (process.cpuUsage(cpu0).user + process.cpuUsage(cpu0).system) / 1e3;
  // Stutter and typo correction off: read words as they are, as pymorphy2 (and Typeset) do.
  const config = { stutter: 0, typos: 0 };
  function measure(list) {
    let best = null;
    for (let run = 0; run < 3; run++) {
      const c = process.cpuUsage();
      const t = process.hrtime.bigint();
      let sink = 0;
      for (const w of list) sink += Az.Morph(w, config).length;
      const wall = Number(process.hrtime.bigint() - t) / 1e9;
      const used = process.cpuUsage(c);
      const cpu = (used.user + used.system) / 1e6;
      if (!best || list.length / wall > best.rate) best = { rate: list.length / wall, cpuRate: list.length / cpu, sink };
    }
    return best;
  }
  const all = measure(words);
  const unique = measure([...new Set(words)]);
  console.log(JSON.stringify({ node: process.version, initWall, initCpu, wordsPerSecond: all.rate, wordsPerCpuSecond: all.cpuRate, uniqueWordsPerSecond: unique.rate, uniqueWordsPerCpuSecond: unique.cpuRate }));
});
