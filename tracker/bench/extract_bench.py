"""Bench section "extract": articles per second through the coder, and resident memory.

Throughput is measured on one core over ~2 KB articles built from the sample feed's
paragraphs, beside the bare spaCy blank pipeline tokenizing the same texts. Memory is the
resident set of a fresh process that has loaded the coder and read one article, beside a
bare Python process's (Linux: read from /proc).
"""

from __future__ import annotations

import subprocess
import sys
from datetime import date

import seeds
from tracker.bench.figures import Figure, median_rate, timed

__all__ = ["run", "sample_articles"]

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


def _rss_mb(code: str) -> float:
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    return int(out.strip().splitlines()[-1]) / 1024  # VmRSS is in KiB


def run(quick: bool) -> list[Figure]:
    from tracker.extract.coder import Coder
    from tracker.extract.pipeline import blank_pipeline

    articles = sample_articles(40 if quick else 200)
    coder = Coder()
    bare = blank_pipeline()
    published = date(2025, 1, 21)
    runs = 2 if quick else 5

    def extract() -> None:
        for text in articles:
            coder.code(text, published)

    def tokenize() -> None:
        for text in articles:
            bare.make_doc(text)

    extract()  # warm caches before timing
    rate = median_rate(len(articles), [timed(extract) for _ in range(runs)])
    base = median_rate(len(articles), [timed(tokenize) for _ in range(runs)])
    loaded, python = _rss_mb(_LOADED), _rss_mb(_RSS)
    return [
        Figure(
            "extract",
            "articles/s (2 KB, one core)",
            rate,
            "articles/s",
            base,
            "spaCy blank tokenizer",
            target=100,
            target_kind="value>=",
        ),
        Figure(
            "extract",
            "RSS with the coder loaded",
            loaded,
            "MB",
            python,
            "bare python",
            target=250,
            target_kind="value<=",
        ),
    ]
