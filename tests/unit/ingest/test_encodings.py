"""Encodings and scripts (issue 19): a page's declared charset is honoured, a stray byte in
UTF-8 text is replaced and warned of (not a reason to decode all of it wrongly or to refuse
the file), and articles in scripts without spaces are long enough to be articles. The texts
here were written for these tests."""

from __future__ import annotations

from pathlib import Path

from conftest import Files
from storyline.ingest.discover import SourceRef
from storyline.ingest.reader import ReadOptions, read_source
from storyline.runner import RunOptions, run
from storyline.store import Store

GERMAN = (
    "Neue Brutplätze für die Vögel am Deich",
    "Die Gemeinde Nordmoor hat am Dienstag beschlossen, am alten Deich neue Brutplätze für die "
    "Vögel anzulegen. Die Arbeiten sollen im Frühjahr beginnen, sagte die Bürgermeisterin. "
    "Naturschützer begrüßten den Beschluss und kündigten an, die Zählungen fortzusetzen.",
)
RUSSIAN = (
    "Мост через реку откроют весной",
    "Власти города Северный сообщили во вторник, что новый мост через реку откроют весной. "
    "Строители завершили основные работы раньше срока, сказал глава района. Движение по "
    "старому мосту будет закрыто на две недели.",
)
JAPANESE = (
    "港の防波堤の修理が始まる",
    "北浜市は火曜日、台風で壊れた港の防波堤の修理を来月から始めると発表した。工事は冬の嵐の前に"
    "終わる予定で、費用は市と県が半分ずつ負担する。漁業組合は決定を歓迎し、早い完成を求めた。",
)
CHINESE = (
    "新桥将于春季通车",
    "北河市政府周二宣布，横跨北河的新大桥将于明年春季正式通车。市长在记者会上表示，工程比原计划提前"
    "两个月完成，总投资约为十二亿元。新桥通车后，两岸之间的行车时间将从四十分钟缩短到十分钟。"
    "当地居民对此表示欢迎，但也有人担心施工期间的噪音问题。",
)


def page(title: str, body: str, charset: str | None) -> str:
    meta = f'<meta charset="{charset}">' if charset else ""
    paragraphs = "".join(f"<p>{sentence}</p>" for sentence in body.split(". "))
    return (
        f"<!doctype html><html><head>{meta}<title>{title}</title></head><body>"
        f"<article><h1>{title}</h1>{paragraphs}</article></body></html>"
    )


def read(path: Path, fmt: str) -> tuple[str, str, list[str]]:
    article = read_source(SourceRef(str(path), fmt, path.stat().st_size), ReadOptions())
    return article.raw_text, article.encoding, [w.kind for w in article.warnings]


def test_a_pages_meta_charset_is_honoured(files: Files) -> None:
    for name, (title, body), charset in (
        ("ru.html", RUSSIAN, "windows-1251"),
        ("ja.html", JAPANESE, "shift_jis"),
        ("de.html", GERMAN, "iso-8859-15"),
    ):
        path = files.write(name, page(title, body, charset).encode(charset))
        text, _, warnings = read(path, "html")
        assert body.split(". ")[0] in text, name
        assert warnings == [], name


def test_a_stray_byte_in_utf8_is_replaced_not_a_reason_to_misread_the_page(
    files: Files,
) -> None:
    data = page(*GERMAN, "utf-8").encode("utf-8").replace(b"Arbeiten", b"Arbei\xfften")
    text, encoding, warnings = read(files.write("de.html", data), "html")
    assert "Brutplätze für die Vögel" in text and "Arbei\ufffdten" in text
    assert (encoding, warnings) == ("utf-8", ["not-utf8"])


def test_a_stray_byte_in_a_utf8_text_file_is_replaced_and_warned(files: Files) -> None:
    data = ("\n\n".join(GERMAN) + "\n").encode("utf-8").replace(b"Gemeinde", b"Gem\xe9inde")
    text, encoding, warnings = read(files.write("de.txt", data), "txt")
    assert "für die Vögel" in text and "Gem\ufffdinde" in text
    assert (encoding, warnings) == ("utf-8", ["not-utf8"])


def test_windows_1252_text_is_still_read_as_windows_1252(files: Files) -> None:
    data = "Prices rose to £15.8m, the “highest” since 1990, the council said on Friday."
    text, encoding, _ = read(files.write("gb.txt", data.encode("cp1252")), "txt")
    assert (text.strip(), encoding) == (data, "cp1252")


def test_articles_in_scripts_without_spaces_are_articles(files: Files, tmp_path: Path) -> None:
    files.write("zh.html", page(*CHINESE, "utf-8"))
    files.write("ja.html", page(*JAPANESE, "utf-8"))
    with Store(tmp_path / "news.db") as store:
        summary = run([str(files.root)], store, RunOptions(workers=1))
        assert [str(p) for p in summary.problems] == []
        titles = {t for (t,) in store.conn.execute("SELECT title FROM documents")}
        assert titles == {CHINESE[0], JAPANESE[0]}
