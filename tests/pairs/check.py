#!/usr/bin/env python3
"""Checker for the 400-series bilingual pair annotations.
Errors (exit 1): YAML does not load, missing/invalid fields, a figure text / never / clean / title string
that is not an exact substring of its text file, a value that does not match the number in its text,
file size outside 1,200-4,000 bytes, inconsistent pairs.
Warnings: figure text not unique in the file, numbers in the text not covered by any annotation."""
import os, re, sys, glob, datetime
import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
UNITS = {'percent', 'percentage_point', 'yuan', 'usd', 'times', 'count', 'tons', 'kwh', 'kw', 'cubic_metres', 'square_metres', 'teu'}
BASES = {'yoy', 'mom', 'share', 'level', 'change', 'none'}
MULT = [('万亿', 1e12), ('亿', 1e8), ('万', 1e4), (' trillion', 1e12), (' billion', 1e9), (' million', 1e6), (' thousand', 1e3)]
NUM = re.compile(r'(?<![\d.])\d[\d,]*(?:\.\d+)?')
errors, warnings = [], []

def err(f, m): errors.append(f'{f}: {m}')
def warn(f, m): warnings.append(f'{f}: {m}')

WORDS = {'one': 1, 'two': 2, 'three': 3, 'four': 4, 'five': 5, 'six': 6, 'seven': 7, 'eight': 8, 'nine': 9, 'ten': 10,
         '一': 1, '二': 2, '两': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9, '十': 10}

def candidates(text):
    out = [float(v) for w, v in WORDS.items() if re.search(r'(?<![A-Za-z])' + w + r'(?![A-Za-z])', text)]
    for m in NUM.finditer(text):
        base = float(m.group().replace(',', ''))
        rest = text[m.end():]
        mult = 1.0
        for w, k in MULT:
            if rest.startswith(w):
                mult = k
                break
        out.append(base * mult)
    return out

def close(a, b):
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))

docs = {}
txts = sorted(glob.glob(os.path.join(HERE, '4*.txt')))
for t in txts:
    name = os.path.basename(t)
    stem = name[:-4]
    if not re.fullmatch(r'4\d\d_[0-9a-f]{8}', stem):
        err(name, 'file name not of the form 4NN_<8 hex>')
    raw = open(t, 'rb').read()
    if not (1200 <= len(raw) <= 4000):
        err(name, f'size {len(raw)} bytes outside 1200-4000')
    body = raw.decode('utf-8')
    y = os.path.join(HERE, stem + '.yaml')
    if not os.path.exists(y):
        err(name, 'no yaml'); continue
    ytext = open(y, encoding='utf-8').read()
    if not ytext.startswith('#'):
        err(stem + '.yaml', 'first line must be a comment')
    try:
        a = yaml.safe_load(ytext)
    except Exception as e:
        err(stem + '.yaml', f'yaml does not load: {e}'); continue
    docs[name] = (a, body)
    if a.get('source') != name: err(name, 'source mismatch')
    if a.get('lang') not in ('en', 'zh'): err(name, 'bad lang')
    tc = a.get('title_contains')
    if tc is not None and tc not in body: err(name, f'title_contains not in text: {tc!r}')
    d = a.get('date')
    if d is not None:
        try: datetime.date.fromisoformat(str(d))
        except Exception: err(name, f'bad date {d!r}')
    if a.get('lists') != []: err(name, 'lists must be []')
    figs = a.get('figures') or {}
    covered = []  # spans of the body covered by annotations
    def cover(s):
        start = 0
        while True:
            i = body.find(s, start)
            if i < 0: break
            covered.append((i, i + len(s))); start = i + 1
    for kind in ('required', 'acceptable'):
        for f in figs.get(kind) or []:
            tx = f.get('text')
            if not isinstance(tx, str) or tx not in body:
                err(name, f'{kind} text not a substring: {tx!r}'); continue
            cover(tx)
            if body.count(tx) > 1 and kind == 'required':
                warn(name, f'text occurs {body.count(tx)}x: {tx!r}')
            v = f.get('value')
            if not isinstance(v, (int, float)) or isinstance(v, bool):
                err(name, f'value not numeric: {v!r} ({tx!r})'); continue
            if kind == 'required':
                if f.get('unit') not in UNITS: err(name, f'bad unit {f.get("unit")!r}')
                if f.get('basis') not in BASES: err(name, f'bad basis {f.get("basis")!r}')
            if not any(close(abs(v), c) for c in candidates(tx)):
                err(name, f'value {v} does not match number in text {tx!r} (candidates {candidates(tx)})')
            if v < 0 and f.get('basis') in ('level', 'share'):
                err(name, f'negative level/share {v} {tx!r}')
            if v < 0 and not any(w in (tx + body[max(0, body.find(tx) - 30):body.find(tx) + len(tx)]) for w in ('下降', '下', 'down', 'fell', 'drop', 'declin', 'decreas', 'lower', 'pull')):
                warn(name, f'negative value without a visible decline word near {tx!r}')
    for s in figs.get('never') or []:
        if s not in body: err(name, f'never string not in text: {s!r}')
        cover(s)
    cl = a.get('clean') or {}
    for s in cl.get('contains') or []:
        if s not in body: err(name, f'clean.contains not in text: {s!r}')
    for s in cl.get('excludes') or []:
        if s not in body: err(name, f'clean.excludes not in text: {s!r}')
    # numbers in the text that no annotation covers
    MONTHS = r'(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s*$'
    for m in NUM.finditer(body):
        after, before = body[m.end():m.end() + 4], body[max(0, m.start() - 12):m.start()]
        # periods and dates are not figures: 10月份, 1—10月, 2024年, 21日, Oct. 18, November 20, section numbers "1."
        if re.match(r'(?:月|年|日|号|—\d+月)', after) or before.endswith('—') or re.search(MONTHS, before) \
           or (re.match(r'\.(?!\d)', after) and (m.start() == 0 or body[m.start() - 1] in '\n 　')) \
           or re.fullmatch(r'20\d\d,?', m.group()):
            continue
        if not any(i <= m.start() and m.end() <= j for i, j in covered):
            ctx = body[max(0, m.start() - 12):m.end() + 12].replace('\n', ' ')
            warn(name, f'uncovered number {m.group()!r} in …{ctx}…')

