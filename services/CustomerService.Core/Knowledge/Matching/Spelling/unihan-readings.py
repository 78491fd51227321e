"""Writes mandarin-readings.txt from Unihan_Readings.txt (Debian's unicode-data ships it bz2-compressed:
bzcat /usr/share/unicode/Unihan_Readings.txt.bz2 > Unihan_Readings.txt).
Usage: python3 unihan-readings.py mandarin-readings.txt Unihan_Readings.txt"""
import re, unicodedata, collections, sys
fields = {'kMandarin','kXHC1983','kTGHZ2013','kHanyuPinlu'}
readings = collections.defaultdict(set)
def toneless(s):
    s = s.replace('ü','v').replace('u\u0308','v')
    d = unicodedata.normalize('NFD', s)
    d = ''.join(ch for ch in d if unicodedata.category(ch) != 'Mn')
    return d.lower().replace('ü','v')
for line in open(sys.argv[2] if len(sys.argv) > 2 else '/usr/share/unicode/Unihan_Readings.txt', encoding='utf-8'):
    if line.startswith('#') or not line.strip(): continue
    cp, field, value = line.rstrip('\n').split('\t')
    if field not in fields: continue
    c = int(cp[2:], 16)
    if not (0x4E00 <= c <= 0x9FFF): continue
    for tok in value.split():
        tok = re.sub(r'^[0-9.,]+:', '', tok)
        tok = re.sub(r'\(\d+\)$', '', tok)
        for r in tok.split(','):
            # ü keeps its identity after stripping tones
            r = r.replace('ǖ','ü').replace('ǘ','ü').replace('ǚ','ü').replace('ǜ','ü')
            t = toneless(r)
            if re.fullmatch(r'[a-zv]+', t): readings[chr(c)].add(t)
by = collections.defaultdict(list)
for ch in sorted(readings):
    for r in sorted(readings[ch]): by[r].append(ch)
out = open(sys.argv[1], 'w', encoding='utf-8')
out.write('# Toneless Mandarin readings of the CJK Unified Ideographs (U+4E00-U+9FFF): a syllable, a space, every\n')
out.write('# character read so. Derived from Unihan_Readings.txt of Unicode 15.0 (fields kMandarin, kXHC1983,\n')
out.write('# kTGHZ2013, kHanyuPinlu: modern readings only), (c) Unicode, Inc., under the Unicode License\n')
out.write('# (https://www.unicode.org/license.txt). Regenerate with unihan-readings.py beside this file.\n')
for r in sorted(by): out.write(r + ' ' + ''.join(by[r]) + '\n')
print(len(readings), len(by))
