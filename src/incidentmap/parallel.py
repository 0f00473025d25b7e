"""Running a per-document function over a stream of articles: here, in N processes, or on Dask.

:func:`run_pipeline` is the one entry point.  Whatever runs the work, results come back in
input order, so the output is the same row for row.  The stream is read in batches and only a
bounded number of batches are in flight at any time, so memory stays flat however long the
corpus is (``concurrent.futures`` and ``distributed`` do the scheduling; we only keep the
window).

Workers load the gazetteer once, in their initializer (``load_gazetteer`` is cached per
process), not once per document.
"""

from __future__ import annotations

import collections
import itertools
import os
import sys
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Iterator, Sequence

from .errors import IncidentmapError

__all__ = ["run_pipeline", "Failed", "default_workers", "DASK_HINT"]

DASK_HINT = "install Dask support with `pip install incidentmap[dask]`"
#: How long to wait for a Dask scheduler given by address.
DASK_CONNECT_TIMEOUT = "20s"


@dataclass(frozen=True)
class Failed:
    """A document the per-document function raised on (with ``on_error="skip"``).

    Same attributes as ``read.Skipped``: ``where`` (the document id) and ``reason``.
    """

    where: str
    reason: str


def default_workers() -> int:
    """All the cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def _warm_gazetteer() -> None:
    """Load the gazetteer into this process's cache (a worker initializer)."""
    try:
        from .gazetteer import load_gazetteer
    except ImportError:
        return
    load_gazetteer()


def _doc_id(item: Any) -> str:
    return str(getattr(item, "id", None) or getattr(item, "where", None) or "?")


def _run_batch(func: Callable[[Any], Any], batch: Sequence[Any], on_error: str) -> list[Any]:
    """Apply ``func`` to each document of ``batch`` (runs in a worker)."""
    out = []
    for doc in batch:
        try:
            out.append(func(doc))
        except Exception as exc:
            if on_error != "skip":
                raise
            out.append(Failed(_doc_id(doc), f"{type(exc).__name__}: {exc}"))
    return out


def _batches(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    it = iter(items)
    while True:
        batch = list(itertools.islice(it, size))
        if not batch:
            return
        yield batch


class _Progress:
    """tqdm on a terminal (documents per second, time left when the total is known);
    nothing when piped or quiet."""

    def __init__(self, enabled: bool | None, total: int | None, desc: str) -> None:
        self.bar = None
        if enabled is None:
            enabled = sys.stderr.isatty()
        if not enabled:
            return
        try:
            from tqdm import tqdm
        except ImportError:  # progress is a comfort, not a requirement
            return
        self.bar = tqdm(total=total, unit="doc", desc=desc, dynamic_ncols=True, smoothing=0.1,
                        file=sys.stderr)

    def update(self, n: int) -> None:
        if self.bar is not None:
            self.bar.update(n)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def _local(batches: Iterator[list[Any]], func, on_error, warm) -> Iterator[tuple[list, list]]:
    if warm is not None:
        warm()
    for batch in batches:
        yield batch, _run_batch(func, batch, on_error)


def _pool(batches, func, on_error, warm, workers, in_flight) -> Iterator[tuple[list, list]]:
    import concurrent.futures as cf
    import multiprocessing as mp

    # forkserver: workers start from a clean single-threaded server, not from a fork of a
    # parent that may hold threads (tqdm, geocoder caches) and their locks.
    ctx = mp.get_context("forkserver" if "forkserver" in mp.get_all_start_methods() else "spawn")
    main_file = getattr(sys.modules.get("__main__"), "__file__", None)
    if main_file and not os.path.exists(main_file):
        # Workers re-import the main script; one read from standard input cannot be.
        raise IncidentmapError(
            f"worker processes cannot re-import the main script {main_file!r}: save it to a "
            "file, or use one worker.")
    ex = cf.ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=warm)
    pending: collections.deque = collections.deque()
    try:
        for batch in batches:
            pending.append((batch, ex.submit(_run_batch, func, batch, on_error)))
            while len(pending) >= in_flight:
                b, fut = pending.popleft()
                yield b, _result(fut)
        while pending:
            b, fut = pending.popleft()
            yield b, _result(fut)
    except BaseException:
        ex.shutdown(wait=False, cancel_futures=True)
        raise
    else:
        ex.shutdown(wait=True)


def _result(fut) -> list:
    from concurrent.futures.process import BrokenProcessPool

    try:
        return fut.result()
    except BrokenProcessPool:
        raise IncidentmapError(
            "a worker process died (killed, or out of memory); run again with --resume to "
            "continue, or with fewer --workers."
        ) from None


