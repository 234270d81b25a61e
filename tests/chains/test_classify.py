"""The classifier: exact scores, words, vetoes, overlapping words (pure, no database)."""

import json
from pathlib import Path

import pytest

from gaoxin.chains.classify import Classifier, Match, NodeWords, split_words

COPPER, FOIL_LI, ELECTROLYTE, ADDITIVE, CELL, RECYCLE = 1, 2, 3, 4, 5, 6


@pytest.fixture(scope="module")
def clf():
    return Classifier(
        [
            NodeWords(COPPER, ["铜箔", "电解铜箔"], ["铜箔胶带"]),
            NodeWords(FOIL_LI, ["锂电铜箔", "锂电池铜箔"]),
            NodeWords(ELECTROLYTE, ["电解液", "六氟磷酸锂"], ["电解液分析仪"]),
            NodeWords(ADDITIVE, ["电解液添加剂", "碳酸亚乙烯酯"]),
            NodeWords(CELL, ["锂离子电池", "电芯", "锂电池"], ["电池回收"]),
            NodeWords(RECYCLE, ["电池回收", "废旧锂电池"]),
        ]
    )


def test_split_words_separators_and_duplicates():
    assert split_words("铜箔, 电解铜箔，锂电铜箔、压延铜箔\n铜箔；箔材;  ") == [
        "铜箔",
        "电解铜箔",
        "锂电铜箔",
        "压延铜箔",
        "箔材",
    ]
    assert split_words("") == []


def test_scope_hits_score_one_name_hits_three(clf):
    assert clf.classify("江汉铜箔有限公司", "电解铜箔、铜箔的生产和销售", "") == [
        Match(COPPER, 3 + 1 + 1, ("铜箔", "电解铜箔"))
    ]


def test_longest_word_wins_copper_foil(clf):
    # 锂电铜箔 is one word: the shorter 铜箔 inside it does not count as well
    assert clf.classify("某公司", "锂电铜箔制造", "") == [Match(FOIL_LI, 1, ("锂电铜箔",))]
    # both present, each where it stands
    result = clf.classify("某公司", "锂电铜箔制造；标准铜箔销售", "")
    assert result == [Match(COPPER, 1, ("铜箔",)), Match(FOIL_LI, 1, ("锂电铜箔",))]


def test_longest_word_wins_electrolyte(clf):
    assert clf.classify("", "电解液添加剂的研发", "") == [Match(ADDITIVE, 1, ("电解液添加剂",))]
    assert clf.classify("", "电解液、电解液添加剂", "六氟磷酸锂") == [
        Match(ELECTROLYTE, 2, ("电解液", "六氟磷酸锂")),
        Match(ADDITIVE, 1, ("电解液添加剂",)),
    ]


def test_excluded_keyword_vetoes_only_its_node(clf):
    # 电解液分析仪 is excluded for the electrolyte node: that node is dropped, even with other hits
    assert clf.classify("", "电解液分析仪销售；六氟磷酸锂", "") == []
    # 铜箔胶带 (adhesive tape) vetoes copper foil
    assert clf.classify("铜箔胶带厂", "铜箔胶带、铜箔", "") == []
    # 电池回收 scores for recycling and vetoes the cell node, which 锂电池 would have matched
    assert clf.classify("", "锂电池销售；电池回收", "") == [Match(RECYCLE, 1, ("电池回收",))]


def test_repeated_words_count_each_time_but_listed_once(clf):
    assert clf.classify("电芯科技", "电芯、电芯模组", "电芯") == [Match(CELL, 3 + 1 + 1 + 1, ("电芯",))]


def test_min_score_and_empty_text():
    strict = Classifier([NodeWords(COPPER, ["铜箔"])], min_score=2)
    assert strict.classify("", "铜箔", "") == []
    assert strict.classify("", "铜箔；铜箔", "") == [Match(COPPER, 2, ("铜箔",))]
    assert strict.classify("铜箔公司", "", "") == [Match(COPPER, 3, ("铜箔",))]
    assert strict.classify("", "", "") == []
    assert Classifier([]).classify("铜箔", "铜箔", "") == []


