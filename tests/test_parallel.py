"""run_pipeline: same results in the same order from 1 process, N workers and Dask."""

from __future__ import annotations

import os

import pytest

from incidentmap.errors import IncidentmapError
from incidentmap.model import Article
from incidentmap.parallel import Failed, run_pipeline

_WARMED = 0


def warm_counter() -> None:
    """Stands in for loading the gazetteer: counts how often a process warms up."""
    global _WARMED
    _WARMED += 1


def shout(article: Article):
    """A picklable per-document function: what it returns depends on the text only,
    plus the process that ran it and how often that process was warmed."""
    if "BOOM" in article.text:
        raise ValueError("cannot parse this one")
    return (article.text.upper(), os.getpid(), _WARMED)


def articles(n: int, start: int = 0):
    for i in range(start, start + n):
        yield Article(id=f"d{i:05d}", text=f"report number {i} of a fire")


def test_one_process_keeps_order_and_pairs_each_article_with_its_result():
    out = list(run_pipeline(articles(50), shout, workers=1, batch_size=7, warm=None))
    assert [a.id for a, _ in out] == [f"d{i:05d}" for i in range(50)]
    assert all(r[0] == a.text.upper() for a, r in out)


def test_two_workers_give_the_same_results_in_input_order_and_warm_once_each():
    out = list(run_pipeline(articles(120), shout, workers=2, batch_size=5, warm=warm_counter))
    assert [r[0] for _, r in out] == [a.text.upper() for a in articles(120)]
    pids = {r[1] for _, r in out}
    assert os.getpid() not in pids and 1 <= len(pids) <= 2
    assert {r[2] for _, r in out} == {1}  # warmed once per worker, not per document


def test_a_bad_document_is_reported_not_fatal_with_skip():
    docs = [Article("a", "fine"), Article("b", "BOOM here"), Article("c", "fine too")]
    for workers in (1, 2):
        out = list(run_pipeline(docs, shout, workers=workers, on_error="skip", warm=None))
        assert [a.id for a, _ in out] == ["a", "b", "c"]
        assert isinstance(out[1][1], Failed) and out[1][1].where == "b"
        assert "cannot parse" in out[1][1].reason
        assert out[2][1][0] == "FINE TOO"


def test_a_bad_document_raises_by_default():
    with pytest.raises(ValueError, match="cannot parse"):
        list(run_pipeline([Article("b", "BOOM")], shout, warm=None))


@pytest.mark.parametrize("workers", [1, 2])
def test_memory_is_bounded_by_the_window_not_the_corpus(workers):
    pulled = 0

    def counting():
        nonlocal pulled
        for a in articles(10_000):
            pulled += 1
            yield a

    stream = run_pipeline(counting(), shout, workers=workers, batch_size=10, in_flight=3, warm=None)
    next(stream)
    assert pulled <= 10 * 4  # the window (3 batches) and the one being cut
    stream.close()


def test_a_killed_worker_is_a_clear_error():
    docs = [Article("a", "x"), Article("kill", "y")]
    with pytest.raises(IncidentmapError, match="--resume"):
        list(run_pipeline(docs, suicide, workers=2, batch_size=1, warm=None))


def suicide(article: Article):
    if article.id == "kill":
        os.kill(os.getpid(), 9)
    return article.id


@pytest.fixture(scope="module")
def dask_client():
    distributed = pytest.importorskip("distributed")
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                       dashboard_address=None)
    client = distributed.Client(cluster)
    yield client
    client.close()
    cluster.close()


@pytest.mark.dask
def test_dask_gives_the_same_results_in_order(dask_client):
    out = list(run_pipeline(articles(60), shout, dask=dask_client, batch_size=4, warm=warm_counter))
    assert [r[0] for _, r in out] == [a.text.upper() for a in articles(60)]
    assert {r[2] for _, r in out} == {1}


@pytest.mark.dask
def test_dataset_is_identical_from_one_process_two_workers_and_dask(tmp_path, dask_client):
    from test_dataset import corpus, standin_process

    from incidentmap.dataset import build_dataset

    outs = {}
    for name, kw in {"one": {}, "two": {"workers": 2}, "dask": {"dask": dask_client}}.items():
        out = tmp_path / f"{name}.jsonl"
        build_dataset(corpus(), out, process=standin_process, batch_size=3, progress=False, **kw)
        outs[name] = (out.read_bytes(), out.with_name(f"{name}.reports.jsonl").read_bytes())
    assert outs["one"][0] and outs["one"] == outs["two"] == outs["dask"]


def test_missing_dask_names_the_extra(monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "distributed", None)
    with pytest.raises(IncidentmapError, match=r"pip install incidentmap\[dask\]"):
        list(run_pipeline(articles(2), shout, dask="local"))


def test_progress_bar_on_request_and_silent_when_not_a_terminal(capsys):
    list(run_pipeline(articles(20), shout, batch_size=5, warm=None, progress=True, total=20))
    err = capsys.readouterr().err
    assert "20/20" in err and "doc/s" in err
    list(run_pipeline(articles(20), shout, batch_size=5, warm=None, progress=None))
    assert capsys.readouterr().err == ""  # stderr is not a terminal here


@pytest.mark.dask
def test_dask_by_scheduler_address(dask_client):
    address = dask_client.scheduler.address
    assert address.startswith("tcp://127.0.0.1:")
    out = list(run_pipeline(articles(10), shout, dask=address, batch_size=3, warm=None))
    assert [r[0] for _, r in out] == [a.text.upper() for a in articles(10)]
    assert dask_client.status == "running"  # the caller's client is left alone


def test_unreachable_scheduler_is_a_clear_error(monkeypatch):
    pytest.importorskip("distributed")
    import incidentmap.parallel

    monkeypatch.setattr(incidentmap.parallel, "DASK_CONNECT_TIMEOUT", "1s")
    with pytest.raises(IncidentmapError, match="dask scheduler"):
        list(run_pipeline(articles(2), shout, dask="tcp://127.0.0.1:9", warm=None))
