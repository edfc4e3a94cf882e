import type { Node } from '../../parse/python.js';
import { unparenthesize } from '../../lang/python/args.js';
import type { PythonIndex } from '../../lang/python/file-index.js';
import { contains, lastSegment } from './routes-body.js';
import { dottedName } from '../../lang/python/imports.js';
import { findWrites } from './route-writes.js';

/** `is_setup()`, `config.is_setup()`, `is_installed()`, `setup_complete()`: has the first run happened? */
const SETUP_CHECK =
  /^(?:is_|has_been_)?(?:setup|set_up|installed|configured|initiali[sz]ed|bootstrapped)(?:_(?:done|complete|completed|finished))?$|^setup_(?:done|complete|completed|finished)$/;

/**
 * A first-run installer (CTFd's `/setup`): every write the view makes happens only while the
 * application is not set up yet — inside `if not is_setup():`, or after an
 * `if is_setup(): return ...` at the top of the view. Such a view must be public before the
 * first administrator exists, and writes nothing afterwards.
 */
export function firstRunOnly(index: PythonIndex, fn: Node): boolean {
  const writes = findWrites(index, fn);
  if (writes.length === 0) return false;
  const gated: Node[] = [];
  for (const ifs of fn.descendantsOfType('if_statement')) {
    const condition = ifs.childForFieldName('condition');
    const consequence = ifs.childForFieldName('consequence');
    if (condition && consequence && setupCheck(condition) === 'not set up') gated.push(consequence);
  }
  let openFrom = Infinity;
  for (const stmt of fn.childForFieldName('body')?.namedChildren ?? []) {
    if (stmt.type !== 'if_statement') continue;
    const condition = stmt.childForFieldName('condition');
    const consequence = stmt.childForFieldName('consequence');
    const hasElse = stmt.namedChildren.some((c) => c.type === 'else_clause' || c.type === 'elif_clause');
    if (condition && consequence && !hasElse && setupCheck(condition) === 'set up' && leaves(consequence)) {
      openFrom = stmt.endIndex;
      break;
    }
  }
  return writes.every((w) => w.node.startIndex >= openFrom || gated.some((g) => contains(g, w.node)));
}

function setupCheck(condition: Node): 'set up' | 'not set up' | undefined {
  let node = unparenthesize(condition);
  let negated = false;
  if (node.type === 'not_operator') {
    const argument = node.childForFieldName('argument');
    if (!argument) return undefined;
    node = unparenthesize(argument);
    negated = true;
  }
  // `is_setup() is False`, `not is_setup()`.
  if (node.type === 'comparison_operator') {
    const [left, right] = node.namedChildren;
    if (!left || !right || right.type !== 'false' || !node.text.includes(' is ')) return undefined;
    node = unparenthesize(left);
    negated = !negated;
  }
  if (node.type !== 'call') return undefined;
  const fn = node.childForFieldName('function');
  const name = fn ? lastSegment(dottedName(fn)) : '';
  if (!SETUP_CHECK.test(name)) return undefined;
  return negated ? 'not set up' : 'set up';
}

/** The block ends the view: its last statement returns or raises. */
function leaves(block: Node): boolean {
  const last = block.namedChildren.filter((c) => c.type !== 'comment').pop();
  return last?.type === 'return_statement' || last?.type === 'raise_statement';
}
