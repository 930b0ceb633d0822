"""Word links inside one aligned unit: which words of one language translate which of another.

Evidence, each a candidate link with a score:
- numbers (9.6万 = 96.000 = 96,000) and the same Latin word (ASEAN, COVID, Internet);
- zh ↔ vi: Sino-Vietnamese readings matched syllable by syllable in any order, over blocks of
  two or more characters (最高人民检察院 ↔ "Viện kiểm sát nhân dân tối cao"), single
  characters only where the reading is unambiguous in the unit; and English glosses shared by a
  CC-CEDICT word and a Vietnamese word (法院 ↔ tòa án: court);
- zh ↔ en: CC-CEDICT glosses (the shortest word that has the gloss: 最高 ↔ Supreme, 法院 ↔
  Court), and names spelled in pinyin or Sino-Vietnamese (朱雅频 ↔ Zhu Yapin, 陶盛强 ↔ Dao Thinh
  Cuong, 河内 ↔ Hanoi);
- vi ↔ en: the vi→en lexicon and the Sino-Vietnamese bridge to CC-CEDICT, folded names (Hà Nội
  ↔ Hanoi), and links through Chinese when the unit has it;
- corpus statistics (`stats`) then link content words the dictionaries leave unlinked.
The best candidates win, each word linked once (a word may take several neighbouring words of
the other language: 副院长 ↔ Vice-President). Links are kept per character span.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from reader.links import lexicon
from reader.links.tokens import Token, tokens
from reader.text import fold as _fold
from reader.text import is_cjk

fold = lru_cache(maxsize=200_000)(_fold)  # words repeat: fold each spelling once

PAIRS = (("zh", "vi"), ("zh", "en"), ("vi", "en"))
Span = tuple[int, int, int, int]  # start and end in language A, start and end in language B
MAX_BLOCK = 12
MAX_WINDOW = 4  # Vietnamese syllables in one word looked up in the lexicon
FUZZY_COST = 0.2  # a close English stem (procuracy ~ procuratorate) counts this much less
POSITION_WEIGHT = 0.4  # a candidate loses this much per unit of relative position it is away
FUNCTION_CHARS = frozenset("的了和与在是为对于以及等中上下这那有也将被把而并其之所从向由就都还又着过个们")
SCORES = {
    "number": 2.5,
    "same": 2.0,
    "name": 2.0,
    "block": 1.0,  # + 0.5 per character
    "single": 0.5,
    "gloss": 1.2,  # 2-character word; 1.1 for 3, 1.0 for longer, 0.5 for one character
    "bridge": 0.9,
    "lexicon": 0.8,  # + 0.1 per syllable
    "pivot": 0.7,
    "stats": 0.3,
}


@dataclass
class Candidate:
    a: frozenset[int]
    b: frozenset[int]
    score: float
    parts: list[tuple[tuple[int, ...], tuple[int, ...]]] = field(default_factory=list)


def _rel(token: Token, text: str) -> float:
    return token.start / max(1, len(text))


def _penalty(ta: Token, text_a: str, tb: Token, text_b: str) -> float:
    return POSITION_WEIGHT * abs(_rel(ta, text_a) - _rel(tb, text_b))


def _candidate(a: tuple[int, ...], b: tuple[int, ...], score: float) -> Candidate:
    return Candidate(frozenset(a), frozenset(b), score, [(a, b)])


# ---- evidence shared by every pair -----------------------------------------------------------


def _numbers(ta: list[Token], a: str, tb: list[Token], b: str) -> list[Candidate]:
    where = defaultdict(list)
    for j, token in enumerate(tb):
        if token.key.startswith("#"):
            where[token.key].append(j)
    found = []
    for i, token in enumerate(ta):
        for j in where.get(token.key, []) if token.key.startswith("#") else []:
            found.append(_candidate((i,), (j,), SCORES["number"] - _penalty(token, a, tb[j], b)))
    return found


def _latin(token: Token) -> bool:
    return _latin_text(token.text, token.key[:1])


@lru_cache(maxsize=200_000)
def _latin_text(text: str, first_key: str) -> bool:
    return text[:1].isalpha() and not is_cjk(text[0]) and first_key != "#"


def _same_words(ta: list[Token], a: str, tb: list[Token], b: str) -> list[Candidate]:
    """The same Latin word written in both (ASEAN, COVID, Internet, Big Data): capitalised on
    both sides, or four letters or more and identical."""
    where = defaultdict(list)
    for j, token in enumerate(tb):
        if _latin(token):
            where[fold(token.text)].append(j)
    found = []
    for i, token in enumerate(ta):
        if not _latin(token):
            continue
        for j in where.get(fold(token.text), []):
            other = tb[j]
            if (token.text[0].isupper() and other.text[0].isupper() and i and j) or (
                len(token.text) >= 4 and token.text.lower() == other.text.lower()
            ):
                found.append(_candidate((i,), (j,), SCORES["same"] - _penalty(token, a, other, b)))
    return found


# ---- Chinese ↔ Vietnamese -----------------------------------------------------------------------


def _han_runs(ta: list[Token]) -> list[list[int]]:
    """Indices of Han tokens, in runs of adjacent characters."""
    runs: list[list[int]] = []
    for i, token in enumerate(ta):
        if is_cjk(token.text[0]) and len(token.text) == 1:
            if runs and ta[runs[-1][-1]].end == token.start:
                runs[-1].append(i)
            else:
                runs.append([i])
    return runs


def _match(chars: list[int], window: range, options: dict[int, set[int]]) -> dict[int, int] | None:
    """A perfect matching of characters to syllables of the window (Kuhn's augmenting paths)."""
    owner: dict[int, int] = {}

    def place(i: int, seen: set[int]) -> bool:
        for p in options[i]:
            if p in window and p not in seen:
                seen.add(p)
                if p not in owner or place(owner[p], seen):
                    owner[p] = i
                    return True
        return False

    for i in chars:
        if not place(i, set()):
            return None
    return {i: p for p, i in owner.items()}


def _loose_edges(chars: list[int], zt: list[Token]) -> tuple[int, int]:
    """How many characters at each end of a block are words of their own next to a run of
    dictionary words (应 in 应|中国|最高|人民|检察院): they may belong elsewhere (应勇 ↔ Ứng Dũng)."""
    text = "".join(zt[i].text for i in chars)
    dictionary = lexicon.cedict()
    cut, k = [], 0
    while k < len(text):
        size = next((n for n in range(min(8, len(text) - k), 1, -1) if text[k : k + n] in dictionary), 1)
        cut.append(size)
        k += size
    left = 1 if len(cut) > 1 and cut[0] == 1 and all(n > 1 for n in cut[1:]) else 0
    right = 1 if len(cut) > 1 and cut[-1] == 1 and all(n > 1 for n in cut[:-1]) else 0
    return (left, right) if left + right < len(cut) else (0, 0)


def _block(
    chars: list[int],
    matching: dict[int, int],
    syllables: list[int],
    zt: list[Token],
    z: str,
    vt: list[Token],
    v: str,
) -> list[Candidate]:
    """A block of characters matched syllable by syllable, less loose single characters at its
    ends, which become candidates of their own."""
    left, right = _loose_edges(chars, zt)
    core = chars[left : len(chars) - right]
    loose = chars[:left] + chars[len(chars) - right :]
    first = vt[syllables[min(matching[i] for i in core)]]
    score = SCORES["block"] + 0.5 * len(core) - _penalty(zt[core[0]], z, first, v)
    parts: list[tuple[tuple[int, ...], tuple[int, ...]]] = [((i,), (syllables[matching[i]],)) for i in core]
    found = [Candidate(frozenset(core), frozenset(syllables[matching[i]] for i in core), score, parts)]
    for i in loose:
        j = syllables[matching[i]]
        found.append(_candidate((i,), (j,), SCORES["single"] + 0.1 - _penalty(zt[i], z, vt[j], v)))
    return found


def _hv(zt: list[Token], z: str, vt: list[Token], v: str) -> list[Candidate]:
    syllables = [j for j, token in enumerate(vt) if not token.key.startswith("#")]
    at: dict[str, list[int]] = defaultdict(list)
    for p, j in enumerate(syllables):
        at[vt[j].key].append(p)
    options: dict[int, set[int]] = {}
    for run in _han_runs(zt):
        for i in run:
            options[i] = {p for key in lexicon.hv_keys(zt[i].text) for p in at.get(key, ())}
    found: list[Candidate] = []
    in_block: set[int] = set()
    for run in _han_runs(zt):
        k = 0
        while k < len(run):
            size_found = 0
            for size in range(min(MAX_BLOCK, len(run) - k), 1, -1):
                chars = run[k : k + size]
                if not all(options[i] for i in chars):
                    continue
                starts = {
                    p - d
                    for p in options[chars[0]]
                    for d in range(size)
                    if 0 <= p - d <= len(syllables) - size
                }
                for start in sorted(starts):
                    matching = _match(chars, range(start, start + size), options)
                    if matching:
                        found.extend(_block(chars, matching, syllables, zt, z, vt, v))
                        size_found = size
                if size_found:
                    break
            if size_found:
                in_block.update(run[k : k + size_found])
                k += size_found
            else:
                k += 1
    for i, places in options.items():
        char = zt[i].text
        if i in in_block or char in FUNCTION_CHARS or len(places) != 1:
            continue
        j = syllables[next(iter(places))]
        found.append(_candidate((i,), (j,), SCORES["single"] - _penalty(zt[i], z, vt[j], v)))
    return found


_MEMO: dict[tuple[str, int], object] = {}  # per unit being linked: work two pairs share


def _zh_words(zt: list[Token]) -> list[tuple[tuple[int, ...], frozenset[str]]]:
    """Every CC-CEDICT word in the Han runs, as token indices with its gloss stems."""
    key = ("zh_words", id(zt))
    if key not in _MEMO:
        _MEMO[key] = _find_zh_words(zt)
    return _MEMO[key]  # type: ignore[return-value]


def _find_zh_words(zt: list[Token]) -> list[tuple[tuple[int, ...], frozenset[str]]]:
    dictionary = lexicon.cedict()
    longest = lexicon.cedict_max()
    words = []
    for run in _han_runs(zt):
        text = "".join(zt[i].text for i in run)
        for k in range(len(run)):
            for size in range(1, min(longest, len(run) - k) + 1):
                glosses = dictionary.get(text[k : k + size])
                if glosses:
                    words.append((tuple(run[k : k + size]), glosses))
    return words


def _gloss_score(size: int) -> float:
    return {1: 0.5, 2: SCORES["gloss"], 3: SCORES["gloss"] - 0.1}.get(size, SCORES["gloss"] - 0.2)


def _vi_windows(vt: list[Token]) -> dict[str, list[tuple[int, ...]]]:
    """English stem → Vietnamese words (token index runs of 1–4 syllables) glossed with it."""
    key = ("vi_windows", id(vt))
    if key not in _MEMO:
        _MEMO[key] = _find_vi_windows(vt)
    return _MEMO[key]  # type: ignore[return-value]


def _find_vi_windows(vt: list[Token]) -> dict[str, list[tuple[int, ...]]]:
    glosses = lexicon.vi_glosses()
    syllables = [j for j, token in enumerate(vt) if not token.key.startswith("#")]
    by_stem: dict[str, list[tuple[int, ...]]] = defaultdict(list)
    for p in range(len(syllables)):
        for size in range(1, MAX_WINDOW + 1):
            run = syllables[p : p + size]
            if len(run) < size:
                break
            for stem in glosses.get(" ".join(vt[j].key for j in run), ()):
                by_stem[stem].append(tuple(run))
    return by_stem


def _zh_vi_glosses(zt: list[Token], z: str, vt: list[Token], v: str) -> list[Candidate]:
    by_stem = _vi_windows(vt)
    glossed = by_stem.keys()
    found = []
    for chars, stems in _zh_words(zt):
        if len(chars) == 1:
            continue
        seen = set()
        for stem in stems & glossed:
            for window in by_stem[stem]:
                # a word for a word: 法院 ↔ tòa án, not 副院长 ↔ phó
                if window not in seen and len(window) - 2 <= len(chars) <= len(window) + 1:
                    seen.add(window)
                    score = SCORES["bridge"] + 0.1 * len(window) - _penalty(zt[chars[0]], z, vt[window[0]], v)
                    found.append(_candidate(chars, window, score))
    return found


def zh_vi(zt: list[Token], z: str, vt: list[Token], v: str) -> list[Candidate]:
    return (
        _numbers(zt, z, vt, v) + _same_words(zt, z, vt, v) + _hv(zt, z, vt, v) + _zh_vi_glosses(zt, z, vt, v)
    )


# ---- Chinese ↔ English --------------------------------------------------------------------------


def _en_content(et: list[Token]) -> dict[str, list[int]]:
    """English content stems → their tokens (shared by the zh–en and vi–en pairs of a unit)."""
    key = ("en_content", id(et))
    if key not in _MEMO:
        from reader.align.features import EN_STOP, stem

        index: dict[str, list[int]] = defaultdict(list)
        for j, token in enumerate(et):
            if _latin(token) and token.key not in EN_STOP and len(token.key) > 1:
                index[stem(token.key)].append(j)
        _MEMO[key] = index
    return _MEMO[key]  # type: ignore[return-value]


@lru_cache(maxsize=400_000)
def _long_prefixes(stems: frozenset[str]) -> frozenset[str]:
    return frozenset(stem[: lexicon.FUZZY_PREFIX] for stem in stems if len(stem) >= lexicon.FUZZY_PREFIX)


def _stem_lookup(index: dict[str, list[int]]):
    """stems → English tokens with one of them or a close one (`lexicon.stems_match`)."""
    by_prefix: dict[str, list[str]] = defaultdict(list)
    for stem in index:
        if len(stem) >= lexicon.FUZZY_PREFIX:
            by_prefix[stem[: lexicon.FUZZY_PREFIX]].append(stem)
    keys = index.keys()
    prefixes = by_prefix.keys()

    def lookup(stems: frozenset[str]) -> dict[int, float]:
        """token → score change: 0 for the same stem, `FUZZY_COST` less for a close one."""
        matched: dict[int, float] = {}
        for prefix in _long_prefixes(stems) & prefixes:
            for other in by_prefix[prefix]:
                if other not in stems and any(
                    lexicon.stems_match(stem, other) for stem in stems if stem.startswith(prefix)
                ):
                    for j in index[other]:
                        matched[j] = -FUZZY_COST
        for stem in stems & keys:
            for j in index[stem]:
                matched[j] = 0.0
        return matched

    return lookup


def _names(zt: list[Token], et: list[Token], z: str, e: str) -> list[Candidate]:
    """Latin names spelled from the characters' readings: one word for two or three characters
    (Beijing, Hanoi, Yapin), or neighbouring capitalised words for neighbouring characters (Zhu
    Yapin, Dao Thinh Cuong)."""
    targets = {fold(token.text).replace("-", "") for token in et if _latin(token) and token.text[0].isupper()}
    if not targets:
        return []
    prefixes = {target[:n] for target in targets for n in range(1, len(target) + 1)}
    spelled: dict[str, list[tuple[int, ...]]] = defaultdict(list)
    for run in _han_runs(zt):
        for k in range(len(run)):
            spellings = [""]
            for size in (1, 2, 3):
                window = tuple(run[k : k + size])
                if len(window) < size:
                    break
                keys = lexicon.name_keys(zt[window[-1]].text)
                # only spellings that can still become a capitalised word of the English text
                spellings = [s + key for s in spellings for key in keys if s + key in prefixes][:27]
                if not spellings:
                    break
                for spelling in spellings:
                    if spelling in targets:
                        spelled[spelling].append(window)
    single: dict[int, list[tuple[int, ...]]] = {}
    found = []
    for j, token in enumerate(et):
        if not _latin(token) or not token.text[0].isupper():
            continue
        for chars in spelled.get(fold(token.text).replace("-", ""), ()):
            if len(chars) >= 2:
                found.append(_candidate(chars, (j,), SCORES["name"] - _penalty(zt[chars[0]], z, token, e)))
            else:
                single.setdefault(j, []).append(chars)
    for j, options in single.items():
        for chars in options:
            neighbours = [single.get(j - 1, []), single.get(j + 1, [])]
            if any(abs(other[0] - chars[0]) == 1 for near in neighbours for other in near):
                found.append(_candidate(chars, (j,), SCORES["name"] - _penalty(zt[chars[0]], z, et[j], e)))
    # a two-character given name after a one-character surname: Zhu + Yapin
    for cand in list(found):
        (j,) = tuple(cand.b)
        for chars in single.get(j - 1, []):
            if chars[0] + 1 == min(cand.a):
                found.append(_candidate(chars, (j - 1,), SCORES["name"]))
    return found


def zh_en(zt: list[Token], z: str, et: list[Token], e: str) -> list[Candidate]:
    lookup = _stem_lookup(_en_content(et))
    found = _numbers(zt, z, et, e) + _same_words(zt, z, et, e) + _names(zt, et, z, e)
    for chars, stems in _zh_words(zt):
        for j, cost in lookup(stems).items():
            score = _gloss_score(len(chars)) + cost - _penalty(zt[chars[0]], z, et[j], e)
            found.append(_candidate(chars, (j,), score))
    return found


# ---- Vietnamese ↔ English -----------------------------------------------------------------------


def _vi_names(vt: list[Token], v: str, et: list[Token], e: str) -> list[Candidate]:
    """Capitalised Vietnamese syllables written without marks in English: Nguyen Huy Tien,
    Hanoi (two syllables in one word), Lang Son."""
    syllables = [
        j for j, token in enumerate(vt) if not token.key.startswith("#") and token.text[:1].isupper()
    ]
    spelled: dict[str, list[tuple[int, ...]]] = defaultdict(list)
    for p, j in enumerate(syllables):
        spelled[fold(vt[j].text)].append((j,))
        if p + 1 < len(syllables) and syllables[p + 1] == j + 1:
            spelled[fold(vt[j].text + vt[j + 1].text)].append((j, j + 1))
    found = []
    for i, token in enumerate(et):
        if _latin(token) and token.text[0].isupper() and i:
            for window in spelled.get(fold(token.text), ()):
                if window[0]:  # not the sentence's first word
                    found.append(
                        _candidate(window, (i,), SCORES["name"] - _penalty(vt[window[0]], v, token, e))
                    )
    return found


def vi_en(vt: list[Token], v: str, et: list[Token], e: str) -> list[Candidate]:
    lookup = _stem_lookup(_en_content(et))
    found = _numbers(vt, v, et, e) + _same_words(vt, v, et, e) + _vi_names(vt, v, et, e)
    for stem, windows in _vi_windows(vt).items():
        for j, cost in lookup(frozenset((stem,))).items():
            for window in windows:
                score = SCORES["lexicon"] + 0.1 * len(window) + cost - _penalty(vt[window[0]], v, et[j], e)
                found.append(_candidate(window, (j,), score))
    return found


# ---- choosing ---------------------------------------------------------------------------------------


COHERENCE = 0.3  # bonus for a candidate whose neighbours, on both sides, are linked to each other


def select(candidates: list[Candidate]) -> list[Candidate]:
    """`choose`, then again with a bonus for candidates next to the links first chosen on both
    sides (检察院 ↔ Procuratorate beside 人民 ↔ People's, not the Procurator of Procurator-General):
    the order of neighbours tells repeated words apart better than their place in the sentence."""
    first = choose(candidates)
    if len(first) < 2:
        return first
    near: dict[int, list[frozenset[int]]] = defaultdict(list)
    for cand in first:
        for i in cand.a:
            near[i].append(cand.b)
    rescored = []
    for cand in candidates:
        beside = [b for k in (min(cand.a) - 1, max(cand.a) + 1) for b in near.get(k, ()) if b != cand.b]
        close = any(min(cand.b) - 2 <= max(b) and min(b) <= max(cand.b) + 2 for b in beside)
        rescored.append(Candidate(cand.a, cand.b, cand.score + (COHERENCE if close else 0.0), cand.parts))
    return choose(rescored)


def choose(candidates: list[Candidate]) -> list[Candidate]:
    """Best first; a candidate is taken when none of its tokens is linked yet, or when it only
    adds neighbouring words of one side to a link already taken for the same words of the other
    (Vice + President ↔ 副院长)."""
    taken: list[Candidate] = []
    owner_a: dict[int, int] = {}
    owner_b: dict[int, int] = {}
    for cand in sorted(candidates, key=lambda c: -c.score):
        if owner_a.keys().isdisjoint(cand.a) and owner_b.keys().isdisjoint(cand.b):
            number = len(taken)
            taken.append(Candidate(cand.a, cand.b, cand.score, list(cand.parts)))
            owner_a.update(dict.fromkeys(cand.a, number))
            owner_b.update(dict.fromkeys(cand.b, number))
            continue
        linked_a = {owner_a.get(i) for i in cand.a}
        linked_b = {owner_b.get(j) for j in cand.b}
        if linked_a == {None} and linked_b == {None}:
            number = len(taken)
            taken.append(Candidate(cand.a, cand.b, cand.score, list(cand.parts)))
        elif linked_b == {None} and len(linked_a) == 1 and None not in linked_a:
            number = next(iter(linked_a))  # type: ignore[assignment]
            if taken[number].a != cand.a or not _adjacent(cand.b, taken[number].b):
                continue
            taken[number].b |= cand.b
            taken[number].parts.extend(cand.parts)
        elif linked_a == {None} and len(linked_b) == 1 and None not in linked_b:
            number = next(iter(linked_b))  # type: ignore[assignment]
            if taken[number].b != cand.b or not _adjacent(cand.a, taken[number].a):
                continue
            taken[number].a |= cand.a
            taken[number].parts.extend(cand.parts)
        else:
            continue
        for i in cand.a:
            owner_a[i] = number
        for j in cand.b:
            owner_b[j] = number
    return taken


def _adjacent(new: frozenset[int], old: frozenset[int]) -> bool:
    return min(new) <= max(old) + 2 and max(new) >= min(old) - 2


def _spans(chosen: list[Candidate], ta: list[Token], tb: list[Token]) -> list[Span]:
    spans = set()
    for cand in chosen:
        for a, b in cand.parts:
            spans.add(
                (
                    min(ta[i].start for i in a),
                    max(ta[i].end for i in a),
                    min(tb[j].start for j in b),
                    max(tb[j].end for j in b),
                )
            )
    return sorted(spans)


def _pivot(zv: list[Candidate], ze: list[Candidate], vt: list[Token], et: list[Token]) -> list[Candidate]:
    """vi ↔ en through the Chinese words both are linked to."""
    by_char: dict[int, list[frozenset[int]]] = defaultdict(list)
    for cand in ze:
        for i in cand.a:
            by_char[i].append(cand.b)
    found = []
    for cand in zv:
        for chars, syllables in cand.parts:
            targets = {j for i in chars for b in by_char.get(i, ()) for j in b}
            if targets:
                found.append(_candidate(syllables, tuple(sorted(targets)), SCORES["pivot"]))
    return found


def link_candidates(
    texts: dict[str, str],
) -> tuple[dict[str, list[Token]], dict[tuple[str, str], list[Candidate]]]:
    """The unit's tokens per language and the dictionary links chosen for each pair."""
    toks = {lang: tokens(text, lang) for lang, text in texts.items() if text}
    _MEMO.clear()
    chosen: dict[tuple[str, str], list[Candidate]] = {}
    makers = {("zh", "vi"): zh_vi, ("zh", "en"): zh_en, ("vi", "en"): vi_en}
    for a, b in PAIRS:
        if a in toks and b in toks:
            candidates = makers[a, b](toks[a], texts[a], toks[b], texts[b])
            if (a, b) == ("vi", "en") and ("zh", "vi") in chosen and ("zh", "en") in chosen:
                candidates += _pivot(chosen["zh", "vi"], chosen["zh", "en"], toks["vi"], toks["en"])
            chosen[a, b] = select(candidates)
    _MEMO.clear()
    return toks, chosen


def spans(
    chosen: dict[tuple[str, str], list[Candidate]], toks: dict[str, list[Token]]
) -> dict[str, list[Span]]:
    return {f"{a}-{b}": _spans(found, toks[a], toks[b]) for (a, b), found in chosen.items()}


def link_unit(texts: dict[str, str]) -> dict[str, list[Span]]:
    """Dictionary links between every two languages of a unit: "zh-vi", "zh-en", "vi-en" → spans
    (without the corpus statistics, which need the whole corpus: see `stats`)."""
    toks, chosen = link_candidates(texts)
    return spans(chosen, toks)
