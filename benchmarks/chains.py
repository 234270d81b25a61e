"""The registry targets of issue 5 (``benchmarks/run.py --only chains``).

1. Classification of 1,000,000 registry records (name + 经营范围 of 100–300 characters +
   main products) onto 200 nodes with 5,000 keywords (and 400 excluded keywords): our
   Aho-Corasick classifier vs ``flashtext`` doing the same matching (a KeywordProcessor
   holding the same words, its hits scored by the same code) in the same run. Goals: ≥
   200,000 records/s, ≥ 5× flashtext. flashtext (pure Python, ≈10× slower) is timed on the
   first ``PEER_SAMPLE`` records and its rate compared. Rates are CPU time of this process
   (``time.process_time``): the machine's two cores are shared, wall time varies with load.
2. End to end: a 1,000,000-row .csv written to benchmarks/out/, then ``import_registry``
   (read, check, classify, store companies and matches) into the benchmark database.
   Goals: < 90 s, peak memory (ru_maxrss of this process, which holds the whole benchmark)
   < 1 GB.
"""

import random
import resource
import time

from benchmarks.common import OUT

PEER_SAMPLE = 100_000

# Business-scope phrases as 经营范围 reads (许可项目 / 一般项目 …), and the parts keywords are made of.
GENERIC = (
    "技术服务、技术开发、技术咨询、技术交流、技术转让、技术推广",
    "货物进出口",
    "技术进出口",
    "进出口代理",
    "销售代理",
    "国内贸易代理",
    "普通货物仓储服务（不含危险化学品等需许可审批的项目）",
    "机械设备租赁",
    "信息咨询服务（不含许可类信息咨询服务）",
    "企业管理咨询",
    "五金产品批发",
    "建筑材料销售",
    "劳务服务（不含劳务派遣）",
    "非居住房地产租赁",
    "道路货物运输（不含危险货物）",
    "日用百货销售",
    "办公用品销售",
    "工程和技术研究和试验发展",
    "除依法须经批准的项目外，凭营业执照依法自主开展经营活动",
    "依法须经批准的项目，经相关部门批准后方可开展经营活动，具体经营项目以相关部门批准文件或许可证件为准",
)
HEADS = [
    "锂",
    "钠",
    "铜",
    "铝",
    "镍",
    "钴",
    "锰",
    "硅",
    "碳",
    "磷",
    "氟",
    "钛",
    "锌",
    "稀土",
    "石墨",
    "陶瓷",
    "聚合物",
    "高分子",
    "纳米",
    "复合",
    "精细",
    "电子",
    "光伏",
    "医药",
    "生物",
    "汽车",
    "专用",
    "智能",
    "新能源",
    "储能",
]
BODIES = [
    "箔",
    "膜",
    "粉",
    "液",
    "片",
    "管",
    "线",
    "板",
    "胶",
    "浆",
    "剂",
    "盐",
    "酸",
    "材料",
    "电池",
    "电机",
    "模组",
    "芯片",
    "器件",
    "传感器",
    "变压器",
    "底盘",
    "车身",
    "疫苗",
    "试剂",
    "原料药",
    "中间体",
    "涂料",
    "树脂",
    "纤维",
]
TAILS = ["", "制品", "组件", "设备", "添加剂", "前驱体", "回收", "加工", "总成", "配件", "模块", "系统"]
COMPANY_WORDS = [
    "华",
    "楚",
    "江",
    "汉",
    "鑫",
    "源",
    "泰",
    "瑞",
    "达",
    "盛",
    "宏",
    "科",
    "恒",
    "新",
    "隆",
    "博",
    "曾",
    "都",
    "随",
    "星",
]


def vocabulary(rng: random.Random, count: int) -> list[str]:
    words: dict[str, None] = {}
    while len(words) < count:
        words[rng.choice(HEADS) + rng.choice(BODIES) + rng.choice(TAILS)] = None
    return list(words)


def make_nodes(rng: random.Random, nodes: int = 200, keywords: int = 5000):
    from gaoxin.chains.classify import NodeWords

    words = vocabulary(rng, keywords + nodes * 2)
    kw, excluded = words[:keywords], words[keywords:]
    per = keywords // nodes
    return (
        [NodeWords(i + 1, kw[i * per : (i + 1) * per], excluded[i * 2 : i * 2 + 2]) for i in range(nodes)],
        kw,
        excluded,
    )


def records(rng: random.Random, count: int, keywords: list[str], excluded: list[str]):
    """(name, scope, products) tuples: scope 100–300 characters of real-looking clauses with
    0–4 keywords in it (a third of the records hit nothing), now and then an excluded word."""
    choice, randint, rand = rng.choice, rng.randint, rng.random
    for i in range(count):
        parts = ["许可项目："] if rand() < 0.3 else []
        parts.append("一般项目：")
        hits = randint(0, 4) if rand() < 0.67 else 0
        for _ in range(hits):
            parts.append(choice(keywords) + choice(("研发", "制造", "销售", "生产", "加工")))
            parts.append("、")
        if rand() < 0.05:
            parts.append(choice(excluded) + "销售、")
        target = randint(100, 300)
        length = sum(map(len, parts))
        while length < target:
            clause = choice(GENERIC)
            parts.append(clause)
            parts.append("；")
            length += len(clause) + 1
        scope = "".join(parts)[:target]
        name = (
            f"{choice(COMPANY_WORDS)}{choice(COMPANY_WORDS)}{choice(HEADS)}{choice(BODIES)}有限公司{i % 1000}"
        )
        products = choice(keywords) if rand() < 0.4 else ""
        yield name, scope, products