def _dask_client(dask: Any, workers: int):
    try:
        import distributed
    except ImportError:
        raise IncidentmapError(f"--dask needs Dask; {DASK_HINT}.") from None
    if isinstance(dask, distributed.Client):
        return dask, False
    if str(dask) == "local":
        import logging

        cluster = distributed.LocalCluster(
            n_workers=workers if workers > 1 else 2,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            # Shutting down races worker heartbeats against the scheduler's exit; the
            # tracebacks it logs are noise to a user.
            silence_logs=logging.CRITICAL,
        )
        client = distributed.Client(cluster)
        client._incidentmap_cluster = cluster  # closed with the client
        return client, True
    try:
        return distributed.Client(str(dask), timeout=DASK_CONNECT_TIMEOUT), True
    except (OSError, TimeoutError) as exc:
        raise IncidentmapError(
            f"cannot reach the Dask scheduler at {dask} ({exc}); start one with `dask scheduler` "
            "and `dask worker ADDRESS`, or use --dask local."
        ) from None


def _dask(batches, func, on_error, warm, dask, workers, in_flight) -> Iterator[tuple[list, list]]:
    client, own = _dask_client(dask, workers)
    pending: collections.deque = collections.deque()
    try:
        if warm is not None:
            client.run(warm)  # late-joining workers warm up on their first document instead
        n_workers = max(1, len(client.nthreads()))
        window = max(in_flight, 2 * n_workers)
        for batch in batches:
            # pure=False: identical batches (a corpus repeated) are still separate tasks.
            pending.append((batch, client.submit(_run_batch, func, batch, on_error, pure=False)))
            while len(pending) >= window:
                b, fut = pending.popleft()
                yield b, fut.result()
                fut.release()
        while pending:
            b, fut = pending.popleft()
            yield b, fut.result()
            fut.release()
    finally:
        for _, fut in pending:
            fut.cancel()
        if own:  # a client (and cluster) we started; a caller's client stays open
            cluster = getattr(client, "_incidentmap_cluster", None)
            client.close()
            if cluster is not None:
                cluster.close()


def run_pipeline(
    articles: Iterable[Any],
    func: Callable[[Any], Any],
    *,
    workers: int = 1,
    dask: Any = None,
    batch_size: int = 32,
    in_flight: int | None = None,
    progress: bool | None = False,
    total: int | None = None,
    on_error: str = "raise",
    warm: Callable[[], None] | None = _warm_gazetteer,
    batches: bool = False,
) -> Iterator[tuple[Any, Any]]:
    """Apply ``func`` to every article of the stream; yield ``(article, result)`` in input order.

    Parameters
    ----------
    articles: any iterable (read lazily, ``batch_size`` at a time).
    func: a picklable per-document function (a module-level function or a
        ``functools.partial`` of one), e.g. ``incidentmap.pipeline.process_article``.
    workers: 1 runs here; N > 1 runs N worker processes on this machine.
    dask: ``None``; ``"local"`` (a LocalCluster of ``max(workers, 2)`` processes here); a
        scheduler address (``"tcp://host:8786"``); or a ``distributed.Client``.
    in_flight: how many batches may be queued or running at once (default ``2 * workers``):
        the memory bound.
    progress: ``True``/``False``, or ``None`` for "on a terminal only".
    on_error: ``"raise"`` re-raises a document's exception; ``"skip"`` yields a
        :class:`Failed` as that document's result and goes on.
    warm: run once per worker before any document (default: load the gazetteer).
    batches: yield ``(batch, results)`` per batch instead of per document.

    Raises :class:`IncidentmapError` when a worker process dies or Dask is missing.
    """
    if on_error not in ("raise", "skip"):
        raise ValueError("on_error must be 'raise' or 'skip'")
    workers = max(1, int(workers or 1))
    window = in_flight or 2 * workers
    chunks = _batches(articles, max(1, batch_size))
    if dask is not None:
        gen = _dask(chunks, func, on_error, warm, dask, workers, window)
    elif workers > 1:
        gen = _pool(chunks, func, on_error, warm, workers, window)
    else:
        gen = _local(chunks, func, on_error, warm)
    bar = _Progress(progress, total, "documents")
    try:
        for batch, results in gen:
            bar.update(len(batch))
            if batches:
                yield batch, results
            else:
                yield from zip(batch, results)
    finally:
        bar.close()
        gen.close()
