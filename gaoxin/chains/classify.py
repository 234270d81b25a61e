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
from typing import NamedTuple

import ahocorasick

NAME_WEIGHT = 3
MIN_SCORE = 1
SEPARATOR = "\n"  # between name, scope and products: no keyword spans it
SPLIT = re.compile(r"[,，、;；\n\r]+")
CLAUSES = SPLIT.split  # no keyword holds a separator: matching clause by clause loses nothing


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
        # per word id: (nodes it scores for, nodes it vetoes)
        self.targets = [(tuple(inc), tuple(exc)) for inc, exc in words.values()]
        self.automaton = ahocorasick.Automaton()
        for index, word in enumerate(self.words):
            self.automaton.add_word(word, index)
        if self.words:
            self.automaton.make_automaton()
        self.cache: dict[str, tuple[int, ...]] = {}

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
        """``classify`` over (name, scope, products) records."""
        classify = self.classify
        return [classify(name, scope, products) for name, scope, products in records]


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
