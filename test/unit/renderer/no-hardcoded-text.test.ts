import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { isMessageKey } from '../../../shared/i18n';

/**
 * Every word a person sees comes from the catalogues (shared/i18n), so that
 * zh-CN and en are both complete. This reads renderer/src with the
 * TypeScript compiler and reports words written straight into the UI:
 * JSX text, `{'…'}` children, and human-facing attributes (aria-label,
 * title, placeholder, alt…) given a literal instead of `t(…)`. Chinese in
 * any string literal of a component counts too. Symbols, digits and
 * punctuation are fine ('·', '—', '¥', '%').
 */
const root = resolve(__dirname, '../../..');
const srcDir = join(root, 'renderer/src');

/** Attributes people read or hear. Everything else (data-testid, className, role, type…) is code. */
const HUMAN_ATTRIBUTES = new Set([
  'aria-label',
  'aria-description',
  'aria-valuetext',
  'aria-roledescription',
  'aria-placeholder',
  'title',
  'placeholder',
  'alt',
  'label',
]);

/** Data, not UI text: the pinyin lexicon and the keyboard's key caps are characters to type, not words to translate. */
const DATA_FILES = new Set([
  'keyboard/pinyin-lexicon.ts',
  'keyboard/tax-vocabulary.ts',
  'keyboard/pinyin-index.ts',
  'keyboard/pinyin-engine.ts',
  'keyboard/pinyin-segment.ts',
  'components/keyboard/layouts.ts',
]);

/** Invoice data, printed as written whatever the screen's language: the unit chips (个, 件, 次…). */
const INVOICE_DATA: Record<string, ReadonlySet<string>> = {
  'renderer/src/flow/issuance.ts': new Set(['个', '件', '次', '项', '套', '台', '千克', '米', '小时']),
};

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;
/** A word: Chinese, or two Latin letters in a row. */
const WORDS = /[\u3400-\u9fff\uf900-\ufaff]|[A-Za-z]{2,}/;

interface Finding {
  file: string;
  line: number;
  text: string;
  why: string;
}

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name))
    .map((e) => join(e.parentPath, e.name));
}

/** Words written into the UI of one source file. */
export function hardcodedText(fileName: string, source: string): Finding[] {
  const sf = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, fileName.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const findings: Finding[] = [];
  const report = (node: ts.Node, text: string, why: string) => {
    const { line } = sf.getLineAndCharacterOfPosition(node.getStart(sf));
    // A catalogue key handed to a component (`label="issuance.done.finish"`) is the catalogue, not text.
    if (isMessageKey(text.trim()) || INVOICE_DATA[fileName]?.has(text)) return;
    findings.push({ file: fileName, line: line + 1, text: text.trim().slice(0, 40), why });
  };
  /** A literal string (or template without code) in a JSX expression, ignoring `cond ? 'a' : 'b'` branches' conditions. */
  const literalsIn = (expr: ts.Expression, out: ts.Node[]) => {
    if (ts.isStringLiteral(expr) || ts.isNoSubstitutionTemplateLiteral(expr)) out.push(expr);
    else if (ts.isTemplateExpression(expr)) out.push(expr.head, ...expr.templateSpans.map((s) => s.literal));
    else if (ts.isConditionalExpression(expr)) {
      literalsIn(expr.whenTrue, out);
      literalsIn(expr.whenFalse, out);
    } else if (
      ts.isBinaryExpression(expr) &&
      (expr.operatorToken.kind === ts.SyntaxKind.BarBarToken ||
        expr.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken ||
        expr.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken)
    ) {
      literalsIn(expr.right, out);
    } else if (ts.isParenthesizedExpression(expr)) literalsIn(expr.expression, out);
  };
  const textOf = (n: ts.Node) => (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n) || ts.isTemplateLiteralToken(n) ? n.text : n.getText(sf));

  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node) && WORDS.test(node.text)) report(node, node.text, 'JSX text');
    if (ts.isJsxExpression(node) && node.expression && (ts.isJsxElement(node.parent) || ts.isJsxFragment(node.parent))) {
      const found: ts.Node[] = [];
      literalsIn(node.expression, found);
      for (const lit of found) if (WORDS.test(textOf(lit))) report(lit, textOf(lit), 'literal child');
    }
    if (ts.isJsxAttribute(node) && HUMAN_ATTRIBUTES.has(node.name.getText(sf)) && node.initializer) {
      const found: ts.Node[] = [];
      if (ts.isStringLiteral(node.initializer)) found.push(node.initializer);
      else if (ts.isJsxExpression(node.initializer) && node.initializer.expression) literalsIn(node.initializer.expression, found);
      for (const lit of found) if (WORDS.test(textOf(lit))) report(lit, textOf(lit), `literal ${node.name.getText(sf)}`);
    }
    if ((ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateLiteralToken(node)) && CJK.test(node.text)) {
      report(node, node.text, 'Chinese in code');
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  // One node can be both a literal child and Chinese in code: report it once.
  return findings.filter((f, i) => findings.findIndex((g) => g.line === f.line && g.text === f.text) === i);
}

describe('no hard-coded UI text in renderer/src', () => {
  it('every word on screen comes from the catalogues', () => {
    const findings = sources(srcDir)
      .filter((file) => !DATA_FILES.has(relative(srcDir, file)))
      .flatMap((file) => hardcodedText(relative(root, file), readFileSync(file, 'utf8')));
    expect(findings.map((f) => `${f.file}:${f.line} ${f.why}: ${f.text}`)).toEqual([]);
  });

  it('catches text, literal children, attributes and Chinese in code, and lets code strings be', () => {
    const sample = [
      "const a = <p className='x' data-testid='greeting'>{t('k')}</p>;",
      'const b = <p>Hello there</p>;',
      "const c = <span>{ok ? 'Ready' : t('k')}</span>;",
      "const d = <button aria-label='Close'>{t('k')}</button>;",
      'const e = <input placeholder={`输入`} />;',
      "const f = '元';",
      "const g = <span>{' · '}{n}%</span>;",
    ].join('\n');
    const found = hardcodedText('sample.tsx', sample).map((f) => `${f.line} ${f.why}`);
    expect(found).toEqual(['2 JSX text', '3 literal child', '4 literal aria-label', '5 literal placeholder', '6 Chinese in code']);
  });
});
