"""The site at newsroom scale: what one server carries, and how cost grows (issue 7).

    make bench                                # SQLite, under bench/.data/
    DATABASE_URL=postgres://…/newsdesk_bench make bench

Seeds a 100,000-story desk and a 1,000-story desk (bench/desk.py; kept and reused
while their seed version matches), serves both at once under gunicorn with production
settings (2 workers each, debug off, static files collected into a temporary folder),
and loads them on loopback with wrk (8 connections) for BENCH_SECONDS per page after a
warm-up, each page on the large desk and then at once on the small one: the floor (a
bare view, /_bench/floor/), the article page over random real slugs, home, drama,
person, stories pages 1 and 500, search and the RSS feed, with the page cache off and
on (Redis, a database per desk, when it answers; else each worker's memory), then the
desk's story list and change form. Then publish_due, desk-check and drafting
benchmarks. Writes bench/results/<date>-<database>.json and .md.

On PostgreSQL, the 1,000-story desk lives in a database named after DATABASE_URL's
with "_1000" added; both are created when missing.
"""

import contextlib
import datetime
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
DATA = BENCH / ".data"
RESULTS = BENCH / "results"
PYTHON = sys.executable
SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))
WARMUP = int(os.environ.get("BENCH_WARMUP", "2"))
CONNECTIONS, WORKERS = 8, 2
SIZES = [100_000, 1_000]
# The cached runs use Redis when it answers here (one cache for both workers, as in
# production; a database for each desk, as both are served at once), else each
# worker's local memory.
REDIS = {
    100_000: os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/13"),
    1_000: os.environ.get("BENCH_REDIS_SMALL_URL", "redis://127.0.0.1:6379/12"),
}
PUBLIC = [
    "floor",
    "article",
    "home",
    "drama",
    "person",
    "stories",
    "stories_deep",
    "search",
    "feed",
]
DESK = ["admin_list", "admin_change"]
LABELS = {
    "floor": "floor (bare view)",
    "article": "article (random slugs)",
    "home": "home",
    "drama": "drama",
    "person": "person",
    "stories": "stories, page 1",
    "stories_deep": "stories, page 500",
    "search": "search",
    "feed": "feed (RSS)",
    "admin_list": "desk: story list",
    "admin_change": "desk: story change form",
}


def log(message):
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


def base_env():
    keep = ("DJANGO_", "DATABASE_URL", "CACHE_URL", "NEWSDESK_")
    env = {k: v for k, v in os.environ.items() if not k.startswith(keep)}
    return {
        **env,
        "DJANGO_SETTINGS_MODULE": "newsdesk.settings",
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DJANGO_SECURE_COOKIES": "false",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "NEWSDESK_BENCH_FLOOR": "true",
    }


