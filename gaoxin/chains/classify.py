"""The registry classifier: a company's name, business scope and main products → chain nodes.

One Aho-Corasick automaton (``pyahocorasick``, C) holds every keyword and excluded keyword of
a set of chains; it is built once per set of chain versions (``automaton_for``) and reused for
every record. Matching is *leftmost-longest, non-overlapping* (``iter_long``), as ``flashtext``
matches: in "锂电铜箔" only 锂电铜箔 is found (not also 铜箔), in "电解液添加剂" only
电解液添加剂 (not also 电解液). So a node whose keyword is the longer word wins the text, and a
shorter keyword still matches where it stands alone.

Scoring (pure, exact):

* every occurrence of a node's keyword counts ``NAME_WEIGHT`` (3) when it is in the company's
  name and 1 when it is in the scope or the products;
* an excluded keyword of a node found anywhere in the text vetoes that node (the node is
  dropped whatever its score);
* a node is kept when its score is at least ``min_score`` (default 1);
* the matched words (distinct, in the order found) are kept as the explanation.

A word may be a keyword of several nodes (each scores) and an excluded keyword of others.
"""

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import chain as chained
from itertools import repeat
from typing import NamedTuple

import ahocorasick
import numpy as np

from gaoxin.core.bulk import gc_paused

NAME_WEIGHT = 3
MIN_SCORE = 1
SEPARATOR = "\n"  # between name, scope and products: no keyword spans it
SPLIT = re.compile(r"[,，、;；\n\r]+")
CLAUSES = SPLIT.split  # no keyword holds a separator: matching clause by clause loses nothing
RECORD_ENDS = "\x1f\x1e\x1d\x1c\x00\x01\x02\x03"  # candidates to join names with
BATCH = 20_000  # records matched together by ``classify_many`` (one scan, one set of arrays)


def split_words(text: str) -> list[str]:
    """Keywords of a node field: separated by commas (half or full width), 、, semicolons or
    new lines; blanks dropped, order kept, duplicates once."""
    seen: dict[str, None] = {}
    for part in SPLIT.split(text or ""):
        word = part.strip()
        if word:
            seen.setdefault(word, None)
    return list(seen)


@dataclass(frozen=True)
class NodeWords:
    """The words of one node, as the classifier needs them (no database)."""

    node_id: int
    keywords: Sequence[str]
    excluded: Sequence[str] = ()


class Match(NamedTuple):
    node_id: int
    score: int
    words: tuple[str, ...]

    @property
    def words_text(self) -> str:
        return "、".join(self.words)


def _automaton(words: list[str]) -> ahocorasick.Automaton:
    """The Aho-Corasick automaton of ``words``, each word's value its index."""
    automaton = ahocorasick.Automaton()
    for index, word in enumerate(words):
        automaton.add_word(word, index)
    if words:
        automaton.make_automaton()
    return automaton


