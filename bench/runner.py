"""The benchmark: generate, serve with gunicorn, drive the pages over loopback, time the floors, report.

`run_parent` prepares a fresh database of its own (never the working one) and
re-runs the command in a child process whose settings point at it; the child
(`run_child`) does the work, because Django's settings are fixed at start-up.
"""

import contextlib
import datetime as dt
import json
import os
import platform
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from bench.load import Client, Run, drive, percentile
from bench.scales import SCALES, Scale

BASE_DIR = Path(__file__).resolve().parent.parent
PG_DEFAULT = "postgres://postgres@127.0.0.1:5432/rightsdesk_bench_{scale}"
WORKERS = 2
THREADS = 4


# The parent: a fresh database and a child process with the bench settings.


def bench_paths(scale: str, db: str, var_dir: str | None) -> Path:
    return Path(var_dir).resolve() if var_dir else BASE_DIR / "var" / "bench" / f"{db}-{scale}"


def run_parent(options: dict[str, Any]) -> int:
    scale, db = options["scale"], options["db"]
    var_dir = bench_paths(scale, db, options.get("var_dir"))
    url = options.get("database_url") or PG_DEFAULT.format(scale=scale)
    reuse = bool(options.get("reuse")) and (var_dir / "manifest.json").exists()
    if not reuse:
        if var_dir.exists():
            shutil.rmtree(var_dir)
        if db == "postgres":
            _recreate_postgres(url)
    var_dir.mkdir(parents=True, exist_ok=True)
    env = {k: v for k, v in os.environ.items() if k not in {"RIGHTSDESK_KEYS_FILE", "RIGHTSDESK_FILES", "DATABASE_URL"}}
    env.update(
        DJANGO_SETTINGS_MODULE="rightsdesk.settings",
        RIGHTSDESK_VAR=str(var_dir),
        DEBUG="false",
        RIGHTSDESK_IMPORT_MAX_MB="64",
        PYTHONUNBUFFERED="1",
    )
    if db == "postgres":
        env["DATABASE_URL"] = url
    args = [sys.executable, str(BASE_DIR / "manage.py"), "bench", "--child", "--scale", scale, "--db", db]
    for key in ("clients", "seconds", "only", "output_dir", "import_rows"):
        if options.get(key) not in (None, ""):
            args += [f"--{key.replace('_', '-')}", str(options[key])]
    if reuse:
        args.append("--reuse")
    return subprocess.call(args, env=env, cwd=BASE_DIR)  # noqa: S603 - our own command


def _recreate_postgres(url: str) -> None:
    import psycopg
    from psycopg import sql

    name = url.rsplit("/", 1)[1]
    if not name.startswith("rightsdesk_bench"):
        raise SystemExit(f"refusing to drop {name!r}: bench databases are named rightsdesk_bench*")
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


# The child: everything else.


@dataclass
class Scenario:
    name: str
    target: str
    call: Callable[[Client, int], tuple[int, bytes]] | None
    floor: Callable[[], Any] | None
    signed_in: bool = True
    concurrency: int = 4
    max_requests: int = 100_000
    ok_status: int = 200
    seconds: float | None = None