for y in glob.glob(os.path.join(HERE, '4*.yaml')):
    if not os.path.exists(y[:-5] + '.txt'): err(os.path.basename(y), 'yaml without txt')

# pairs.yaml consistency
P = yaml.safe_load(open(os.path.join(HERE, 'pairs.yaml'), encoding='utf-8'))
partner = {}
for en, zh in P['pairs']:
    for f in (en, zh):
        if f not in docs: err('pairs.yaml', f'unknown file {f}')
    if en in docs and docs[en][0]['lang'] != 'en': err('pairs.yaml', f'{en} is not en')
    if zh in docs and docs[zh][0]['lang'] != 'zh': err('pairs.yaml', f'{zh} is not zh')
    partner.setdefault(en, set()).add(zh); partner.setdefault(zh, set()).add(en)
for en, (best, runner) in (P.get('reprints') or {}).items():
    partner.setdefault(en, set()).update({best, runner}); partner.setdefault(runner, set()).add(en)
    if [en, best] not in P['pairs']: err('pairs.yaml', f'reprint best {best} not listed as pair of {en}')
for name, (a, _) in docs.items():
    p = a.get('pair')
    if p is None:
        if name in partner and name not in (P.get('distractors') or {}):
            err(name, 'pair null but listed in pairs')
        if name not in partner and name not in (P.get('distractors') or {}):
            err(name, 'pair null and not listed as distractor')
    else:
        if p not in docs: err(name, f'pair file {p} does not exist'); continue
        if p not in partner.get(name, set()): err(name, f'pair {p} not consistent with pairs.yaml')
        if docs[p][0]['lang'] == a['lang']: err(name, 'pair has the same language')
for en, (best, runner) in (P.get('reprints') or {}).items():
    if docs[en][0]['pair'] != best: err(en, 'english pair must be the best chinese version')
for d in P.get('distractors') or {}:
    if d not in docs: err('pairs.yaml', f'unknown distractor {d}')
    elif docs[d][0]['pair'] is not None and d not in partner: err(d, 'distractor with a pair not in pairs')

# coverage of each pair: share of the fuller version's required figures found in the shorter one
def key(f): return (round(float(f['value']), 6), f['unit'], f['basis'])
from collections import Counter
print('pair coverage (required figures, value+unit+basis multiset):')
rows = [tuple(p) for p in P['pairs']] + [(en, r) for en, (b, r) in (P.get('reprints') or {}).items()]
for en, zh in rows:
    A = Counter(key(f) for f in docs[en][0]['figures']['required'])
    B = Counter(key(f) for f in docs[zh][0]['figures']['required'])
    common = sum((A & B).values())
    print(f'  {en} ({sum(A.values())}) ~ {zh} ({sum(B.values())}): common {common}, '
          f'common/longer = {common / max(sum(A.values()), sum(B.values())):.2f}')

for w in warnings: print('WARN ', w)
for e in errors: print('ERROR', e)
print(f'{len(docs)} files, {len(errors)} errors, {len(warnings)} warnings')
sys.exit(1 if errors else 0)