def database_urls():
    """{size: DATABASE_URL} for each desk, and the database's name in results."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        return {n: f"sqlite:///{DATA / f'desk-{n}.sqlite3'}" for n in SIZES}, "sqlite"
    parts = urllib.parse.urlsplit(url)
    name = parts.path.lstrip("/")
    if name in {"newsdesk", "test_newsdesk"}:
        sys.exit(f"Refusing to seed {name!r}: give the bench its own database.")
    urls = {}
    for size in SIZES:
        db = name if size == max(SIZES) else f"{name}_{size}"
        urls[size] = urllib.parse.urlunsplit(parts._replace(path=f"/{db}"))
        subprocess.run(
            [
                "createdb",
                "-h",
                parts.hostname or "127.0.0.1",
                "-p",
                str(parts.port or 5432),
                "-U",
                parts.username or "postgres",
                db,
            ],
            capture_output=True,
        )  # fails harmlessly when it exists
    return urls, "postgresql"


def require_wrk():
    if shutil.which("wrk"):
        return
    log("wrk is missing: installing Debian's package")
    subprocess.run(["apt-get", "install", "-y", "-q", "wrk"], check=False)
    if not shutil.which("wrk"):
        sys.exit("make bench needs wrk: run `apt-get install -y wrk` (as root).")


def prepare(size, url, env):
    out = DATA / f"pages-{url.split(':')[0]}-{size}.json"
    log(f"{size:,}-story desk: migrate, seed if needed, count queries")
    subprocess.run(
        [PYTHON, str(BENCH / "pages.py"), "--articles", str(size), "--out", str(out)],
        env={**env, "DATABASE_URL": url},
        cwd=ROOT,
        check=True,
    )
    return json.loads(out.read_text())


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """gunicorn with production settings, stopped on exit from the with block."""

    def __init__(self, env):
        self.env, self.port = env, free_port()

    def __enter__(self):
        self.start()
        return self

    def start(self):
        self.process = subprocess.Popen(
            [
                str(Path(PYTHON).parent / "gunicorn"),
                "newsdesk.wsgi",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(WORKERS),
                "--log-level",
                "warning",
            ],
            env=self.env,
            cwd=ROOT,
            start_new_session=True,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(self.url("/_bench/floor/"), timeout=2)
                return
            except OSError:
                time.sleep(0.3)
        self.__exit__()
        sys.exit("gunicorn did not answer within 60 s")

    def url(self, path):
        return f"http://127.0.0.1:{self.port}{path}"

    def settle(self):
        """Let requests left queued by the last run (wrk leaves, they stay) finish;
        after a page too slow for that, start the server again."""
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            started = time.monotonic()
            try:
                urllib.request.urlopen(self.url("/_bench/floor/"), timeout=5)
            except OSError:
                continue
            if time.monotonic() - started < 0.25:
                return
        self.__exit__()
        self.start()

    def __exit__(self, *exc):
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            # A worker still on a slow page: it has nothing left to finish for us.
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()


def wrk(server, path, *, seconds, paths=None, cookie=None):
    command = [
        "wrk",
        "-t2",
        f"-c{CONNECTIONS}",
        f"-d{seconds}s",
        "--latency",
        # Slow pages are measured, not dropped as errors at wrk's default 2 s.
        "--timeout",
        "30s",
        "-s",
        str(BENCH / "wrk.lua"),
    ]
    if cookie:
        command += ["-H", f"Cookie: sessionid={cookie}"]
    env = {k: v for k, v in os.environ.items() if k != "BENCH_PATHS"}
    if paths:
        env["BENCH_PATHS"] = paths
    done = subprocess.run(
        [*command, server.url(path)], env=env, capture_output=True, text=True
    )
    line = [x for x in done.stdout.splitlines() if x.startswith("{")]
    if done.returncode or not line:
        sys.exit(f"wrk failed on {path}:\n{done.stdout}\n{done.stderr}")
    figures = json.loads(line[-1])
    rps = figures["requests"] / (figures["duration_us"] / 1e6)
    # No request finished in time: the page is slower than the run is long.
    slow = figures["requests"] == 0
    return {
        "p50_ms": None if slow else round(figures["p50_us"] / 1000, 2),
        "p99_ms": None if slow else round(figures["p99_us"] / 1000, 2),
        "rps": round(rps, 1),
        "requests": figures["requests"],
        "errors": figures["errors"] + figures["non_2xx_3xx"],
    }


def num(value, digits=1):
    return "—" if value is None else f"{value:,.{digits}f}"


def div(a, b):
    return None if a is None or not b else a / b


def measure(server, pages, name, *, seconds, hot, cookie=None):
    page = pages["pages"][name]
    paths = None
    if name == "article":
        paths = pages["hot_slugs"] if hot else pages["slugs"]
    options = {"paths": paths, "cookie": cookie}
    server.settle()
    wrk(server, page["path"], seconds=WARMUP, **options)
    # A slow page's warm-up leaves a queue that would eat the measured run.
    server.settle()
    return wrk(server, page["path"], seconds=seconds, **options)


def combined(halves):
    """One page's figures from its two half runs: latencies averaged, requests a
    second over both."""
    p50s = [h["p50_ms"] for h in halves]
    p99s = [h["p99_ms"] for h in halves]
    requests = sum(h["requests"] for h in halves)
    return {
        "p50_ms": None if None in p50s else round(sum(p50s) / len(p50s), 2),
        "p99_ms": None if None in p99s else round(sum(p99s) / len(p99s), 2),
        "rps": round(sum(h["rps"] for h in halves) / len(halves), 1),
        "requests": requests,
        "errors": sum(h["errors"] for h in halves),
        "halves": halves,
    }


def redis_ready(url):
    """A cache shared by a desk's workers, emptied so no page of a past run is in it."""
    done = subprocess.run(
        ["redis-cli", "-u", url, "flushdb"],
        capture_output=True,
        text=True,
    )
    return done.returncode == 0 and "OK" in done.stdout