class Classifier:
    """The automaton of a set of nodes. ``classify`` is pure: text in, matches out.

    Speed: the scope and products are cut at the characters that separate keywords (、，,；;
    and new lines: no keyword contains one, so no match is lost or changed) and each clause's
    hits are remembered. Business scopes are written from the registration authorities'
    standard clauses (经营范围登记规范表述目录), so most clauses recur across companies and are
    looked up, not scanned; the cache is bounded (``CACHE_SIZE``)."""

    CACHE_SIZE = 500_000

    def __init__(self, nodes: Iterable[NodeWords], min_score: int = MIN_SCORE):
        self.min_score = min_score
        words: dict[str, tuple[list[int], list[int]]] = {}
        for node in nodes:
            for word in node.keywords:
                words.setdefault(word, ([], []))[0].append(node.node_id)
            for word in node.excluded:
                words.setdefault(word, ([], []))[1].append(node.node_id)
        self.words = list(words)
        self.single = [(word,) for word in self.words]  # the words of a match of one word
        # per word id: (nodes it scores for, nodes it vetoes)
        self.targets = [(tuple(inc), tuple(exc)) for inc, exc in words.values()]
        self.automaton = _automaton(self.words)
        self.cache: dict[str, tuple[int, ...]] = {}
        # classify_many scans a batch's texts joined by a character no word holds: the same
        # hits as classify's clause by clause when no word holds one of SPLIT's characters
        held = set().union(*self.words) if self.words else set()
        self.record_end = next((c for c in RECORD_ENDS if c not in held), None)
        self.batched = (
            bool(self.words) and self.record_end is not None and not SPLIT.search("".join(self.words))
        )
        self._index_targets()

    def _index_targets(self) -> None:
        """Word → nodes it scores for / vetoes, as CSR arrays over node indices (ids sorted)."""
        ids = sorted({n for inc, exc in self.targets for n in inc + exc})
        index = {node: i for i, node in enumerate(ids)}
        self.node_ids = np.array(ids, dtype=np.int64)
        self.node_count = max(len(ids), 1)
        self.inc_len = np.array([len(inc) for inc, _exc in self.targets], dtype=np.int64)
        self.inc_ptr = (np.cumsum(self.inc_len) - self.inc_len).astype(np.int64)
        self.inc_nodes = np.array([index[n] for inc, _exc in self.targets for n in inc], dtype=np.int64)
        self.exc_len = np.array([len(exc) for _inc, exc in self.targets], dtype=np.int64)
        self.exc_ptr = (np.cumsum(self.exc_len) - self.exc_len).astype(np.int64)
        self.exc_nodes = np.array([index[n] for _inc, exc in self.targets for n in exc], dtype=np.int64)

    def __len__(self) -> int:
        return len(self.words)

    def found(self, text: str) -> list[tuple[int, int]]:
        """(end position, word id) of every match, leftmost-longest."""
        if not self.words:
            return []
        return list(self.automaton.iter_long(text))

    def _text_hits(self, text: str) -> list[int]:
        """Word ids found in ``text`` (scope or products), clause by clause, cached."""
        cache = self.cache
        out: list[int] = []
        scan = self.automaton.iter_long
        for clause in CLAUSES(text):
            hits = cache.get(clause)
            if hits is None:
                if len(cache) >= self.CACHE_SIZE:
                    cache.clear()
                hits = cache[clause] = tuple([word for _end, word in scan(clause)])
            if hits:
                out += hits
        return out

    def classify(self, name: str = "", scope: str = "", products: str = "") -> list[Match]:
        """The nodes of a company, best first (score, then node id)."""
        if not self.words:
            return []
        name_hits = [word for _end, word in self.automaton.iter_long(name)] if name else []
        text = f"{scope}\n{products}" if products else scope
        return self.score_words(name_hits, self._text_hits(text) if text else [])

    def score(self, hits, name_end: int) -> list[Match]:
        """Scores from (end position, word id) pairs; positions before ``name_end`` are the name."""
        name_hits, other = [], []
        for end, word in hits:
            (name_hits if end < name_end else other).append(word)
        return self.score_words(name_hits, other)

    def score_words(self, name_hits: list[int], other_hits: list[int]) -> list[Match]:
        if not name_hits and not other_hits:
            return []
        targets = self.targets
        scores: dict[int, int] = {}
        found: dict[int, dict[int, None]] = {}
        vetoed: set[int] = set()
        for hits, weight in ((name_hits, NAME_WEIGHT), (other_hits, 1)):
            for word in hits:
                include, exclude = targets[word]
                if exclude:
                    vetoed.update(exclude)
                for node in include:
                    scores[node] = scores.get(node, 0) + weight
                    if node in found:
                        found[node][word] = None
                    else:
                        found[node] = {word: None}
        if not scores:
            return []
        words = self.words
        minimum = self.min_score
        out = [
            Match(node, total, tuple([words[w] for w in found[node]]))
            for node, total in scores.items()
            if total >= minimum and node not in vetoed
        ]
        if len(out) > 1:
            out.sort(key=lambda m: (-m.score, m.node_id))
        return out

    def classify_many(self, records: Iterable[tuple[str, str, str]]) -> list[list[Match]]:
        """``classify`` over (name, scope, products) records: the same results, faster. The
        records are matched ``BATCH`` at a time (``_batch``): one scan of all the names, the
        scopes' and products' clauses looked up in the clause cache, and the scoring done on
        arrays (numpy) for the whole batch; Python only builds the matches kept."""
        if not self.batched:
            classify = self.classify
            return [classify(name, scope, products) for name, scope, products in records]
        records = records if isinstance(records, list) else list(records)
        # the cyclic garbage collector would walk the clause cache again and again while the
        # matches are built (they hold no cycles): paused meanwhile (core.bulk.gc_paused)
        with gc_paused():
            if len(records) <= BATCH:
                return self._batch(records)
            out: list[list[Match]] = []
            for start in range(0, len(records), BATCH):
                out += self._batch(records[start : start + BATCH])
            return out

    def _batch(self, records: list) -> list[list[Match]]:
        """One batch of ``classify_many``: the hits of every text (``_hits``), the scores and
        vetoes per (record, node) (``_scored``), each kept node's distinct words
        (``_distinct_words``) and the matches, best first per record (``_matches``)."""
        if not records:
            return []
        try:
            names, scopes, products = zip(*records, strict=True)
            texts = names + scopes + products
            joined = self.record_end.join(texts)
        except TypeError:  # a missing (None) field: record by record
            classify = self.classify
            return [classify(name, scope, products) for name, scope, products in records]
        count = len(names)
        hits = self._hits(texts, joined, count)
        scored = self._scored(*hits) if hits is not None else None
        if scored is None:
            return [[] for _ in range(count)]
        keys, row_words = self._distinct_words(*scored)
        return self._matches(keys, row_words, scored[2], scored[4], scored[5], count)

    def _hits(self, texts: tuple, joined: str, count: int):
        """(record, word id, weight) of every hit, or None: one scan of every name, then every
        scope, then every products (so each record's hits come in that order); a hit's text
        is found from its end position."""
        found = np.fromiter(chained.from_iterable(self.automaton.iter_long(joined)), dtype=np.int64).reshape(
            -1, 2
        )
        if not len(found):
            return None
        separators = np.cumsum(np.fromiter(map(len, texts), dtype=np.int64, count=3 * count) + 1) - 1
        text_index = np.searchsorted(separators, found[:, 0], side="right")
        return text_index % count, found[:, 1], np.where(text_index < count, NAME_WEIGHT, 1)

    def _scored(self, hit_records, hit_words, weights):
        """Per (record, node) key: its score and whether it is kept (score high enough, no
        veto), with the rows (hit × node) behind each key; None when nothing is kept."""
        nodes = self.node_count
        rows, row_nodes = self._expand(hit_words, self.inc_len, self.inc_ptr, self.inc_nodes)
        if not len(rows):
            return None
        keys = hit_records[rows] * nodes + row_nodes
        unique, inverse = np.unique(keys, return_inverse=True)
        scores = np.bincount(inverse, weights=weights[rows]).astype(np.int64)
        keep = scores >= self.min_score
        vetoing = self.exc_len[hit_words] > 0
        if vetoing.any():
            veto_rows, veto_nodes = self._expand(
                hit_words[vetoing], self.exc_len, self.exc_ptr, self.exc_nodes
            )
            vetoed = hit_records[vetoing][veto_rows] * nodes + veto_nodes
            keep &= ~np.isin(unique, vetoed)
        if not keep.any():
            return None
        return keys, hit_words[rows], unique, inverse, scores, keep

    @staticmethod
    def _distinct_words(keys, words, unique, inverse, scores, keep):
        """The words of the kept keys: distinct per key, in order of appearance (rows are in
        order of appearance, so a stable sort by key keeps it); (keys, words) sorted by key."""
        kept_row = keep[inverse]
        keys, row_words, group = keys[kept_row], words[kept_row], inverse[kept_row]
        order = np.argsort(keys, kind="stable")
        keys, row_words, group = keys[order], row_words[order], group[order]
        several = np.flatnonzero(np.bincount(inverse)[group] > 1)  # rows of keys hit more than once
        if len(several):
            in_key, word = keys[several], row_words[several]
            order = np.lexsort((several, word, in_key))
            again = (in_key[order][1:] == in_key[order][:-1]) & (word[order][1:] == word[order][:-1])
            if again.any():
                first = np.ones(len(keys), dtype=bool)
                first[several[order][1:][again]] = False
                keys, row_words = keys[first], row_words[first]
        return keys, row_words

    def _matches(self, keys, row_words, unique, scores, keep, count: int) -> list[list[Match]]:
        """The Match tuples per record, best first: score, then node id (kept keys are in
        (record, node) order); Python only builds the matches kept."""
        kept_keys, kept_scores = unique[keep], scores[keep]
        starts = np.searchsorted(keys, kept_keys)  # each kept key's first word
        sizes = np.diff(np.append(starts, len(keys)))
        key_records, key_nodes = np.divmod(kept_keys, self.node_count)
        top = int(kept_scores.max())
        order = np.argsort(key_records * (top + 1) + (top - kept_scores), kind="stable")
        groups = self._word_groups(row_words, starts[order], sizes[order])
        matches = list(
            map(
                tuple.__new__,
                repeat(Match),
                zip(
                    self.node_ids[key_nodes[order]].tolist(), kept_scores[order].tolist(), groups, strict=True
                ),
            )
        )
        per_record = np.bincount(key_records, minlength=count)
        ends = np.cumsum(per_record)
        return list(map(matches.__getitem__, map(slice, (ends - per_record).tolist(), ends.tolist())))

    def _word_groups(self, row_words, starts, sizes) -> list[tuple[str, ...]]:
        """The words of each match: a shared 1-tuple for the usual single word."""
        groups = list(map(self.single.__getitem__, row_words[starts].tolist()))
        several = np.flatnonzero(sizes > 1)
        if len(several):
            words = self.words
            for i, a, n in zip(
                several.tolist(), starts[several].tolist(), sizes[several].tolist(), strict=True
            ):
                groups[i] = tuple([words[w] for w in row_words[a : a + n].tolist()])
        return groups

    @staticmethod
    def _expand(word_ids, lengths, pointers, targets):
        """(row of ``word_ids``, target) for every target of every word: CSR expansion."""
        per_word = lengths[word_ids]
        total = int(per_word.sum())
        rows = np.repeat(np.arange(len(word_ids), dtype=np.int64), per_word)
        offsets = np.arange(total, dtype=np.int64) - np.repeat(np.cumsum(per_word) - per_word, per_word)
        return rows, targets[pointers[word_ids][rows] + offsets]


