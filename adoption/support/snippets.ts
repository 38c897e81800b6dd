import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './settings';

/** A code block of the README marked `<!-- adoption: NAME -->` on the line before its fence. */
export interface Snippet {
  readonly name: string;
  readonly lang: string;
  readonly code: string;
}

/** Reads every marked snippet of a README. */
export function readSnippets(readmePath: string): Map<string, Snippet> {
  const text = readFileSync(readmePath, 'utf8');
  const snippets = new Map<string, Snippet>();
  const pattern =
    /<!-- adoption: ([\w-]+) -->[ \t]*\r?\n```(\w*)\r?\n([\s\S]*?)\r?\n```/g;
  for (const match of text.matchAll(pattern)) {
    snippets.set(match[1], { name: match[1], lang: match[2], code: match[3] });
  }
  return snippets;
}

/** An `import ... from '...'` statement of a snippet. */
interface ImportStatement {
  readonly text: string;
  readonly module: string;
  readonly defaultName?: string;
  readonly names: string[];
}

const IMPORT_PATTERN =
  /^import\s+(?:([\w$]+)\s*,?\s*)?(?:\{([^}]*)\})?\s*from\s+'([^']+)';?[ \t]*$/gm;

/** Splits a TSX snippet into its imports and the blocks after them (separated by blank lines). */
export function splitSnippet(code: string): {
  imports: ImportStatement[];
  blocks: string[];
} {
  const imports: ImportStatement[] = [];
  const rest = code.replace(
    IMPORT_PATTERN,
    (text, defaultName, names, module) => {
      imports.push({
        text,
        module,
        defaultName: defaultName || undefined,
        names: (names ?? '')
          .split(',')
          .map((name: string) => name.trim())
          .filter(Boolean),
      });
      return '';
    },
  );
  const blocks = rest
    .split(/\r?\n\s*\r?\n/)
    .map(block => block.replace(/^\s*\n/, '').trimEnd())
    .filter(block => block.trim() !== '');
  return { imports, blocks };
}

/**
 * Adds the snippet's imports to a source file: names join an existing import of the same module,
 * other imports go after the file's last import.
 */
export function mergeImports(
  source: string,
  imports: ImportStatement[],
): string {
  let result = source;
  for (const statement of imports) {
    const existing = [...result.matchAll(IMPORT_PATTERN)].find(
      match => match[3] === statement.module && match[2] !== undefined,
    );
    if (existing && statement.names.length > 0 && !statement.defaultName) {
      const present = existing[2]
        .split(',')
        .map(name => name.trim())
        .filter(Boolean);
      const names = [...present];
      for (const name of statement.names) {
        if (!names.includes(name)) names.push(name);
      }
      const replacement = `import ${existing[1] ? `${existing[1]}, ` : ''}{\n${names
        .map(name => `  ${name},`)
        .join('\n')}\n} from '${statement.module}';`;
      result = result.replace(existing[0], replacement);
      continue;
    }
    if (result.includes(statement.text)) continue;
    const all = [...result.matchAll(IMPORT_PATTERN)];
    const last = all[all.length - 1];
    const at = last ? last.index! + last[0].length : 0;
    result = `${result.slice(0, at)}\n${statement.text}${result.slice(at)}`;
  }
  return result;
}

/** Indents every non-empty line of a block. */
export function indent(block: string, spaces: number): string {
  const pad = ' '.repeat(spaces);
  return block
    .split('\n')
    .map(line => (line.trim() ? pad + line : line))
    .join('\n');
}

/**
 * Inserts `block` before the first line at or after `after` that matches `before`; throws naming
 * what was not found.
 */
export function insertBefore(
  source: string,
  after: string,
  before: RegExp,
  block: string,
): string {
  const start = source.indexOf(after);
  if (start < 0) throw new Error(`could not find \`${after}\``);
  const tail = source.slice(start);
  const match = before.exec(tail);
  if (!match) {
    throw new Error(`could not find ${before} after \`${after}\``);
  }
  const at = start + match.index;
  return `${source.slice(0, at)}${block}\n${source.slice(at)}`;
}

/** The names in the first `features: [...]` of a snippet. */
export function featureNames(code: string): string[] {
  const match = /features:\s*\[([^\]]*)\]/.exec(code);
  if (!match) throw new Error('the snippet has no `features: [...]`');
  return match[1]
    .split(',')
    .map(name => name.replace(/\/\/.*$/gm, '').trim())
    .filter(Boolean);
}

/** Adds names to the first `features: [...]` of a source file. */
export function addFeatures(source: string, names: string[]): string {
  const match = /features:\s*\[([^\]]*)\]/.exec(source);
  if (!match) throw new Error('could not find `features: [...]` in App.tsx');
  const present = match[1]
    .split(',')
    .map(name => name.trim())
    .filter(Boolean);
  const all = [...present, ...names.filter(name => !present.includes(name))];
  return source.replace(match[0], `features: [${all.join(', ')}]`);
}

let readmeSnippets: Map<string, Snippet> | undefined;

/** The snippet of docs/install.md marked `<!-- adoption: NAME -->`. */
export function snippet(name: string): Snippet {
  readmeSnippets ??= readSnippets(join(ROOT, 'docs', 'install.md'));
  const found = readmeSnippets.get(name);
  if (!found) {
    throw new Error(
      `docs/install.md has no snippet marked <!-- adoption: ${name} --> before its code fence`,
    );
  }
  return found;
}

/** A README command, with our package names pointing at the tarballs (the registry stand-in). */
export function readmeCommand(
  name: string,
  replace: Record<string, string>,
): string {
  let command = snippet(name)
    .code.split('\n')
    .filter(line => line.trim() && !line.trim().startsWith('#'))
    .join(' ');
  for (const [from, to] of Object.entries(replace)) {
    if (!command.includes(from)) {
      throw new Error(`the README step \`${command}\` no longer names ${from}`);
    }
    command = command.split(from).join(to);
  }
  return command;
}