def warm(server, pages):
    """Fill the cache with the hot stories and each page once before measuring."""
    paths = Path(pages["hot_slugs"]).read_text().split()
    paths += [page["path"] for page in pages["pages"].values()]
    for path in paths:
        try:
            urllib.request.urlopen(server.url(path), timeout=60).read()
        except OSError:
            pass


def run_desks(pages, envs):
    """Both desks served at once and each page loaded on them in turn, large,
    small, small, large, for half of BENCH_SECONDS a time: a growth ratio compares
    runs seconds apart, and a steady change in the machine's speed weighs on both
    desks alike, so it does not read as growth (one bench's floor moved by 15%
    between two runs minutes apart). Only the desk being loaded uses the cores;
    the other's workers wait."""
    loads = {size: {} for size in SIZES}
    for mode in ["uncached", "cached"]:
        extra = {size: {"NEWSDESK_PUBLIC_MAX_AGE": "0"} for size in SIZES}
        if mode == "cached":
            extra = {
                size: {"CACHE_URL": REDIS[size]} if redis_ready(REDIS[size]) else {}
                for size in SIZES
            }
        log(f"page cache {mode}: {extra[max(SIZES)] or 'local memory'}")
        with contextlib.ExitStack() as stack:
            servers = {
                size: stack.enter_context(Server({**envs[size], **extra[size]}))
                for size in SIZES
            }
            if mode == "cached":
                for size in SIZES:
                    warm(servers[size], pages[size])
            names = PUBLIC + (DESK if mode == "uncached" else [])
            for name in names:
                halves = {size: [] for size in SIZES}
                for size in [*SIZES, *reversed(SIZES)]:
                    # Cached: readers crowd onto a few stories, the newest 100.
                    options = {"hot": mode == "cached", "seconds": max(1, SECONDS // 2)}
                    if name in DESK:
                        options["cookie"] = pages[size]["session"]
                    halves[size].append(
                        measure(servers[size], pages[size], name, **options)
                    )
                for size in SIZES:
                    figures = combined(halves[size])
                    loads[size].setdefault(mode, {})[name] = figures
                    log(
                        f"  {name:13} {size:>7,}  p50 {num(figures['p50_ms'])} ms  "
                        f"p99 {num(figures['p99_ms'])} ms  "
                        f"{figures['rps']:8.1f} req/s"
                        + (f"  {figures['errors']} errors" if figures["errors"] else "")
                    )
    return loads


def run_script(script, env, *args):
    done = subprocess.run(
        [PYTHON, str(BENCH / script), *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    if done.returncode:
        sys.exit(f"{script} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout.strip()


def main():
    # A stop (Ctrl-C, kill) still leaves through the with blocks: no server left.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit("bench: stopped"))
    started = time.monotonic()
    require_wrk()
    DATA.mkdir(parents=True, exist_ok=True)
    RESULTS.mkdir(parents=True, exist_ok=True)
    env = base_env()
    urls, database = database_urls()
    static_root = tempfile.mkdtemp(prefix="newsdesk-bench-static-")
    try:
        subprocess.run(
            [PYTHON, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
            env={**env, "DJANGO_STATIC_ROOT": static_root, "DATABASE_URL": urls[1000]},
            cwd=ROOT,
            check=True,
        )
        env_static = {**env, "DJANGO_STATIC_ROOT": static_root}
        pages = {size: prepare(size, urls[size], env_static) for size in SIZES}
        loads = run_desks(
            pages,
            {size: {**env_static, "DATABASE_URL": urls[size]} for size in SIZES},
        )
    finally:
        shutil.rmtree(static_root, ignore_errors=True)
    log("publish_due over 1,000 due stories")
    due = json.loads(
        run_script(
            "bench_publish_due.py",
            {**env, "DATABASE_URL": urls[max(SIZES)]},
            "--json",
        )
    )
    # The issue 5 benchmarks keep their own SQLite desks (they add rows to a database).
    checks_env = {k: v for k, v in env.items() if k != "DATABASE_URL"}
    log("desk checks (bench/bench_deskcheck.py)")
    deskcheck = run_script("bench_deskcheck.py", checks_env)
    log("drafting (bench/bench_drafting.py)")
    drafting = run_script("bench_drafting.py", checks_env)
    result = {
        "date": datetime.date.today().isoformat(),
        "database": database,
        "machine": f"{os.cpu_count()} cores",
        "wrk": {"connections": CONNECTIONS, "seconds": SECONDS, "warmup": WARMUP},
        "gunicorn_workers": WORKERS,
        "page_cache": (
            f"{REDIS[max(SIZES)]} and {REDIS[min(SIZES)]}"
            if redis_ready(REDIS[max(SIZES)])
            else "local memory, per worker"
        ),
        "desks": {str(n): pages[n] for n in SIZES},
        "load": {str(n): loads[n] for n in SIZES},
        "publish_due": due,
        "deskcheck": deskcheck,
        "drafting": drafting,
        "minutes": round((time.monotonic() - started) / 60, 1),
        # Other work on the machine shares its 2 cores: the ratios to the floor
        # are taken under the same load, the absolute figures are not.
        "load_average_at_end": os.getloadavg(),
    }
    result["targets"] = targets(result)
    write(result)


def ratio(page, floor):
    return {
        "p50": div(page["p50_ms"], floor["p50_ms"]),
        "p99": div(page["p99_ms"], floor["p99_ms"]),
        "rps": div(page["rps"], floor["rps"]),
    }


def targets(result):
    """Each target of issue 7 with its measured figure and whether it is met."""
    big, small = result["load"]["100000"], result["load"]["1000"]
    pages = result["desks"]["100000"]["pages"]
    share = 0.10 if result["database"] == "sqlite" else 0.07
    found = []

    def add(name, figure, met):
        found.append({"target": name, "measured": figure, "met": bool(met)})

    uncached = big["uncached"]["article"]["rps"] / big["uncached"]["floor"]["rps"]
    add(
        f"uncached article ≥ {share:.0%} of the floor's req/s",
        f"{uncached:.1%}",
        uncached >= share,
    )
    cached = big["cached"]["article"]["rps"] / big["cached"]["floor"]["rps"]
    queries = pages["article"]["queries_cached"]
    add(
        "cached article ≥ 80% of the floor's req/s, 0 queries",
        f"{cached:.1%}, {queries} queries",
        cached >= 0.8 and queries == 0,
    )
    for mode in ["uncached", "cached"]:
        for name, figures in big[mode].items():
            if name == "floor":
                continue
            growth = div(figures["p50_ms"], small[mode][name]["p50_ms"])
            add(
                f"{LABELS[name]} ({mode}): p50 at 100,000 ≤ 1.2 × p50 at 1,000",
                f"{num(growth, 2)}×",
                growth is not None and growth <= 1.2,
            )
    if result["database"] == "postgresql":
        p50 = big["uncached"]["search"]["p50_ms"]
        add("search (uncached) p50 ≤ 20 ms", f"{num(p50)} ms", (p50 or 1e9) <= 20)
    p50 = big["uncached"]["admin_list"]["p50_ms"]
    add("desk story list p50 ≤ 100 ms", f"{num(p50)} ms", (p50 or 1e9) <= 100)
    p50 = big["uncached"]["admin_change"]["p50_ms"]
    size = pages["admin_change"]["bytes"] / 1024
    add(
        "desk change form ≤ 50 ms and ≤ 100 KB",
        f"{num(p50)} ms, {size:.0f} KB",
        (p50 or 1e9) <= 50 and size <= 100,
    )
    due = result["publish_due"]
    # SQLite caps a statement at 999 parameters, so Django splits the audit-entry
    # insert into batches of about 140 rows: a query per batch is not one per story.
    growth = (due["queries"] - due["queries_small"]) / (due["stories"] - due["small"])
    add(
        "publish_due, 1,000 due stories ≤ 5 s, queries not growing per story",
        f"{due['seconds']:.2f} s, {due['queries']} queries "
        f"({due['queries_small']} for {due['small']})",
        due["seconds"] <= 5 and growth < 0.01,
    )
    return found


def table(result):
    lines = [
        f"Newsdesk at newsroom scale, {result['date']}, {result['database']}, "
        f"{result['machine']}: gunicorn {result['gunicorn_workers']} workers, wrk "
        f"{result['wrk']['connections']} connections, {result['wrk']['seconds']} s "
        "a page on each desk, in two halves (large desk, small, small, large), each "
        f"after {result['wrk']['warmup']} s of warm-up. Ratios are to the "
        "floor measured in the same server run; growth is p50 at 100,000 stories "
        f"over p50 at 1,000. Page cache on: {result.get('page_cache', 'locmem')}.",
        "",
        "| page | cache | p50 ms | p99 ms | req/s | p50 × floor | p99 × floor "
        "| req/s ÷ floor | queries | KB | growth 1k→100k |",
        "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    big, small = result["load"]["100000"], result["load"]["1000"]
    pages = result["desks"]["100000"]["pages"]
    for mode in ["uncached", "cached"]:
        floor = big[mode]["floor"]
        for name, figures in big[mode].items():
            r = ratio(figures, floor)
            queries = pages[name][f"queries_{mode}"]
            growth = div(figures["p50_ms"], small[mode][name]["p50_ms"])
            share = "—" if r["rps"] is None else f"{r['rps']:.1%}"
            lines.append(
                f"| {LABELS[name]} | {'on' if mode == 'cached' else 'off'} "
                f"| {num(figures['p50_ms'])} | {num(figures['p99_ms'])} "
                f"| {figures['rps']:,.0f} | {num(r['p50'])} | {num(r['p99'])} "
                f"| {share} | {queries} | {pages[name]['bytes'] / 1024:.0f} "
                f"| {num(growth, 2)}× |"
            )
    lines += ["", "| target | measured | met |", "|---|---|---|"]
    for t in result["targets"]:
        lines.append(
            f"| {t['target']} | {t['measured']} | {'met' if t['met'] else 'missed'} |"
        )
    due = result["publish_due"]
    lines += [
        "",
        f"publish_due: {due['stories']:,} due stories in {due['seconds']:.2f} s, "
        f"{due['queries']} queries ({due['queries_small']} for {due['small']}).",
        "",
        "Desk checks (bench/bench_deskcheck.py, its own SQLite desk):",
        "",
        *[f"    {line}" for line in result["deskcheck"].splitlines()],
        "",
        "Drafting (bench/bench_drafting.py, its own SQLite desk):",
        "",
        *[f"    {line}" for line in result["drafting"].splitlines()],
        "",
        f"`make bench` took {result['minutes']} minutes; load average at the end "
        f"{result['load_average_at_end'][1]:.1f} (5 minutes) on "
        f"{result['machine']}.",
    ]
    return "\n".join(lines) + "\n"


def write(result):
    stem = RESULTS / f"{result['date']}-{result['database']}"
    stem.with_suffix(".json").write_text(json.dumps(result, indent=2) + "\n")
    stem.with_suffix(".md").write_text(table(result))
    log(f"wrote {stem}.json and {stem}.md")
    print(table(result))


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--table":
        print(table(json.loads(Path(sys.argv[2]).read_text())))
    else:
        main()