def run_child(options: dict[str, Any], log: Callable[[str], None] = print) -> int:
    import django
    from django.conf import settings
    from django.db import connection

    from bench.generate import Generator, Manifest

    scale: Scale = SCALES[options["scale"]]
    var_dir = Path(settings.VAR_DIR)
    out_dir = Path(options.get("output_dir") or BASE_DIR / "var" / "bench")
    load_before = os.getloadavg()
    manifest_path = var_dir / "manifest.json"
    vendor = connection.vendor
    if options.get("reuse") and manifest_path.exists():
        manifest = Manifest(**json.loads(manifest_path.read_text()))
        log(f"reusing the {scale.name} data set in {var_dir}")
    else:
        log(f"generating the {scale.name} data set on {vendor} in {var_dir}")
        manifest = Generator(scale, log=log).run()
        manifest_path.write_text(json.dumps(asdict(manifest), ensure_ascii=False, indent=1))
    if options.get("import_rows"):
        manifest.import_rows = int(options["import_rows"])
    connection.close()

    seconds = float(options.get("seconds") or scale.seconds_per_scenario)
    clients_n = int(options.get("clients") or 4)
    scenarios = build_scenarios(manifest, scale, clients_n)
    only = {s for s in (options.get("only") or "").split(",") if s}
    skipped = [s for s in scenarios if s.call is None and s.floor is None]
    scenarios = [s for s in scenarios if (s.call or s.floor) and (not only or s.name in only)]

    results: list[dict[str, Any]] = []
    port = _free_port()
    server = _start_server(port, var_dir)
    # Stopped from outside, the child still stops its server (the finally below).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    try:
        _wait_ready(port)
        signed_in = [Client(port) for _ in range(clients_n)]
        for client in signed_in:
            client.login(manifest.bench_username, manifest.bench_password)
        anonymous = [Client(port) for _ in range(clients_n)]
        for scenario in scenarios:
            results.append(_measure(scenario, server, signed_in, anonymous, seconds, scale, log))
            (var_dir / "partial.json").write_text(json.dumps(results, ensure_ascii=False, indent=1))
        for client in signed_in + anonymous:
            client.close()
    finally:
        _stop_server(server)

    report = {
        "machine": _machine(),
        "database": vendor,
        "scale": scale.name,
        "commit": _commit(),
        "django": django.get_version(),
        "generated_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "server": {"command": "gunicorn rightsdesk.wsgi", "workers": WORKERS, "threads": THREADS, "debug": False},
        "clients": clients_n,
        "seconds_per_scenario": seconds,
        "load_average": {"before": [round(x, 2) for x in load_before], "after": [round(x, 2) for x in os.getloadavg()]},
        "note": "2-core machine shared with other work; compare runs only with similar load averages",
        "generation": {
            "counts": manifest.counts,
            "seconds": manifest.seconds,
            "rows_per_second": manifest.rows_per_second,
        },
        "scenarios": results,
        "skipped": [{"name": s.name, "why": s.target} for s in skipped],
    }
    out_dir.mkdir(parents=True, exist_ok=True)
    text = json.dumps(report, ensure_ascii=False, indent=1)
    (out_dir / "latest.json").write_text(text)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")  # noqa: DTZ005 - a file name in local time
    (out_dir / f"{stamp}-{vendor}-{scale.name}.json").write_text(text)
    log(table(report))
    log(f"written {out_dir / 'latest.json'}")
    return 0