def bench_classify(count: int = 1_000_000) -> list[dict]:
    from flashtext import KeywordProcessor

    from gaoxin.chains.classify import Classifier

    rng = random.Random(5)
    nodes, keywords, excluded = make_nodes(rng)
    ours_clf = Classifier(nodes)
    word_ids = {w: i for i, w in enumerate(ours_clf.words)}
    peer = KeywordProcessor()
    for word in ours_clf.words:
        peer.add_keyword(word)
    sep = "\n"
    ours_s = peer_s = 0.0
    peer_n = 0
    agree = compared = 0
    chunk = 50_000
    stream = records(rng, count, keywords, excluded)
    done = 0
    while done < count:
        batch = [next(stream) for _ in range(min(chunk, count - done))]
        done += len(batch)
        started = time.process_time()
        ours = ours_clf.classify_many(batch)
        ours_s += time.process_time() - started
        if peer_n < PEER_SAMPLE:
            score = ours_clf.score
            extract = peer.extract_keywords
            started = time.process_time()
            theirs = []
            for name, scope, products in batch:
                text = f"{name}{sep}{scope}{sep}{products}"
                name_end = len(name)
                hits = [(end - 1, word_ids[w]) for w, _s, end in extract(text, span_info=True)]
                theirs.append(score(hits, name_end))
            peer_s += time.process_time() - started
            peer_n += len(batch)
            compared += len(batch)
            agree += sum(a == b for a, b in zip(ours, theirs, strict=True))
    rate = count / ours_s
    peer_rate = peer_n / peer_s
    size = f"{count:,} records, 200 nodes, 5,000 keywords"
    print(f"classification: ours {rate:,.0f}/s, flashtext {peer_rate:,.0f}/s, same result {agree}/{compared}")
    return [
        {
            "name": "registry classification, records per second",
            "size": size,
            "ours": round(rate),
            "peer": round(peer_rate),
            "ratio": round(rate / peer_rate, 1),
            "unit": "records/s",
            "goal": "ours ≥ 200000",
            "met": count == 1_000_000 and rate >= 200_000,
        },
        {
            "name": "registry classification (vs flashtext)",
            "size": size,
            "ours": round(ours_s, 2),
            "peer": round(count / peer_rate, 2),
            "ratio": round(rate / peer_rate, 1),
            "unit": "s",
            "goal": "ratio ≥ 5",
            "met": count == 1_000_000 and rate / peer_rate >= 5,
        },
    ]


def write_registry_csv(count: int, keywords, excluded):
    from gaoxin.core import uscc

    rng = random.Random(11)
    path = OUT / f"registry-{count}.csv"
    regions = ["421303", "421321", "420100", "320500", "440300"]
    seen: set[str] = set()
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write("企业名称,统一社会信用代码,行政区划代码,注册资本（万元）,成立日期,经营范围,主营产品\n")
        lines = []
        for i, (name, scope, products) in enumerate(records(rng, count, keywords, excluded)):
            code = uscc.generate(rng, regions[i % 5])
            while code in seen:
                code = uscc.generate(rng, regions[i % 5])
            seen.add(code)
            lines.append(
                f"{name}{i},{code},{regions[i % 5]},{(i % 997) * 10},{2000 + i % 25}-{1 + i % 12:02d}-{1 + i % 28:02d},"
                f"{scope.replace(',', '，')},{products}\n"
            )
            if len(lines) >= 50_000:
                out.writelines(lines)
                lines = []
        out.writelines(lines)
    return path


def bench_import(count: int = 1_000_000) -> list[dict]:
    from gaoxin.chains.models import Chain, ChainNode, CompanyMatch, RegistryCompany
    from gaoxin.chains.registry import import_registry

    rng = random.Random(5)
    nodes, keywords, excluded = make_nodes(rng)
    CompanyMatch.objects.all().delete()
    RegistryCompany.objects.all().delete()
    ChainNode.objects.filter(chain__code="bench").delete()
    chain, _new = Chain.objects.get_or_create(code="bench", defaults={"name": "基准测试链"})
    ChainNode.objects.bulk_create(
        ChainNode(
            chain=chain,
            code=f"n{node.node_id}",
            name=f"节点{node.node_id}",
            keywords="、".join(node.keywords),
            excluded_keywords="、".join(node.excluded),
        )
        for node in nodes
    )
    started = time.perf_counter()
    path = write_registry_csv(count, keywords, excluded)
    print(f"wrote {path.name} ({path.stat().st_size / 1e6:.0f} MB) in {time.perf_counter() - started:.1f} s")
    started, cpu = time.perf_counter(), time.process_time()
    result = import_registry(path)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    assert not result.file_error and result.created == count, (result.file_error, result.errors[:3])
    print(
        f"import: {seconds:.1f} s wall, {cpu:.1f} s CPU, {result.matches:,} matches, peak RSS {peak_mb:.0f} MB"
    )
    path.unlink(missing_ok=True)
    size = f"{count:,} rows (.csv, {result.matches:,} matches)"
    return [
        {
            "name": "registry import + classification, end to end",
            "size": size,
            "ours": round(seconds, 1),
            "peer": None,
            "ratio": None,
            "unit": "s",
            "goal": "ours < 90",
            "met": count == 1_000_000 and seconds < 90,
        },
        {
            "name": "registry import, peak memory (RSS)",
            "size": size,
            "ours": round(peak_mb),
            "peer": None,
            "ratio": None,
            "unit": "MB",
            "goal": "ours < 1024",
            "met": count == 1_000_000 and peak_mb < 1024,
        },
    ]


def bench_chains(count: int = 1_000_000) -> list[dict]:
    return bench_classify(count) + bench_import(count)
