"""Bench section "extract": articles per second per core, model load, and what ``state`` imports.

Throughput is the coder's steady state over the development texts when ``../shared`` is
present (``eval/articles-dev``: 60 real articles of about 2,000 characters, with their
headlines), else over ~2 KB articles built from the bundled sample feed's paragraphs. It is
counted per second of the process's CPU time, so it is per core whatever threads the model
uses. Beside it, in the same run and on the same texts: the same coder with the statistical
parse turned off (the coder as it read before the parse), and spaCy's blank tokenizer. The
parse cache is cleared before every timed pass, so each pass parses as new articles would.

Reported separately: the cold load of the statistical model in a fresh process (beside a
blank spaCy pipeline's), the resident memory of a process that has read one article, and
whether ``tracker state`` imports spaCy (it must not: queries never pay for the model).
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import seeds
from tracker.bench.figures import Figure, paired_ratio

__all__ = ["BenchArticle", "bench_articles", "run", "sample_articles"]

SECTION = "extract"
_DEV_SET = Path(__file__).resolve().parents[2].parent / "shared" / "eval" / "articles-dev"

# Resident set size now, from /proc (ru_maxrss would carry the parent's peak over exec).
_RSS = (
    "print(next(int(line.split()[1]) for line in open('/proc/self/status') "
    "if line.startswith('VmRSS:')))"
)
_LOADED = (
    "from datetime import date; from tracker.extract.ingest import shared_coder; "
    "shared_coder().code('Armenia and the United States signed a charter on Tuesday.', "
    "date(2025, 1, 14)); " + _RSS
)
# In a fresh interpreter: seconds to import spaCy and build a blank pipeline, then seconds
# to load the parse model on top (-1 without a model).
_MODEL_LOAD = (
    "import time; t = time.perf_counter(); import spacy; spacy.blank('en'); "
    "blank = time.perf_counter() - t; from tracker.extract.syntax import parser; "
    "t = time.perf_counter(); nlp = parser(); model = time.perf_counter() - t; "
    "print(blank, model if nlp is not None else -1)"
)
# Runs `tracker state` on an empty log, then counts the spaCy and thinc modules it imported
# (nothing is printed if the command failed, so a failure is never read as a pass).
_STATE_IMPORTS = (
    "import sys\n"
    "from tracker.cli import main\n"
    "main(['state', 'ARM', 'USA', '--as-of', '2025-01-14', '--db', sys.argv[1]])\n"
    "names = [m for m in sys.modules if m.split('.')[0] in ('spacy', 'thinc')]\n"
    "print(len(names), file=sys.stderr)\n"
)


@dataclass(frozen=True, slots=True)
class BenchArticle:
    """What the coder reads of one article."""

    title: str
    text: str
    published: date


def sample_articles(count: int, size: int = 2000) -> list[str]:
    """``count`` articles of about ``size`` characters, from the sample feed's paragraphs."""
    from tracker.feeds.parse import parse_feed

    feed = parse_feed(seeds.path("sample_feed.xml").read_bytes())
    paragraphs = [p for entry in feed.entries for p in entry.text.split("\n\n") if p.strip()]
    articles: list[str] = []
    cursor = 0
    for _ in range(count):
        parts: list[str] = []
        while sum(len(p) for p in parts) < size:
            parts.append(paragraphs[cursor % len(paragraphs)])
            cursor += 1
        articles.append("\n\n".join(parts))
    return articles


def bench_articles(quick: bool) -> tuple[str, list[BenchArticle]]:
    """The texts to read and their name: the development set if present, else the sample."""
    if (_DEV_SET / "articles.jsonl").is_file():
        from tracker.extract.article_set import load_articles

        dev = load_articles(_DEV_SET)
        chosen = dev[:20] if quick else dev
        return f"{len(chosen)} development articles", [
            BenchArticle(a.title, a.text, a.published_at.date()) for a in chosen
        ]
    texts = sample_articles(20 if quick else 60)
    published = date(2025, 1, 21)
    return f"{len(texts)} sample-feed articles of 2 KB", [
        BenchArticle("", text, published) for text in texts
    ]


def _cpu_seconds(fn: Callable[[], object]) -> float:
    """CPU seconds of this process (every thread) that one call of ``fn`` takes."""
    start = time.process_time()
    fn()
    return time.process_time() - start