def _measure(
    scenario: Scenario,
    server: subprocess.Popen[bytes],
    signed_in: list[Client],
    anonymous: list[Client],
    seconds: float,
    scale: Scale,
    log: Callable[[str], None],
) -> dict[str, Any]:
    floor_p95, floor_runs = _time_floor(scenario.floor, scale.floor_repeats) if scenario.floor else (None, [])
    row: dict[str, Any] = {"name": scenario.name, "target": scenario.target}
    if scenario.call is None:
        # Measured in-process only (no page): its floor is the measurement.
        row.update(
            p50_ms=_round(percentile(floor_runs, 50)),
            p95_ms=_round(percentile(floor_runs, 95)),
            p99_ms=_round(percentile(floor_runs, 99)),
            rps=None,
            floor_p95_ms=_round(floor_p95),
            peak_rss_mb=None,
            requests=len(floor_runs),
            errors=0,
            kind="in-process",
        )
    else:
        workers = _worker_pids(server.pid)
        _reset_peak_rss(workers)
        clients = (signed_in if scenario.signed_in else anonymous)[: scenario.concurrency]
        status = scenario.ok_status
        run: Run = drive(
            clients,
            scenario.call,
            seconds=scenario.seconds or seconds,
            max_requests=scenario.max_requests,
            ok=lambda s: s == status,
            warmup=1 if scenario.max_requests > 5 else 0,
        )
        p95 = percentile(run.latencies_ms, 95)
        row.update(
            p50_ms=_round(percentile(run.latencies_ms, 50)),
            p95_ms=_round(p95),
            p99_ms=_round(percentile(run.latencies_ms, 99)),
            rps=round(len(run.latencies_ms) / run.wall_seconds, 1) if run.wall_seconds else None,
            floor_p95_ms=_round(floor_p95),
            peak_rss_mb=_peak_rss_mb(workers),
            requests=len(run.latencies_ms),
            errors=run.errors,
            statuses={str(k): n for k, n in sorted(run.statuses.items())},
            concurrency=len(clients),
            kind="http",
            ratio_to_floor=round(p95 / floor_p95, 1) if p95 and floor_p95 else None,
        )
    log(
        f"  {row['name']:<36} p50 {row['p50_ms']!s:>8} p95 {row['p95_ms']!s:>8} rps {row['rps']!s:>7} "
        f"floor {row['floor_p95_ms']!s:>8} rss {row['peak_rss_mb']!s:>6} err {row['errors']}"
    )
    return row


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def _time_floor(floor: Callable[[], Any], repeats: int, budget: float = 20.0) -> tuple[float | None, list[float]]:
    from django.db import close_old_connections, connection

    close_old_connections()
    floor()  # warm: connection, caches, the database's pages
    runs = []
    stop = time.perf_counter() + budget
    for _ in range(repeats):
        started = time.perf_counter()
        floor()
        runs.append((time.perf_counter() - started) * 1000)
        if time.perf_counter() > stop:
            break
    connection.close()
    return percentile(runs, 95), runs


# The scenarios of issue 6.


