import datetime as dt
import gzip
import json
from pathlib import Path

import pytest

from incidentmap.errors import InputError
from incidentmap.read import Skipped, article_from_text, parse_date, read_articles


def _one(path, **kw):
    items = list(read_articles([path], **kw))
    assert len(items) == 1
    return items[0]


def test_read_seed_takes_date_and_publisher_from_sidecar(seed_path, seed_text):
    art = _one(seed_path)
    assert art.text == seed_text  # the text is kept exactly as it is: offsets index it
    assert art.published == dt.date(2022, 1, 7)
    assert art.publisher == "New York Post"
    assert art.id == str(seed_path)


def test_read_markdown_front_matter_sets_date_and_strips_header(tmp_path):
    p = tmp_path / "a.md"
    p.write_text("---\ntitle: Fire in Lyon\ndate: 2023-07-04\n---\nA fire broke out in Lyon.\n")
    art = _one(p)
    assert art.title == "Fire in Lyon"
    assert art.published == dt.date(2023, 7, 4)
    assert art.text.startswith("A fire broke out")


def test_read_html_extracts_article_text_and_meta(tmp_path):
    p = tmp_path / "a.html"
    p.write_text(
        "<html><head><title>T</title>"
        '<meta property="article:published_time" content="2021-03-02T10:00:00Z">'
        '<meta property="og:site_name" content="Daily News">'
        "<script>var x = 'Paris';</script></head><body><nav>Home | World</nav>"
        "<article><h1>Clashes in Dhaka</h1><p>Police fired tear gas.</p><p>Dozens were hurt.</p>"
        "</article><footer>Copyright</footer></body></html>")
    art = _one(p)
    assert art.published == dt.date(2021, 3, 2)
    assert art.publisher == "Daily News"
    assert "Clashes in Dhaka" in art.text and "Dozens were hurt." in art.text
    assert "Paris" not in art.text and "Home" not in art.text and "Copyright" not in art.text
    assert "tear gas.\n\nDozens" in art.text  # paragraphs stay apart


def test_read_jsonl_corpus_with_fields_and_gzip(tmp_path):
    rows = [{"id": "a", "text": "Riots in Lagos.", "date": "2020-10-21", "source": "Punch"},
            {"doc": "b", "body": "Strike in Paris.", "when": "2019-12-05"}]
    p = tmp_path / "c.jsonl.gz"
    p.write_bytes(gzip.compress(("\n".join(json.dumps(r) for r in rows) + "\n").encode()))
    a, b = list(read_articles([p], on_error="skip"))
    assert (a.id, a.published, a.publisher) == ("a", dt.date(2020, 10, 21), "Punch")
    assert isinstance(b, Skipped) and "'text'" in b.reason
    (b2,) = [x for x in read_articles([p], text_field="body", id_field="doc",
                                      date_field="when", on_error="skip")
             if not isinstance(x, Skipped)]
    assert (b2.id, b2.text, b2.published) == ("b", "Strike in Paris.", dt.date(2019, 12, 5))


def test_read_jsonl_bad_lines_are_skipped_with_reasons_and_good_ones_kept(tmp_path):
    p = tmp_path / "c.jsonl"
    p.write_text('{"id": "1", "text": "A fire in Oslo."}\nnot json\n{"id": "3", "text": ""}\n'
                 '{"id": "4", "text": "Flood in Accra."}\n')
    items = list(read_articles([p], on_error="skip"))
    assert [i.id for i in items if not isinstance(i, Skipped)] == ["1", "4"]
    reasons = {s.where: s.reason for s in items if isinstance(s, Skipped)}
    assert "not JSON" in reasons[f"{p}:2"]
    assert "empty" in reasons[f"{p}:3"]
    with pytest.raises(InputError, match=r"c\.jsonl:2: not JSON"):
        list(read_articles([p]))


def test_read_jsonl_spans_for_resolve_only(tmp_path):
    p = tmp_path / "s.jsonl"
    p.write_text(json.dumps({"id": "x", "text": "Floods in Dhaka.", "spans": [{"start": 10, "end": 15}]}))
    (art,) = read_articles([p])
    assert art.spans == ((10, 15),)
    p.write_text(json.dumps({"id": "x", "text": "Floods.", "spans": [{"start": 3, "end": 99}]}))
    with pytest.raises(InputError, match="outside the text"):
        list(read_articles([p]))