def test_words_do_not_span_name_and_scope(clf):
    # name ends with 电解, scope starts with 液: no 电解液 across the separator
    assert clf.classify("某某电解", "液体销售", "") == []


def test_word_shared_by_two_nodes_scores_both():
    shared = Classifier([NodeWords(1, ["隔膜"]), NodeWords(2, ["隔膜", "涂覆"])])
    assert shared.classify("", "隔膜涂覆", "") == [Match(2, 2, ("隔膜", "涂覆")), Match(1, 1, ("隔膜",))]


def test_classify_many_equals_classify(clf):
    records = [("江汉铜箔", "锂电铜箔", ""), ("", "", ""), ("", "电解液", "电芯")]
    assert clf.classify_many(records) == [clf.classify(*r) for r in records]
    assert clf.classify("", "电解液", "电芯")[0].words_text == "电解液"


def test_precision_sample_as_reported():
    """The hand-labelled sample (tests/chains/classifier_sample.json): precision and recall of
    the demo-style lithium chain keywords stay where docs/chains.md reports them."""
    sample = json.loads((Path(__file__).parent / "classifier_sample.json").read_text(encoding="utf-8"))
    report = evaluate(sample)
    assert (report["tp"], report["fp"], report["fn"]) == (71, 10, 5)  # precision 0.877, recall 0.934


def evaluate(sample: dict) -> dict:
    """Micro precision / recall over (company, node) pairs of the labelled sample."""
    clf = Classifier(
        NodeWords(n["id"], split_words(n["keywords"]), split_words(n["excluded_keywords"]))
        for n in sample["nodes"]
    )
    tp = fp = fn = 0
    for company in sample["companies"]:
        found = {m.node_id for m in clf.classify(company["name"], company["scope"], company["products"])}
        wanted = set(company["labels"])
        tp, fp, fn = tp + len(found & wanted), fp + len(found - wanted), fn + len(wanted - found)
    return {"tp": tp, "fp": fp, "fn": fn, "precision": tp / (tp + fp), "recall": tp / (tp + fn)}


if __name__ == "__main__":  # the numbers in docs/chains.md
    sample = json.loads((Path(__file__).parent / "classifier_sample.json").read_text(encoding="utf-8"))
    print(evaluate(sample), len(sample["companies"]))


def test_classify_many_batches_equal_classify(clf, monkeypatch):
    """classify_many scores a batch at once (arrays): the same matches, words and order as
    classify record by record, across batches, with vetoes, repeats and missing fields."""
    from gaoxin.chains import classify as module

    monkeypatch.setattr(module, "BATCH", 3)
    records = [
        ("江汉铜箔有限公司", "电解铜箔、铜箔的生产和销售；铜箔", "电解铜箔"),
        ("", "铜箔胶带、铜箔", ""),  # vetoed
        ("楚天锂电池", "锂电池铜箔；电解液添加剂、电解液；六氟磷酸锂", "电芯、电池回收"),
        ("", "", ""),
        ("无关公司", "技术服务", "软件"),
        ("锂离子电池", "", "锂离子电池"),
        ("电解液", "电解液分析仪；电解液", "碳酸亚乙烯酯、电解液添加剂、碳酸亚乙烯酯"),
    ]
    expected = [clf.classify(*record) for record in records]
    assert clf.classify_many(records) == expected
    assert clf.classify_many(iter(records)) == expected
    assert clf.classify_many([("江汉铜箔", None, "电芯")]) == [clf.classify("江汉铜箔", None, "电芯")]
    assert clf.classify_many([]) == []


def test_classify_many_shared_words_and_min_score():
    shared = Classifier([NodeWords(7, ["隔膜", "涂覆"], ["湿法"]), NodeWords(2, ["隔膜"])], min_score=2)
    records = [("隔膜", "涂覆、隔膜", ""), ("", "隔膜", "隔膜"), ("", "隔膜", ""), ("湿法", "隔膜涂覆", "")]
    assert shared.classify_many(records) == [shared.classify(*r) for r in records]
    assert shared.classify_many(records)[0] == [Match(7, 5, ("隔膜", "涂覆")), Match(2, 4, ("隔膜",))]
