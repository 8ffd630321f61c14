"""Executors for the per-document part of a build: serial, a local process pool, or Dask.

The unit of work is one file: read it, segment and extract it, and return an Outcome. What that
means is kg.work's business; this module hands Tasks out and collects Outcomes, and never imports
the pipeline that drives it (pipeline → parallel → work → stages). Documents do not depend on each
other until linking, so any executor gives the same Extractions; the pipeline puts them back in
input order, so the graph is identical too.

* ``serial``: in this process (also used whenever there are fewer than two files to do).
* ``process``: ``concurrent.futures.ProcessPoolExecutor``; each worker warms the segmenter and the
  lexicons once in its initializer. Workers read the file themselves, so no text is copied in.
  They die with the build (kg.lifeline): a killed build leaves no worker behind.
* ``dask``: ``dask.distributed``, for corpora beyond one machine. With no scheduler address it
  starts a LocalCluster on 127.0.0.1; the file bytes travel with the task, since a remote worker
  may not see this file system. Needs the ``dask`` extra (``pip install kg-gwr[dask]``).
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait

from kg.lifeline import die_with_parent
from kg.settings import Settings
from kg.work import Outcome, Task, slim, warm, work

EXECUTORS = ("auto", "serial", "process", "dask")
DASK_ENV = "KG_DASK_SCHEDULER"  # e.g. tcp://10.0.0.5:8786 to use an existing cluster


def _start_worker(settings: Settings) -> None:
    """A pool worker's initializer: tie its life to the build's, then load what extraction needs."""
    die_with_parent()
    warm(settings)


def run(
    tasks: Sequence[Task],
    settings: Settings,
    cache_folder: str | None = None,
    on_done: Callable[[Outcome], None] | None = None,
) -> Iterator[Outcome]:
    """Run every task with the executor the settings name, yielding each outcome as it is done
    (in any order: each carries its index). Nothing holds on to an outcome once it is yielded, so
    a caller that keeps only what it needs of each keeps memory flat over a thousand reports."""
    kind = resolve(settings.executor, settings.jobs, len(tasks))
    done = on_done or (lambda _o: None)
    if kind == "serial":
        for t in tasks:
            o = work(t, settings, cache_folder)
            done(o)
            yield o
    elif kind == "process":
        yield from _run_pool(tasks, settings, cache_folder, done)
    else:
        yield from _run_dask(tasks, settings, cache_folder, done)


def resolve(executor: str, jobs: int, n_tasks: int) -> str:
    """The executor to use: ``auto`` is a process pool when jobs > 1 (0: one per CPU); a batch of
    one runs serially, since starting a pool costs more than it saves."""
    if executor not in EXECUTORS:
        raise KeyError(f"unknown executor {executor!r}; known: {', '.join(EXECUTORS)}")
    workers = worker_count(jobs)
    if executor == "auto":
        executor = "process" if workers > 1 else "serial"
    if executor == "process" and (n_tasks < 2 or workers <= 1):
        return "serial"
    if executor == "dask" and n_tasks == 0:
        return "serial"
    return executor


def worker_count(jobs: int) -> int:
    return jobs if jobs > 0 else (os.cpu_count() or 1)


def _mp_context() -> multiprocessing.context.BaseContext:
    """fork is fastest (workers inherit what is loaded) but unsafe once other threads run."""
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


def _run_pool(tasks: Sequence[Task], settings: Settings, cache_folder: str | None,
              done: Callable[[Outcome], None]) -> Iterator[Outcome]:
    n = min(worker_count(settings.jobs), len(tasks))
    todo = iter(tasks)
    pending: set[Future] = set()
    with ProcessPoolExecutor(max_workers=n, mp_context=_mp_context(), initializer=_start_worker,
                             initargs=(settings,)) as pool:
        try:
            while True:
                # a few tasks ahead per worker: workers never idle, finished results never pile up
                for t in itertools.islice(todo, max(0, 2 * n - len(pending))):
                    pending.add(pool.submit(work, t, settings, cache_folder))
                if not pending:
                    break
                finished, pending = wait(pending, return_when=FIRST_COMPLETED)
                for f in finished:
                    o = f.result()
                    done(o)
                    yield o
        except BaseException:
            for f in pending:
                f.cancel()
            raise


def _run_dask(tasks: Sequence[Task], settings: Settings, cache_folder: str | None,
              done: Callable[[Outcome], None]) -> Iterator[Outcome]:
    try:
        from dask.distributed import Client, LocalCluster
        from dask.distributed import as_completed as dask_completed
    except ImportError:
        raise KeyError("executor 'dask' needs dask.distributed: pip install 'kg-gwr[dask]'") from None
    from kg.cache import ExtractionCache
    from kg.read import ReadError, load_bytes

    address = settings.dask_address or os.environ.get(DASK_ENV)
    cluster = None
    if address:
        client = Client(address)
    else:
        n = max(1, worker_count(settings.jobs))
        cluster = LocalCluster(host="127.0.0.1", processes=True, n_workers=n, threads_per_worker=1,
                               dashboard_address=None)
        client = Client(cluster)
    try:
        client.run(warm, settings)
        futures = []
        for t in tasks:
            try:
                data = t.data if t.data is not None else load_bytes(t.source)
            except ReadError as exc:
                o = Outcome(t.index, t.source, t.digest, error=str(exc))
                done(o)
                yield o
                continue
            remote = Task(t.index, t.source, t.digest, data)
            key = f"kg-extract-{t.index}-{t.digest[:12]}"
            futures.append(client.submit(work, remote, settings, None, key=key, pure=False))
        for f in dask_completed(futures):
            o = f.result()
            if cache_folder is not None and o.extraction is not None:  # workers may not share our disk
                ExtractionCache(cache_folder).put(o.digest, o.extraction)
            done(o)
            f.release()
            yield o
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


__all__ = ["Task", "Outcome", "work", "warm", "slim", "run", "resolve", "EXECUTORS"]  # re-exported