def build_scenarios(manifest: Any, scale: Scale, clients: int) -> list[Scenario]:
    from urllib.parse import quote, urlencode

    from django.apps import apps
    from django.core.paginator import Paginator

    from accounts.models import User
    from bench.generate import import_csv
    from casework import dashboard
    from casework.exports import EXPORTERS
    from casework.filters import filter_cases, filter_consultations, filter_people
    from casework.models import Case, Consultation
    from people.access import get_person_for_user
    from people.models import Person

    user = User.objects.get(username=manifest.bench_username)

    def get(path_of: Callable[[int], str]) -> Callable[[Client, int], tuple[int, bytes]]:
        return lambda client, n: client.get(path_of(n))

    scenarios: list[Scenario] = []
    for name, text in manifest.searches.items():

        def search_floor(text: str = text) -> None:
            list(filter_cases(Case.objects.visible_to(user), {"q": text}).select_related("office")[:25])
            list(
                filter_consultations(Consultation.objects.visible_to(user), {"q": text}).select_related(
                    "legal_area", "office"
                )[:25]
            )
            list(filter_people(Person.objects.visible_to(user), {"q": text})[:25])

        path = "/casework/search/?q=" + quote(text)

        def search_path(n: int, path: str = path) -> str:
            return path

        scenarios.append(Scenario(name, "p95 ≤ 100 ms and ≤ 3× floor", get(search_path), search_floor))

    case_query = {"office": manifest.head_office_id, "status": "open"}

    def case_list_floor() -> None:
        rows = filter_cases(
            Case.objects.visible_to(user).select_related("office", "responsible_lawyer", "legal_area", "case_type"),
            {"office": manifest.head_office_id, "status": "open"},
        )
        list(Paginator(rows, 50).get_page(1))

    scenarios.append(
        Scenario(
            "case_list_filtered",
            "p95 ≤ 100 ms",
            get(lambda n: "/casework/cases/?" + urlencode(case_query)),
            case_list_floor,
        )
    )

    def dashboard_floor() -> None:
        from django.utils import timezone

        today = timezone.localdate()
        since = (today.replace(day=1) - dt.timedelta(days=335)).replace(day=1)
        list(dashboard.my_deadlines_this_week(user, today))
        list(dashboard.my_open_cases(user)[:20])
        dashboard.month_table(dashboard.consultations_per_month_per_office(user, since))
        dashboard.consultations_per_group(user, since)
        dashboard.open_cases_by_status(user)

    scenarios.append(Scenario("dashboard", "p95 ≤ 250 ms", get(lambda n: "/casework/"), dashboard_floor))

    people = manifest.person_ids or [1]

    def person_floor() -> None:
        person = get_person_for_user(user, people[0])
        list(Case.objects.visible_to(user).filter(clients=person))
        list(Consultation.objects.visible_to(user).filter(person=person).select_related("legal_area")[:50])

    scenarios.append(
        Scenario(
            "person_page",
            "no target in the issue (a page every lawyer opens)",
            get(lambda n: f"/people/{people[n % len(people)]}/"),
            person_floor,
        )
    )

    # Public pages: anonymous visitors.
    years = list(range(1990, 2026))

    def world_floor() -> None:
        from deathpenalty.figures import world_figures
        from deathpenalty.histories import load_histories
        from deathpenalty.models import Country

        histories = list(load_histories().values())
        world_figures(histories, dt.date(2015, 12, 31))
        list(Country.objects.all())

    scenarios.append(
        Scenario(
            "world_map_year",
            "p95 ≤ 50 ms, ≥ 300 rps",
            get(lambda n: f"/deathpenalty/?year={years[n % len(years)]}"),
            world_floor,
            signed_in=False,
        )
    )
    if apps.is_installed("publishing"):
        from publishing import queries as portal_queries

        def portal_floor() -> None:
            records = portal_queries.filter_records(portal_queries.public_records(), {"q": "собрания"})
            list(Paginator(records, 25).get_page(1))

        scenarios.append(
            Scenario(
                "portal_search",
                "p95 ≤ 50 ms, ≥ 300 rps",
                get(lambda n: "/portal/records/?q=" + quote("собрания")),
                portal_floor,
                signed_in=False,
            )
        )
    else:
        scenarios.append(Scenario("portal_search", "publishing app not installed", None, None))
    if apps.is_installed("advocacy"):
        scenarios.append(
            Scenario("impact_report_year", "advocacy is installed but its report route is not wired in", None, None)
        )
    else:
        scenarios.append(Scenario("impact_report_year", "advocacy app not installed yet", None, None))

    def dp_status_all_years() -> None:
        from deathpenalty.figures import world_figures
        from deathpenalty.histories import load_histories

        histories = list(load_histories().values())
        for year in range(1990, 2026):
            world_figures(histories, dt.date(year, 12, 31))

    scenarios.append(Scenario("dp_status_199_countries_1990_2025", "≤ 1 s", None, dp_status_all_years))

    # Bulk: export and import, one at a time.
    export_path = "/casework/export/consultations.csv?" + manifest.export_query

    def export_floor() -> None:
        rows = filter_consultations(
            Consultation.objects.visible_to(user), {"date_from": dt.date.fromisoformat(manifest.export_query[10:])}
        )
        # The floor reads and formats every row, as the page does, without HTTP.
        for _values in EXPORTERS["consultations"](rows).values():
            pass

    scenarios.append(
        Scenario(
            f"export_{manifest.export_rows}_rows",
            "≤ 10 s for 100,000 rows, constant memory",
            get(lambda n: export_path),
            export_floor,
            concurrency=1,
            max_requests=2,
            seconds=3600,
        )
    )
    content = import_csv(manifest, manifest.import_rows)
    scenarios.append(
        Scenario(
            f"import_{manifest.import_rows}_rows",
            "≤ 20 s for 100,000 rows",
            lambda client, n: client.post_file("/casework/import/consultations/", "file", "bench.csv", content),
            None,
            concurrency=1,
            max_requests=1,
            ok_status=302,
            seconds=3600,
        )
    )
    for scenario in scenarios:
        scenario.concurrency = min(scenario.concurrency, clients)
    return scenarios