# --- from the database -----------------------------------------------------------------------

_CACHE: dict[tuple, Classifier] = {}


def chain_versions(chains) -> dict[str, int]:
    """{chain id (text): version} of ``chains``: what an ImportBatch records."""
    return {str(chain.pk): chain.version for chain in chains}


def automaton_for(chains=None, min_score: int = MIN_SCORE) -> Classifier:
    """The classifier of ``chains`` (all chains when None), built once per set of keywords
    (a chain's ``version``, raised when its keywords change, is what an import records)."""
    from .models import Chain, ChainNode

    if chains is None:
        chains = list(Chain.objects.all())
    # Keyed by the keywords themselves (one small query), not only the chains' versions: a
    # node changed outside the admin, or ids reused after a rollback, must not hit a stale one.
    nodes = tuple(
        ChainNode.objects.filter(chain__in=[c.pk for c in chains])
        .order_by("pk")
        .values_list("pk", "keywords", "excluded_keywords")
    )
    key = (hash(nodes), min_score)
    classifier = _CACHE.get(key)
    if classifier is None:
        classifier = Classifier(
            (NodeWords(pk, split_words(kw), split_words(ex)) for pk, kw, ex in nodes), min_score=min_score
        )
        if len(_CACHE) > 8:
            _CACHE.clear()
        _CACHE[key] = classifier
    return classifier
