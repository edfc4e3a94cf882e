import { describe, expect, test } from '@jest/globals';
import { DYNAMIC } from '../../../../src/core/dynamic.js';
import { factsOf, py } from './helpers.js';

describe('command lines', () => {
  test('subprocess argv lists, through an alias and a constant', async () => {
    const f = await factsOf(py`
      import subprocess as sp
      FLAGS = "--insecure"
      sp.run(["cockroach", "start-single-node", FLAGS, "--listen-addr=localhost:26257"], check=True)
      sp.Popen(args=["cockroach", "sql", "--insecure", "--host", HOST])
    `);
    expect(f.commands.map((c) => c.argv)).toEqual([
      ['cockroach', 'start-single-node', '--insecure', '--listen-addr=localhost:26257'],
      ['cockroach', 'sql', '--insecure', '--host', DYNAMIC],
    ]);
    expect(f.commands[0]?.span).toMatchObject({ line: 3, column: 8 });
    expect(f.commands[0]?.image).toBeUndefined();
  });

  test('os.system and shell=True strings are split like the shell', async () => {
    const f = await factsOf(py`
      import os, subprocess
      from subprocess import check_output
      os.system("cockroach init --insecure --host='db 1' && echo done")
      check_output("cockroach node status --insecure", shell=True)
      os.system(f"cockroach workload init movr --insecure {URL}")
    `);
    expect(f.commands.map((c) => c.argv)).toEqual([
      ['cockroach', 'init', '--insecure', '--host=db 1', '&&', 'echo', 'done'],
      ['cockroach', 'node', 'status', '--insecure'],
      ['cockroach', 'workload', 'init', 'movr', '--insecure', DYNAMIC],
    ]);
  });

  test('asyncio.create_subprocess_exec takes the argv as arguments', async () => {
    const f = await factsOf(py`
      import asyncio
      async def main():
          await asyncio.create_subprocess_exec("cockroach", "start", "--insecure", *extra)
    `);
    expect(f.commands.map((c) => c.argv)).toEqual([['cockroach', 'start', '--insecure', DYNAMIC]]);
  });

  test('a command that is not known at all is no fact', async () => {
    const f = await factsOf(py`
      import subprocess
      subprocess.run(cmd)
      subprocess.run([prog, arg])
    `);
    expect(f.commands).toEqual([]);
  });
});