@contextmanager
def _without_parse() -> Iterator[None]:
    """The coder as it reads with no model installed: no parse tree for any rule."""
    from tracker.extract import coder

    kept = getattr(coder, "parse")  # noqa: B009 - the coder's own name for the parse
    setattr(coder, "parse", lambda sentence: None)  # noqa: B010
    try:
        yield
    finally:
        setattr(coder, "parse", kept)  # noqa: B010


def _subprocess_out(code: str, *args: str, stream: str = "stdout") -> str:
    proc = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, check=False
    )
    out: str = getattr(proc, stream)
    if not out.strip():
        raise RuntimeError(f"bench subprocess printed nothing: {proc.stderr[-500:]}")
    return out.strip().splitlines()[-1]


def _throughput(quick: bool) -> list[Figure]:
    from tracker.extract.coder import Coder
    from tracker.extract.pipeline import blank_pipeline
    from tracker.extract.syntax import parse, parser

    name, articles = bench_articles(quick)
    coder = Coder()
    bare = blank_pipeline()
    runs = 3 if quick else 5

    def extract() -> None:
        parse.cache_clear()  # each pass parses its sentences anew, as new articles would
        for a in articles:
            coder.code(a.text, a.published, title=a.title)

    def unparsed() -> None:
        with _without_parse():
            for a in articles:
                coder.code(a.text, a.published, title=a.title)

    def tokenize() -> None:
        for a in articles:
            bare.make_doc(a.title)
            bare.make_doc(a.text)

    has_model = parser() is not None
    extract()  # warm the model and the caches: steady state, not the first article
    unparsed()
    ours, before, raw = [], [], []
    for _ in range(runs):  # the three back to back in each run, for paired ratios
        ours.append(_cpu_seconds(extract))
        before.append(_cpu_seconds(unparsed))
        raw.append(_cpu_seconds(tokenize))
    count = len(articles)
    rate = count / statistics.median(ours)
    rate_before = count / statistics.median(before)
    note = f"{name}, CPU time" + ("" if has_model else "; no model installed: the parse is off")
    return [
        Figure(
            SECTION,
            "articles/s per core, with the parse",
            rate,
            "articles/s",
            rate_before,
            "same coder, parse off",
            target=30,
            target_kind="value>=",
            note=note,
            paired_ratio=paired_ratio(ours, before),
        ),
        Figure(
            SECTION,
            "articles/s per core, parse off",
            rate_before,
            "articles/s",
            count / statistics.median(raw),
            "spaCy blank tokenizer",
            note=note,
            paired_ratio=paired_ratio(before, raw),
        ),
    ]


def _model_load(quick: bool) -> Figure:
    runs = [_subprocess_out(_MODEL_LOAD).split() for _ in range(1 if quick else 3)]
    blank = [float(b) for b, _ in runs]
    model = [float(m) for _, m in runs]
    if min(model) < 0:
        return Figure(SECTION, "model cold load", 0.0, "s", note="no model installed")
    cold = [b + m for b, m in zip(blank, model, strict=True)]
    return Figure(
        SECTION,
        "model cold load (fresh process)",
        statistics.median(cold),
        "s",
        statistics.median(blank),
        "import spaCy, blank pipeline",
        note=f"of which loading the model: {statistics.median(model):.2f} s",
        paired_ratio=statistics.median(c / b for c, b in zip(cold, blank, strict=True)),
    )


def _state_imports() -> Figure:
    from tracker.app import Tracker

    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "empty.db"
        with Tracker.open(db):
            pass
        count = int(_subprocess_out(_STATE_IMPORTS, str(db), stream="stderr"))
    return Figure(
        SECTION,
        "spaCy modules `tracker state` imports",
        count,
        "modules",
        target=0,
        target_kind="value<=",
        note="queries never load the model",
    )


def _rss_mb(code: str) -> float:
    return int(_subprocess_out(code)) / 1024  # VmRSS is in KiB


def run(quick: bool) -> list[Figure]:
    """Every figure of the section."""
    figures = _throughput(quick)
    figures.append(_model_load(quick))
    figures.append(_state_imports())
    figures.append(
        Figure(
            SECTION,
            "RSS with the coder loaded",
            _rss_mb(_LOADED),
            "MB",
            _rss_mb(_RSS),
            "bare python",
            target=250,
            target_kind="value<=",
        )
    )
    return figures
