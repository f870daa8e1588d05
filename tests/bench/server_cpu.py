"""CPU time of gunicorn and PostgreSQL, read from /proc accounting (Linux only).

``CpuProbe.sample()`` sums, in clock ticks, utime + stime + cutime + cstime
(fields 14-17 of /proc/<pid>/stat) of

- gunicorn: the master the bench started and every process below it (its workers);
- PostgreSQL: every process whose comm or argv[0] says ``postgres`` (the postmaster,
  its background processes and one backend per connection).

Counting the children's fields (cutime, cstime) too keeps the sum right when a
process exits inside the window: a gunicorn worker that is restarted, or a
PostgreSQL connection that closes, is reaped by its parent (the master, the
postmaster), whose cutime/cstime then hold everything it had used, which the
sample before the window held under the child's own pid. The difference of two
samples is the CPU both servers spent in between.
"""

import os
from dataclasses import dataclass, field
from pathlib import Path

PROC = Path("/proc")
TICKS_PER_S = os.sysconf("SC_CLK_TCK")


@dataclass(frozen=True)
class Process:
    pid: int
    ppid: int
    comm: str
    ticks: int  # utime + stime + cutime + cstime


def read_process(pid: int) -> Process | None:
    try:
        text = (PROC / str(pid) / "stat").read_text()
    except OSError:  # gone, or not ours to read
        return None
    # "pid (comm) state ppid …": comm may hold spaces and parentheses.
    comm = text[text.index("(") + 1 : text.rindex(")")]
    fields = text[text.rindex(")") + 2 :].split()  # fields[0] is field 3 (state)
    utime, stime, cutime, cstime = (int(value) for value in fields[11:15])
    return Process(pid, int(fields[1]), comm, utime + stime + cutime + cstime)


def command_line(pid: int) -> list[str]:
    try:
        raw = (PROC / str(pid) / "cmdline").read_bytes()
    except OSError:
        return []
    return raw.decode(errors="replace").rstrip("\0").split("\0")


def is_postgres(process: Process, argv: list[str]) -> bool:
    if process.comm == "postgres":
        return True
    first = argv[0] if argv else ""
    # A backend rewrites its argv to "postgres: 15/main: user database host(port) state".
    return os.path.basename(first.split(" ", 1)[0].rstrip(":")) == "postgres"


def backend_database(argv: list[str]) -> str | None:
    """The database of a PostgreSQL connection's backend, from its process title."""
    title = " ".join(argv)
    if not title.startswith("postgres:"):
        return None
    words = title.removeprefix("postgres:").split()
    # "15/main: user db 127.0.0.1(1234) idle" (with cluster_name) or "user db host state".
    if words and words[0].endswith(":"):
        words = words[1:]
    if len(words) >= 3 and ("(" in words[2] or words[2] == "[local]"):
        return words[1]
    return None


@dataclass
class CpuSample:
    gunicorn_ticks: int = 0
    postgres_ticks: int = 0
    postgres_processes: int = 0
    # Ticks of the PostgreSQL processes not serving the bench database: other
    # databases' connections, and the postmaster, whose cutime/cstime grow by
    # every connection that closes (a foreign one that closes moves its ticks there).
    elsewhere_ticks: int = 0
    other_databases: set[str] = field(default_factory=set)


@dataclass
class CpuDelta:
    gunicorn_ms: float
    postgres_ms: float | None  # None: no PostgreSQL process visible on this machine
    postgres_elsewhere_ms: float  # part of postgres_ms outside the bench's connections
    other_databases: list[str]

    @property
    def total_ms(self) -> float:
        return self.gunicorn_ms + (self.postgres_ms or 0)

    def per_request(self, requests: int) -> dict:
        """Milliseconds of CPU per completed request, for the report and the JSON."""
        if requests <= 0:
            return {}
        return {
            "cpu_ms_per_request": round(self.total_ms / requests, 3)
            if self.postgres_ms is not None
            else None,
            "gunicorn_ms_per_request": round(self.gunicorn_ms / requests, 3),
            "postgres_ms_per_request": round(self.postgres_ms / requests, 3)
            if self.postgres_ms is not None
            else None,
            "postgres_elsewhere_ms_per_request": round(self.postgres_elsewhere_ms / requests, 3),
            "other_databases": self.other_databases,
        }


class CpuProbe:
    def __init__(self, gunicorn_pid: int, database: str):
        self.gunicorn_pid = gunicorn_pid
        self.database = database

    def sample(self) -> CpuSample:
        processes = {}
        for entry in PROC.iterdir():
            if entry.name.isdigit() and (process := read_process(int(entry.name))):
                processes[process.pid] = process
        children: dict[int, list[int]] = {}
        for process in processes.values():
            children.setdefault(process.ppid, []).append(process.pid)

        sample = CpuSample()
        pending = [self.gunicorn_pid]
        while pending:
            pid = pending.pop()
            if pid in processes:
                sample.gunicorn_ticks += processes[pid].ticks
                pending.extend(children.get(pid, []))

        for process in processes.values():
            argv = command_line(process.pid)
            if not is_postgres(process, argv):
                continue
            sample.postgres_ticks += process.ticks
            sample.postgres_processes += 1
            database = backend_database(argv)
            if database is not None and database != self.database:
                sample.elsewhere_ticks += process.ticks
                sample.other_databases.add(database)
            elif processes.get(process.ppid) is None or processes[process.ppid].comm != "postgres":
                # The postmaster: its children's fields grow by every closed connection.
                sample.elsewhere_ticks += process.ticks
        return sample

    @staticmethod
    def delta(before: CpuSample, after: CpuSample) -> CpuDelta:
        def ms(ticks: int) -> float:
            return ticks * 1000 / TICKS_PER_S

        elsewhere = after.elsewhere_ticks - before.elsewhere_ticks
        return CpuDelta(
            gunicorn_ms=ms(after.gunicorn_ticks - before.gunicorn_ticks),
            postgres_ms=ms(after.postgres_ticks - before.postgres_ticks)
            if after.postgres_processes
            else None,
            postgres_elsewhere_ms=ms(max(elsewhere, 0)),
            other_databases=sorted(before.other_databases | after.other_databases),
        )
