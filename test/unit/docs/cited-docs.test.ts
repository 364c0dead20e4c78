import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * "The repository explains itself": every Markdown file a code comment cites
 * must be in the clone. A comment that says `docs/sync.md "Queries"` sends a
 * newcomer to a file; if that file is not in the repository (it lived in a
 * brief only), the comment is a dead end.
 *
 * Scanned: comments (and SQL `--` comments inside string and template
 * literals, as in the migrations) of every source file under the folders
 * below and the root config files. A citation is a `<name>.md` token with an
 * optional path. It resolves when:
 * - `docs/<name>.md` (or any path with a folder): the file exists from the
 *   repository root, or from the citing file's folder;
 * - a bare `<name>.md`: it exists in docs/, or beside the citing file (a folder's
 *   README). Write cited docs as `docs/<name>.md`.
 */
const REPO = path.resolve(__dirname, '../../..');
const ROOTS = ['electron', 'shared', 'renderer', 'devices', 'test', 'scripts'];
const ROOT_FILES = ['.dependency-cruiser.cjs', 'stryker.config.mjs', 'vitest.config.ts'];
const SOURCE = /\.(ts|tsx|mts|cts|js|mjs|cjs)$/;
const SKIP_DIRS = new Set(['node_modules', 'dist']);

/**
 * Cited but not yet written: empty, and it should stay so (write the doc
 * instead). A branch that cites a doc another branch is writing may list it
 * here until the merge; the last test below fails as soon as the file exists,
 * so the entry cannot be forgotten.
 */
const PENDING: ReadonlySet<string> = new Set<string>();

/** A `.md` token not glued to a word, path or URL before it (a URL's path starts after `/`, so it never matches). */
const CITATION = /(?<![\w/.-])((?:[\w.-]+\/)*[\w-]+\.md)\b/g;
const SQL_COMMENT = /--\s.*$/gm;

interface Citation {
  file: string;
  line: number;
  cited: string;
}

function sourceFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) {
        if (!SKIP_DIRS.has(entry.name)) walk(path.join(dir, entry.name));
      } else if (SOURCE.test(entry.name)) {
        out.push(path.join(dir, entry.name));
      }
    }
  };
  for (const root of ROOTS) walk(path.join(REPO, root));
  for (const file of ROOT_FILES) if (fs.existsSync(path.join(REPO, file))) out.push(path.join(REPO, file));
  // This file's own fixtures below cite files that do not exist, on purpose.
  return out.filter((file) => file !== __filename);
}

/**
 * The comments of one file, with where each starts. Parsed, so `'//'` inside a
 * string is not a comment: every token's leading trivia (getChildren yields the
 * punctuation tokens too, so a comment before a `}` is seen), plus `--` lines
 * inside string and template literals.
 */
function commentsOf(fileName: string, text: string): Array<{ pos: number; text: string }> {
  const kind = fileName.endsWith('.tsx') ? ts.ScriptKind.TSX : /\.[cm]?ts$/.test(fileName) ? ts.ScriptKind.TS : ts.ScriptKind.JS;
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, kind);
  const seen = new Set<number>();
  const comments: Array<{ pos: number; text: string }> = [];
  const visit = (node: ts.Node) => {
    if (node.kind >= ts.SyntaxKind.FirstJSDocNode && node.kind <= ts.SyntaxKind.LastJSDocNode) return;
    // Comments on the line a token's trivia starts are "trailing" to TypeScript, the rest "leading": take both.
    for (const r of [...(ts.getTrailingCommentRanges(text, node.pos) ?? []), ...(ts.getLeadingCommentRanges(text, node.pos) ?? [])]) {
      if (seen.has(r.pos)) continue;
      seen.add(r.pos);
      comments.push({ pos: r.pos, text: text.slice(r.pos, r.end) });
    }
    if (
      ts.isStringLiteral(node) ||
      ts.isNoSubstitutionTemplateLiteral(node) ||
      ts.isTemplateHead(node) ||
      ts.isTemplateMiddle(node) ||
      ts.isTemplateTail(node)
    ) {
      const start = node.getStart(source);
      for (const m of text.slice(start, node.end).matchAll(SQL_COMMENT)) comments.push({ pos: start + (m.index ?? 0), text: m[0] });
      return;
    }
    for (const child of node.getChildren(source)) visit(child);
  };
  visit(source);
  return comments;
}

