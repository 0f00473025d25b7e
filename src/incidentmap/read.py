"""Reading articles: plain text, Markdown with front matter, HTML, JSONL corpora, gzip, stdin.

Every input becomes an :class:`~incidentmap.model.Article` whose ``text`` is what all later
offsets index.  Bad documents are either raised as :class:`~incidentmap.errors.InputError`
(``on_error="raise"``) or yielded as :class:`Skipped` records with a reason
(``on_error="skip"``), so that one bad line in a corpus of thousands never stops a run.

Publication dates come, in order of preference, from the document itself (JSONL field,
front matter, HTML meta tags, a sidecar ``<name>.meta.json``), then from the ``published``
default the caller gives (``--date``).
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import gzip
import io
import json
import os
import re
import sys
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, Iterable, Iterator

from .errors import InputError
from .model import Article

__all__ = [
    "read_articles",
    "article_from_text",
    "parse_date",
    "Skipped",
    "ARTICLE_SUFFIXES",
    "MAX_DOCUMENT_BYTES",
]

#: File endings read as articles when a directory is given.
ARTICLE_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".jsonl", ".ndjson")

#: Documents larger than this are refused: no news article is 16 MiB of text, and a
#: mistaken input (a database dump, a video) should fail fast rather than fill memory.
MAX_DOCUMENT_BYTES = 16 * 1024 * 1024


@dataclass(frozen=True)
class Skipped:
    """A document that could not be read, and why (``where`` is a path, ``path:line`` for a
    JSONL line)."""

    where: str
    reason: str
    doc_id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"where": self.where, "reason": self.reason, "doc_id": self.doc_id}


# ---------------------------------------------------------------------------------------
# dates


_MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august",
     "september", "october", "november", "december"], start=1)}
_MONTHS.update({k[:3]: v for k, v in list(_MONTHS.items())})
_MONTHS["sept"] = 9

_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_DMY = re.compile(r"(\d{1,2})\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})")
_MDY = re.compile(r"([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})")


def parse_date(value: Any) -> _dt.date | None:
    """Parse a publication date given as ISO (``2022-01-07``, ``2022-01-07T10:00:00Z``),
    ``7 January 2022`` or ``Jan. 7, 2022``; ``None`` when it is not a date.

    >>> parse_date("2022-01-07T08:30:00+06:00")
    datetime.date(2022, 1, 7)
    """
    if value is None or value == "":
        return None
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    if isinstance(value, (int, float)):
        return None
    s = str(value).strip()
    try:
        m = _ISO_DATE.match(s)
        if m:
            return _dt.date(int(m[1]), int(m[2]), int(m[3]))
        m = _DMY.search(s)
        if m and m[2].lower().rstrip(".") in _MONTHS:
            return _dt.date(int(m[3]), _MONTHS[m[2].lower()], int(m[1]))
        m = _MDY.search(s)
        if m and m[1].lower().rstrip(".") in _MONTHS:
            return _dt.date(int(m[3]), _MONTHS[m[1].lower()], int(m[2]))
    except ValueError:
        return None
    return None


def _require_date(value: Any, what: str) -> _dt.date:
    d = parse_date(value)
    if d is None:
        raise InputError(f"{what}: {value!r} is not a date; write it as YYYY-MM-DD.")
    return d


# ---------------------------------------------------------------------------------------
# bytes -> text


def _decode(data: bytes, where: str, encoding: str | None) -> str:
    """Decode bytes to text, refusing binary data with a message that says what to do."""
    if data[:2] == b"\x1f\x8b":
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError) as exc:
            raise InputError(f"{where}: a damaged gzip file ({exc}).") from None
    if len(data) > MAX_DOCUMENT_BYTES and not where.endswith((".jsonl", ".ndjson", ".gz", "<stdin>")):
        raise InputError(
            f"{where}: {len(data) / 1e6:.0f} MB, too large for one article "
            f"(limit {MAX_DOCUMENT_BYTES // 2**20} MiB); split it, or give a JSONL corpus."
        )
    # With an explicit --encoding (utf-16-le has NUL bytes in every ASCII character) the
    # control-character check of the decoded text catches binary data instead.
    if not encoding and b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        hint = _utf16_hint(data[:8192])
        if hint:
            raise InputError(f"{where}: looks like UTF-16 text without a byte-order mark; "
                             f"pass --encoding {hint}.")
        raise InputError(f"{where}: looks binary (it contains NUL bytes), not an article; "
                         "give a .txt, .md, .html or .jsonl file.")
    if encoding:
        try:
            return data.decode(encoding)
        except LookupError:
            raise InputError(f"unknown encoding {encoding!r}; try utf-8, latin-1 or cp1252.") from None
        except UnicodeDecodeError as exc:
            raise InputError(f"{where}: not valid {encoding} (byte {data[exc.start]:#04x} at "
                             f"offset {exc.start}); pass the right --encoding.") from None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{where}: not UTF-8 (byte {data[exc.start]:#04x} at offset {exc.start}); "
            "pass --encoding latin-1 (or the file's encoding)."
        ) from None


def _utf16_hint(sample: bytes) -> str | None:
    """'utf-16-le' / 'utf-16-be' when NULs sit on one side of nearly every byte pair, as
    they do in UTF-16 text of a Latin script; None for other data with NULs."""
    n = len(sample) // 2
    if n < 4:
        return None
    even = sum(1 for i in range(0, 2 * n, 2) if sample[i] == 0)
    odd = sum(1 for i in range(1, 2 * n, 2) if sample[i] == 0)
    if odd >= 0.9 * n and even < 0.1 * n:
        return "utf-16-le"
    if even >= 0.9 * n and odd < 0.1 * n:
        return "utf-16-be"
    return None


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _no_surrogates(value: Any) -> Any:
    """JSON may escape lone surrogates ("\\ud800") that no file can hold; each becomes
    U+FFFD, one character for one, so offsets into the text stay right."""
    return _LONE_SURROGATE.sub("\ufffd", value) if isinstance(value, str) else value


def _check_text(text: str, where: str) -> None:
    if not text.strip():
        raise InputError(f"{where}: empty, there is no text to read.")
    # Text decoded from a binary file under a permissive encoding is mostly control
    # characters; real articles have almost none.
    sample = text[:4096]
    controls = sum(1 for c in sample if ord(c) < 32 and c not in "\n\r\t\f\v")
    if controls > max(8, len(sample) // 50):
        raise InputError(f"{where}: looks binary (control characters), not an article; "
                         "give a .txt, .md, .html or .jsonl file.")


# ---------------------------------------------------------------------------------------
# formats


_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*\r?\n", re.S)


def _front_matter(text: str) -> tuple[dict[str, str], str]:
    """Split simple ``key: value`` front matter from a Markdown body."""
    m = _FRONT_MATTER.match(text)
    if not m:
        return {}, text
    meta: dict[str, str] = {}
    for line in m.group(1).splitlines():
        if ":" in line and not line.lstrip().startswith("#"):
            k, v = line.split(":", 1)
            meta[k.strip().lower()] = v.strip().strip("\"'")
    return meta, text[m.end():]


class _HTMLText(HTMLParser):
    """Article text and metadata from an HTML page, with the standard library only.

    Keeps the text of ``<article>`` when the page has one (navigation, comments and
    footers are not the story); drops scripts, styles and page furniture; turns block
    elements into paragraph breaks so sentences do not run together.
    """

    _SKIP = {"script", "style", "noscript", "template", "svg", "nav", "header", "footer",
             "aside", "form", "button", "select", "iframe", "object", "head"}
    _BLOCK = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6",
              "section", "article", "blockquote", "tr", "table", "figcaption", "pre", "hr",
              "dd", "dt", "main"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.article_parts: list[str] = []
        self.meta: dict[str, str] = {}
        self._skip = 0
        self._article = 0
        self._title: list[str] | None = None
        self._jsonld: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k.lower(): (v or "") for k, v in attrs}
        if tag == "meta":
            key = (a.get("property") or a.get("name") or a.get("itemprop") or "").lower()
            if key and a.get("content"):
                self.meta.setdefault(key, a["content"])
            return
        if tag == "time" and a.get("datetime"):
            self.meta.setdefault("time", a["datetime"])
        if tag == "link" and a.get("rel", "").lower() == "canonical" and a.get("href"):
            self.meta.setdefault("canonical", a["href"])
        if tag == "title":
            self._title = []
            return
        if tag == "script" and "ld+json" in a.get("type", ""):
            self._jsonld = []
            return
        if tag in self._SKIP:
            self._skip += 1
            return
        if tag == "article":
            self._article += 1
        if tag in self._BLOCK:
            self._emit("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title" and self._title is not None:
            self.meta.setdefault("title", " ".join("".join(self._title).split()))
            self._title = None
            return
        if tag == "script" and self._jsonld is not None:
            self._read_jsonld("".join(self._jsonld))
            self._jsonld = None
            return
        if tag in self._SKIP:
            self._skip = max(0, self._skip - 1)
            return
        if tag == "article":
            self._article = max(0, self._article - 1)
        if tag in self._BLOCK:
            self._emit("\n\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in ("meta", "link"):
            self.handle_endtag(tag)

    def handle_data(self, data: str) -> None:
        if self._title is not None:
            self._title.append(data)
        elif self._jsonld is not None:
            self._jsonld.append(data)
        elif not self._skip:
            self._emit(data)

    def _emit(self, s: str) -> None:
        self.parts.append(s)
        if self._article:
            self.article_parts.append(s)

    def _read_jsonld(self, blob: str) -> None:
        try:
            data = json.loads(blob)
        except ValueError:
            return
        items = data if isinstance(data, list) else [data]
        for item in items:
            if isinstance(item, dict):
                for key in ("datePublished", "headline", "url"):
                    if isinstance(item.get(key), str):
                        self.meta.setdefault(f"ld:{key.lower()}", item[key])

    def text(self) -> str:
        raw = "".join(self.article_parts if "".join(self.article_parts).strip() else self.parts)
        # Collapse runs of spaces inside paragraphs and of blank lines between them.
        paras = [" ".join(p.split()) for p in re.split(r"\n\s*\n", raw)]
        return "\n\n".join(p for p in paras if p)


def _html_article(html: str) -> tuple[str, dict[str, Any]]:
    parser = _HTMLText()
    parser.feed(html)
    parser.close()
    m = parser.meta
    meta = {
        "title": m.get("og:title") or m.get("ld:headline") or m.get("title"),
        "publisher": m.get("og:site_name") or m.get("publisher"),
        "url": m.get("og:url") or m.get("canonical") or m.get("ld:url"),
        "published": (m.get("article:published_time") or m.get("ld:datepublished")
                      or m.get("date") or m.get("pubdate") or m.get("dc.date")
                      or m.get("datepublished") or m.get("time")),
    }
    return parser.text(), meta


def _sidecar(path: Path) -> dict[str, Any]:
    """Metadata from ``<name>.meta.json`` (or ``<stem>.meta.json``) beside an article."""
    for cand in (path.with_name(path.name + ".meta.json"), path.with_suffix(".meta.json")):
        if cand != path and cand.is_file():
            try:
                data = json.loads(cand.read_text(encoding="utf-8"))
            except (ValueError, UnicodeDecodeError) as exc:
                raise InputError(f"{cand}: not valid JSON ({exc}); fix or remove it.") from None
            if not isinstance(data, dict):
                raise InputError(f"{cand}: expected a JSON object of metadata.")
            return data
    return {}


def _meta_article(doc_id: str, text: str, meta: dict[str, Any], default: _dt.date | None,
                  path: str | None, where: str) -> Article:
    published = meta.get("published", meta.get("date"))
    pub = parse_date(published) if published not in (None, "") else None
    if published not in (None, "") and pub is None:
        raise InputError(f"{where}: publication date {published!r} is not a date; "
                         "write it as YYYY-MM-DD.")
    return Article(
        id=doc_id,
        text=text,
        title=_str_or_none(meta.get("title")),
        publisher=_str_or_none(meta.get("publisher") or meta.get("source")),
        url=_str_or_none(meta.get("url")),
        published=pub or default,
        path=path,
    )


def _str_or_none(v: Any) -> str | None:
    return None if v in (None, "") else str(v)


def article_from_text(text: str, *, id: str = "<text>", published: Any = None,
                      title: str | None = None, publisher: str | None = None,
                      url: str | None = None) -> Article:
    """Make an :class:`Article` from a string, checking that it is real text.

    >>> article_from_text("Protesters stormed the parliament in Bishkek on Monday.",
    ...                   published="2020-10-06").published
    datetime.date(2020, 10, 6)
    """
    if not isinstance(text, str):
        raise InputError(f"expected article text as a string, got {type(text).__name__}.")
    _check_text(text, id)
    pub = published if isinstance(published, _dt.date) or published is None else _require_date(
        published, id)
    return Article(id=id, text=text, title=title, publisher=publisher, url=url,
                   published=pub)


def _iter_jsonl(data: str | Iterable[str], where: str, *, default: _dt.date | None, text_field: str,
                id_field: str, date_field: str) -> Iterator[Article | Skipped]:
    lines = io.StringIO(data) if isinstance(data, str) else data
    for lineno, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        here = f"{where}:{lineno}"
        try:
            obj = json.loads(line)
        except ValueError as exc:
            yield Skipped(here, f"not JSON ({exc.msg})")
            continue
        if not isinstance(obj, dict):
            yield Skipped(here, "not a JSON object")
            continue
        obj = {k: _no_surrogates(v) for k, v in obj.items()}
        raw_id = obj.get(id_field)
        doc_id = _no_surrogates(str(raw_id)) if raw_id not in (None, "") else f"{where}:{lineno}"
        text = obj.get(text_field)
        if not isinstance(text, str):
            yield Skipped(here, f"no {text_field!r} field with text", doc_id)
            continue
        try:
            _check_text(text, here)
            if len(text.encode("utf-8", "surrogatepass")) > MAX_DOCUMENT_BYTES:
                raise InputError(f"{here}: document larger than "
                                 f"{MAX_DOCUMENT_BYTES // 2**20} MiB")
            meta = {k: obj.get(k) for k in ("title", "url", "publisher", "source")}
            meta["published"] = obj.get(date_field, obj.get("published"))
            art = _meta_article(doc_id, text, meta, default, None, here)
        except InputError as exc:
            yield Skipped(here, _reason(exc, here), doc_id)
            continue
        if obj.get("spans") is not None:
            try:
                art = dataclasses.replace(art, spans=_parse_spans(obj["spans"], text))
            except InputError as exc:
                yield Skipped(here, _reason(exc, here), doc_id)
                continue
        yield art


def _parse_spans(raw: Any, text: str) -> tuple[tuple[int, int], ...]:
    """Validate ``[{"start": s, "end": e}, ...]`` (or ``[[s, e], ...]``) against the text."""
    if not isinstance(raw, list):
        raise InputError('"spans" must be a list of {"start": int, "end": int}.')
    out = []
    for sp in raw:
        try:
            s, e = (sp["start"], sp["end"]) if isinstance(sp, dict) else sp
            s, e = int(s), int(e)
        except (KeyError, TypeError, ValueError):
            raise InputError(f'bad span {sp!r}; expected {{"start": int, "end": int}}.') from None
        if not 0 <= s < e <= len(text):
            raise InputError(f"span {s}-{e} lies outside the text (length {len(text)}).")
        out.append((s, e))
    return tuple(sorted(set(out)))


def _reason(exc: Exception, where: str) -> str:
    # Messages read "<where>: <problem>; <fix>"; a Skipped keeps the two apart.
    msg = str(exc)
    return msg[len(where) + 2:] if msg.startswith(f"{where}: ") else msg


def _looks_jsonl(text: str) -> bool:
    head = text.lstrip()[:1]
    if head != "{":
        return False
    first = text.lstrip().split("\n", 1)[0]
    try:
        return isinstance(json.loads(first), dict)
    except ValueError:
        return False


def _looks_html(text: str) -> bool:
    head = text.lstrip()[:512].lower()
    return head.startswith(("<!doctype html", "<html")) or "<body" in head or "<article" in head


def _articles_from_bytes(data: bytes, where: str, *, path: Path | None, encoding: str | None,
                         default: _dt.date | None, text_field: str, id_field: str,
                         date_field: str) -> Iterator[Article | Skipped]:
    text = _decode(data, where, encoding)
    name = (path.name.lower() if path else "")
    if name.endswith(".gz"):
        name = name[:-3]
    is_jsonl = name.endswith((".jsonl", ".ndjson")) or (
        not name.endswith((".txt", ".md", ".markdown", ".html", ".htm")) and _looks_jsonl(text))
    if is_jsonl:
        if not text.strip():
            raise InputError(f"{where}: empty, there are no documents in it.")
        yield from _iter_jsonl(text, where, default=default, text_field=text_field,
                               id_field=id_field, date_field=date_field)
        return
    meta: dict[str, Any] = _sidecar(path) if path else {}
    if name.endswith((".html", ".htm")) or (not name.endswith((".txt", ".md")) and _looks_html(text)):
        text, html_meta = _html_article(text)
        for k, v in html_meta.items():
            if v and k not in meta:
                meta[k] = v
    elif name.endswith((".md", ".markdown")) or text.startswith("---"):
        fm, body = _front_matter(text)
        if fm:
            text = body
            for k, v in fm.items():
                meta.setdefault(k, v)
    _check_text(text, where)
    yield _meta_article(where, text, meta, default, str(path) if path else None, where)


def _is_jsonl_name(path: Path) -> bool:
    low = path.name.lower()
    return low.removesuffix(".gz").endswith((".jsonl", ".ndjson"))


def _stream_jsonl_lines(path: Path, where: str) -> Iterator[str] | None:
    """The lines of a UTF-8 JSONL corpus (gzipped or not), read a line at a time so a corpus
    larger than memory streams; ``None`` when its head needs the whole-file path (UTF-16, a
    byte-order mark of another encoding, NUL bytes), which gives the precise message."""
    opener = gzip.open if path.name.lower().endswith(".gz") else open
    try:
        fh = opener(path, "rb")
        head = fh.peek(8192)[:8192] if hasattr(fh, "peek") else b""
    except (OSError, EOFError) as exc:
        raise InputError(f"{where}: a damaged gzip file ({exc}).") from None
    if b"\x00" in head or head.startswith((b"\xff\xfe", b"\xfe\xff")):
        fh.close()
        return None

    def lines() -> Iterator[str]:
        offset = 0
        with fh:
            try:
                for n, raw in enumerate(fh, start=1):
                    try:
                        line = raw.decode("utf-8-sig" if n == 1 else "utf-8")
                    except UnicodeDecodeError as exc:
                        raise InputError(
                            f"{where}: not UTF-8 (byte {raw[exc.start]:#04x} at offset "
                            f"{offset + exc.start}); pass --encoding latin-1 (or the file's "
                            "encoding).") from None
                    offset += len(raw)
                    yield line
            except (OSError, EOFError) as exc:
                raise InputError(f"{where}: a damaged gzip file ({exc}).") from None
    return lines()


def _expand(paths: Iterable[str | os.PathLike[str]]) -> Iterator[tuple[str, Path | None]]:
    """Yield (name as given, path) for each input; directories are walked recursively in
    sorted order so a corpus always reads the same way."""
    for raw in paths:
        s = os.fspath(raw)
        if s == "-":
            yield "<stdin>", None
            continue
        if not s.strip():
            # Path("") is ".", which would quietly read the whole working folder.
            raise InputError("an empty file name was given; name a file, a folder or - for "
                             "standard input.")
        p = Path(s)
        if p.is_dir():
            found = False
            for sub in sorted(p.rglob("*")):
                low = sub.name.lower()
                if low.endswith(".gz"):
                    low = low[:-3]
                if (sub.is_file() and low.endswith(ARTICLE_SUFFIXES)
                        and not low.endswith(".meta.json") and not sub.name.startswith(".")):
                    found = True
                    yield str(sub), sub
            if not found:
                raise InputError(f"{s}: a folder with no articles in it (looked for "
                                 f"{', '.join(ARTICLE_SUFFIXES)}, also .gz).")
            continue
        yield s, p


def read_articles(
    paths: Iterable[str | os.PathLike[str]] | str | os.PathLike[str],
    *,
    encoding: str | None = None,
    published: Any = None,
    text_field: str = "text",
    id_field: str = "id",
    date_field: str = "date",
    on_error: str = "raise",
) -> Iterator[Article | Skipped]:
    """Read articles from files, folders, JSONL corpora (optionally gzipped) and ``-``.

    ``published`` is the publication date for documents that do not state their own.
    With ``on_error="raise"`` (the default) the first bad document raises
    :class:`~incidentmap.errors.InputError`; with ``"skip"`` it is yielded as
    :class:`Skipped` and reading goes on.  A missing file always raises.

    Example::

        for art in read_articles(["seeds/"], published="2022-01-07"):
            print(art.id, art.published, len(art.text))
    """
    if on_error not in ("raise", "skip"):
        raise ValueError("on_error must be 'raise' or 'skip'")
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    default = published if isinstance(published, _dt.date) or published is None else \
        _require_date(published, "--date")
    for where, path in _expand(paths):
        if path is not None and not path.exists():
            raise InputError(f"{where}: no such file.")
        if path is not None and encoding is None and path.exists() and _is_jsonl_name(path):
            # A JSONL corpus streams: one line in memory at a time, whatever the corpus's size.
            try:
                stream = _stream_jsonl_lines(path, where)
            except InputError as exc:
                if on_error == "raise":
                    raise
                yield Skipped(where, _reason(exc, where))
                continue
            if stream is not None:
                yield from _deliver(_iter_jsonl(stream, where, default=default, text_field=text_field,
                                                id_field=id_field, date_field=date_field),
                                    where, on_error, empty_is_error=True)
                continue
        try:
            if path is None:
                data = sys.stdin.buffer.read()
            else:
                size = path.stat().st_size
                low = path.name.lower()
                if size > MAX_DOCUMENT_BYTES and not low.endswith((".jsonl", ".ndjson", ".gz")):
                    raise InputError(
                        f"{where}: {size / 1e6:.0f} MB, too large for one article (limit "
                        f"{MAX_DOCUMENT_BYTES // 2**20} MiB); split it, or give a JSONL corpus.")
                data = path.read_bytes()
        except OSError as exc:
            # One unreadable file in a folder is a bad document like any other.
            if on_error == "raise":
                raise InputError(f"{where}: cannot read it ({exc.strerror}).") from None
            yield Skipped(where, f"cannot read it ({exc.strerror})")
            continue
        except InputError as exc:
            if on_error == "raise":
                raise
            yield Skipped(where, _reason(exc, where))
            continue
        yield from _deliver(_articles_from_bytes(data, where, path=path, encoding=encoding,
                                                 default=default, text_field=text_field,
                                                 id_field=id_field, date_field=date_field),
                            where, on_error)


def _deliver(items: Iterator[Article | Skipped], where: str, on_error: str, *,
             empty_is_error: bool = False) -> Iterator[Article | Skipped]:
    """The articles of one input; a bad document raises (``on_error="raise"``) or is passed on
    as :class:`Skipped`, and so is an input that fails as a whole."""
    try:
        seen = False
        for item in items:
            seen = True
            if isinstance(item, Skipped) and on_error == "raise":
                raise InputError(f"{item.where}: {item.reason}")
            yield item
        if empty_is_error and not seen:
            raise InputError(f"{where}: empty, there are no documents in it.")
    except InputError as exc:
        if on_error == "raise":
            raise
        yield Skipped(where, _reason(exc, where))