def test_read_folder_recursively_in_sorted_order(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text("Second story from Rome.")
    (tmp_path / "1.txt").write_text("First story from Oslo.")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    ids = [a.id for a in read_articles([tmp_path])]
    assert ids == [str(tmp_path / "1.txt"), str(tmp_path / "b" / "2.txt")]


@pytest.mark.parametrize("content, message", [
    (b"", "empty, there is no text"),
    (b"   \n\t\n", "empty, there is no text"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "looks binary"),
    ("Caf\u00e9 in Montr\u00e9al".encode("latin-1"), "not UTF-8.*--encoding latin-1"),
])
def test_read_bad_files_raise_one_clear_line(tmp_path, content, message):
    p = tmp_path / "bad.txt"
    p.write_bytes(content)
    with pytest.raises(InputError, match=message) as exc:
        list(read_articles([p]))
    assert "\n" not in str(exc.value)


def test_read_wrong_encoding_is_fixed_by_encoding_option(tmp_path):
    p = tmp_path / "latin.txt"
    p.write_bytes("Protest in Montr\u00e9al".encode("latin-1"))
    assert _one(p, encoding="latin-1").text == "Protest in Montr\u00e9al"


def test_read_missing_and_huge_files(tmp_path, monkeypatch):
    with pytest.raises(InputError, match="no such file"):
        list(read_articles([tmp_path / "nope.txt"]))
    import incidentmap.read as read

    monkeypatch.setattr(read, "MAX_DOCUMENT_BYTES", 1000)
    p = tmp_path / "big.txt"
    p.write_text("word " * 1000)
    with pytest.raises(InputError, match="too large"):
        list(read_articles([p]))


def test_read_date_default_applies_only_where_the_document_has_none(tmp_path):
    p = tmp_path / "c.jsonl"
    p.write_text('{"id": "1", "text": "x y", "date": "2020-01-01"}\n{"id": "2", "text": "x y"}\n')
    a, b = read_articles([p], published="2022-02-02")
    assert (a.published, b.published) == (dt.date(2020, 1, 1), dt.date(2022, 2, 2))
    with pytest.raises(InputError, match="YYYY-MM-DD"):
        list(read_articles([p], published="last tuesday"))


@pytest.mark.parametrize("value, expected", [
    ("2022-01-07", dt.date(2022, 1, 7)),
    ("2022-01-07T23:10:00+06:00", dt.date(2022, 1, 7)),
    ("7 January 2022", dt.date(2022, 1, 7)),
    ("Jan. 7, 2022", dt.date(2022, 1, 7)),
    ("September 30th, 2019", dt.date(2019, 9, 30)),
    ("soon", None),
    ("2022-02-30", None),
])
def test_parse_date_forms(value, expected):
    assert parse_date(value) == expected


def test_article_from_text_rejects_empty_and_non_strings():
    with pytest.raises(InputError):
        article_from_text("   ")
    with pytest.raises(InputError):
        article_from_text(b"bytes")  # type: ignore[arg-type]


def test_read_jsonl_corpus_streams_line_by_line(tmp_path, monkeypatch):
    p = tmp_path / "big.jsonl.gz"
    with gzip.open(p, "wt", encoding="utf-8") as fh:
        for i in range(3):
            fh.write(json.dumps({"id": f"d{i}", "text": f"Protest number {i} in Almaty."}) + "\n")
    # The corpus is never read whole into memory.
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail("read whole"))
    gen = read_articles([p])
    assert next(gen).id == "d0"
    assert [a.id for a in gen] == ["d1", "d2"]


def test_read_jsonl_bad_bytes_and_damaged_gzip_are_clear_errors(tmp_path):
    p = tmp_path / "c.jsonl"
    p.write_bytes(b'{"id": "a", "text": "ok"}\n{"id": "b", "text": "caf\xe9"}\n')
    items = list(read_articles([p], on_error="skip"))
    assert items[0].id == "a" and "not UTF-8" in items[-1].reason
    g = tmp_path / "d.jsonl.gz"
    g.write_bytes(gzip.compress(b'{"id": "a", "text": "ok"}\n' * 50)[:40])
    with pytest.raises(InputError, match="damaged gzip"):
        list(read_articles([g]))
