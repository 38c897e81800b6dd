#!/usr/bin/env node
// `node scripts/cpu-of.js <file> <command> [args...]`: runs the command with this process's
// standard streams and environment, then writes the processor seconds it and its children used to
// <file> (Linux; 0 elsewhere), and exits with the command's status. scripts/test.js times its
// stages with it, as stages that run side by side cannot be told apart otherwise.
const { spawnSync } = require('node:child_process');
const { readFileSync, writeFileSync } = require('node:fs');

const [file, command, ...args] = process.argv.slice(2);
const run = spawnSync(command, args, { stdio: 'inherit' });
let cpu = 0;
try {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // cutime and cstime (fields 16 and 17 of proc(5)), counted from the third field on, in ticks.
  cpu = (Number(fields[13]) + Number(fields[14])) / 100;
} catch {
  // Not Linux: no figure.
}
writeFileSync(file, String(cpu));
process.exit(run.status ?? 1);