function citationsIn(fileName: string, text: string): Array<{ line: number; cited: string }> {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false);
  const found: Array<{ line: number; cited: string }> = [];
  for (const comment of commentsOf(fileName, text)) {
    for (const m of comment.text.matchAll(CITATION)) {
      const cited = m[1] ?? '';
      found.push({ line: source.getLineAndCharacterOfPosition(comment.pos + (m.index ?? 0)).line + 1, cited });
    }
  }
  return found;
}

function resolves(citingFile: string, cited: string): boolean {
  const candidates = cited.includes('/')
    ? [path.join(REPO, cited), path.join(path.dirname(citingFile), cited)]
    : [path.join(REPO, 'docs', cited), path.join(path.dirname(citingFile), cited)];
  return candidates.some((c) => fs.existsSync(c));
}

function allCitations(): Citation[] {
  return sourceFiles().flatMap((file) =>
    citationsIn(file, fs.readFileSync(file, 'utf8')).map((c) => ({ file: path.relative(REPO, file), line: c.line, cited: c.cited })),
  );
}

/** A bare name is the docs/ file of that name for PENDING's purposes. */
function asDocsPath(cited: string): string {
  return cited.includes('/') ? cited : `docs/${cited}`;
}

describe('the comment scanner', () => {
  it('finds citations in comments and SQL comments, not in code strings', () => {
    const text = [
      "const a = 'a.md'; // see docs/b.md and README.md",
      "const url = 'https://example.com/x.md'; /* c/d.md",
      ' * e.md */',
      'const sql = `',
      '  -- the outbox (docs/f.md)',
      "  SELECT 'g.md';`;",
    ].join('\n');
    expect(citationsIn('x.ts', text)).toEqual([
      { line: 1, cited: 'docs/b.md' },
      { line: 1, cited: 'README.md' },
      { line: 2, cited: 'c/d.md' },
      { line: 3, cited: 'e.md' },
      { line: 5, cited: 'docs/f.md' },
    ]);
  });
});

describe('Markdown files cited in code comments', () => {
  const citations = allCitations();

  it('are found at all (the scan is not empty)', () => {
    const cited = new Set(citations.map((c) => c.cited));
    // The docs this issue added are cited many times; an empty scan would pass everything.
    expect(citations.length).toBeGreaterThan(100);
    expect(cited).toContain('docs/sync.md');
    expect(cited).toContain('docs/devices.md');
    expect(cited).toContain('docs/architecture.md');
  });

  it('all exist in the repository (docs/ for bare names)', () => {
    const missing = citations
      .filter((c) => !resolves(path.join(REPO, c.file), c.cited) && !PENDING.has(asDocsPath(c.cited)))
      .map((c) => `${c.file}:${c.line} cites ${c.cited}`);
    expect(missing).toEqual([]);
  });

  it('are cited by their docs/ path, not as a bare name', () => {
    // A bare name reads like a file of the brief; the docs/ path says where to look.
    const bare = citations
      .filter((c) => !c.cited.includes('/') && !fs.existsSync(path.join(REPO, path.dirname(c.file), c.cited)))
      .map((c) => `${c.file}:${c.line} cites ${c.cited}`);
    expect(bare).toEqual([]);
  });

  it('PENDING lists only docs that are cited and still missing', () => {
    const cited = new Set(citations.map((c) => asDocsPath(c.cited)));
    for (const doc of PENDING) {
      expect(cited.has(doc), `${doc} is no longer cited: drop it from PENDING`).toBe(true);
      expect(fs.existsSync(path.join(REPO, doc)), `${doc} exists now: drop it from PENDING`).toBe(false);
    }
  });
});