# The server under test: the production configuration.


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _start_server(port: int, var_dir: Path) -> subprocess.Popen[bytes]:
    gunicorn = Path(sys.executable).parent / "gunicorn"
    log = (var_dir / "gunicorn.log").open("ab")
    return subprocess.Popen(  # noqa: S603 - our own server, bound to loopback
        [
            str(gunicorn),
            "rightsdesk.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(WORKERS),
            "--threads",
            str(THREADS),
            "--timeout",
            "900",
            "--keep-alive",
            "30",
        ],
        cwd=BASE_DIR,
        stdout=log,
        stderr=subprocess.STDOUT,
        env=os.environ.copy(),
    )


def _wait_ready(port: int, timeout: float = 60.0) -> None:
    stop = time.monotonic() + timeout
    while time.monotonic() < stop:
        try:
            client = Client(port, timeout=5)
            status, _body = client.get("/healthz")
            client.close()
            if status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError("the server did not answer /healthz in time")


def _stop_server(server: subprocess.Popen[bytes]) -> None:
    server.terminate()
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def _worker_pids(master: int) -> list[int]:
    try:
        return [int(p) for p in Path(f"/proc/{master}/task/{master}/children").read_text().split()]
    except OSError:
        return []


def _reset_peak_rss(pids: list[int]) -> None:
    for pid in pids:
        with contextlib.suppress(OSError):
            Path(f"/proc/{pid}/clear_refs").write_text("5")  # resets VmHWM to the current RSS


def _peak_rss_mb(pids: list[int]) -> float | None:
    peaks = []
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    peaks.append(int(line.split()[1]) / 1024)
        except OSError:
            continue
    return round(max(peaks), 1) if peaks else None


def _machine() -> dict[str, Any]:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
        mem_kb = int(Path("/proc/meminfo").read_text().split()[1])
    except OSError:
        mem_kb = 0
    return {
        "cpus": os.cpu_count(),
        "cpu": model,
        "memory_gb": round(mem_kb / 1024 / 1024, 1),
        "python": platform.python_version(),
        "system": platform.platform(),
    }


def _commit() -> str:
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],  # noqa: S607 - read-only, git from PATH
            cwd=BASE_DIR,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],  # noqa: S607 - read-only
            cwd=BASE_DIR,
            capture_output=True,
            text=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return head + ("-dirty" if dirty else "")


def table(report: dict[str, Any]) -> str:
    head = (
        f"{'scenario':<36} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'rps':>7} {'floor95':>8} {'×floor':>6} "
        f"{'RSS MB':>7}"
    )
    lines = [
        f"rightsdesk bench — {report['scale']} on {report['database']}, commit {report['commit']}, "
        f"load {report['load_average']['before'][0]}→{report['load_average']['after'][0]}",
        head,
        "-" * len(head),
    ]

    def cell(value: Any, width: int) -> str:
        return f"{'—' if value is None else value!s:>{width}}"

    for s in report["scenarios"]:
        lines.append(
            f"{s['name']:<36} {cell(s['p50_ms'], 8)} {cell(s['p95_ms'], 8)} {cell(s['p99_ms'], 8)} "
            f"{cell(s['rps'], 7)} {cell(s['floor_p95_ms'], 8)} {cell(s.get('ratio_to_floor'), 6)} "
            f"{cell(s['peak_rss_mb'], 7)}" + (f"  ({s['errors']} errors)" if s["errors"] else "")
        )
    for s in report["skipped"]:
        lines.append(f"{s['name']:<36} skipped: {s['why']}")
    return "\n".join(lines)
