"""`evfacts facts`: run the extraction over many documents, group their claims into facts
(evfacts.facts) and write them: a table, JSON, JSONL, CSV, or the SQLite store, where a `facts`
table is linked to the `claims` it groups by `fact_claims`."""
from __future__ import annotations

import csv
import json
import sqlite3
from collections.abc import Iterable
from datetime import datetime
from typing import IO

from evfacts.batch import RunOptions, RunReport, iter_results, run_extract, summarize
from evfacts.facts import FACT_FIELDS, Fact, Mention, group_facts
from evfacts.model import Claim
from evfacts.output import Format, _csv_cell, _dumps, _fmt_num, atomic_output, isatty

FACTS_SCHEMA = """
CREATE TABLE IF NOT EXISTS facts (
    id TEXT PRIMARY KEY, subject_id TEXT, subject TEXT, metric TEXT, period TEXT, kind TEXT, unit TEXT, per TEXT,
    change TEXT, modality TEXT, value REAL, "values" TEXT /* JSON */, sources TEXT /* JSON */, mentions INTEGER,
    first_published TEXT, last_published TEXT, conflict INTEGER
);
CREATE TABLE IF NOT EXISTS fact_claims (
    fact_id  TEXT NOT NULL REFERENCES facts(id) ON DELETE CASCADE,
    claim_id INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
    PRIMARY KEY (fact_id, claim_id)
);
CREATE INDEX IF NOT EXISTS fact_claims_claim ON fact_claims(claim_id);
"""


def run_facts(opts: RunOptions, min_sources: int = 1) -> RunReport:
    from evfacts.store import is_store_path

    if is_store_path(opts.output):
        rep = run_extract(opts)  # documents and claims into the store (resumable), then the facts of all it holds
        store_facts(opts.output, min_sources=min_sources, ents=_entities(opts))
        return rep
    rep = RunReport()
    mentions = [Mention(c, r.published) for r in iter_results(opts, rep) for c in r.claims]
    facts = [f for f in group_facts(mentions, _entities(opts)) if _sources(f) >= min_sources]
    with atomic_output(opts.output) as out:
        write_facts(facts, opts.fmt, out)
    summarize(rep, opts)
    return rep


def _entities(opts: RunOptions):
    from evfacts.canonical import entities
    from evfacts.config import company_lexicon

    return entities(company_lexicon(opts.config))


def _sources(f: Fact) -> int:
    return len({m.claim.source for m in f.mentions})


def write_facts(facts: Iterable[Fact], fmt: Format, out: IO[str]) -> int:
    n = 0
    if fmt is Format.jsonl:
        for f in facts:
            out.write(_dumps(f.to_dict()) + "\n")
            n += 1
    elif fmt is Format.json:
        out.write("[")
        for f in facts:
            out.write(("\n" if n == 0 else ",\n") + _dumps(f.to_dict()))
            n += 1
        out.write("\n]\n" if n else "]\n")
    elif fmt is Format.csv:
        writer = csv.DictWriter(out, fieldnames=list(FACT_FIELDS), extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        for f in facts:
            writer.writerow({k: _csv_cell(v) for k, v in f.to_dict(claims=False).items()})
            n += 1
    else:
        n = _facts_table(list(facts), out)
    out.flush()
    return n


def _facts_table(facts: list[Fact], out: IO[str]) -> int:
    from rich.console import Console
    from rich.table import Table

    from evfacts.output import table_cell as escape  # printable text, markup escaped

    console = Console(file=out, highlight=False, soft_wrap=False, width=None if isatty(out) else 160)
    if not facts:
        console.print("[dim]no facts[/]")
        return 0
    table = Table(show_lines=False, expand=False)
    for name, kw in (("subject", {"ratio": 2}), ("metric", {"ratio": 2}), ("period", {"no_wrap": True}),
                     ("values", {"justify": "right", "ratio": 2}), ("unit", {"ratio": 1}), ("Δ", {}),
                     ("modality", {"no_wrap": True}), ("sources", {"justify": "right", "no_wrap": True}),
                     ("published", {"no_wrap": True}), ("", {"no_wrap": True})):
        table.add_column(name, **kw)
    for f in facts:
        d = f.to_dict(claims=False)
        unit = (d["unit"] or "") + (f" per {d['per']}" if d["per"] else "")
        dates = sorted({x[:10] for x in (d["first_published"], d["last_published"]) if x})
        table.add_row(escape(f"{d['subject']} ({d['subject_id']})"), escape(d["metric"] or ""), escape(d["period"] or ""),
                      ", ".join(_fmt_num(v) for v in d["values"]), escape(unit),
                      {"up": "↑", "down": "↓"}.get(d["change"] or "", ""), d["modality"], str(len(d["sources"])),
                      "–".join(dates), "[bold red]conflict[/]" if f.conflict else "")
    console.print(table)
    return len(facts)


def _claims_of_store(db: sqlite3.Connection, ents) -> list[tuple[int, Mention]]:
    from evfacts.canonical import subject_id
    from evfacts.store import STORED_CLAIM_FIELDS

    quoted = ", ".join(f'c."{c}"' for c in STORED_CLAIM_FIELDS)
    rows = db.execute(f"SELECT c.id, d.published, {quoted} FROM claims c JOIN documents d ON d.id = c.document_id "
                      "WHERE d.error IS NULL ORDER BY c.id")
    out = []
    for claim_id, published, *values in rows:
        fields = dict(zip(STORED_CLAIM_FIELDS, values), published=published)
        fields["companies"] = json.loads(fields["companies"] or "[]")
        fields = {k: v for k, v in fields.items() if v is not None}
        if fields.get("subject") and not fields.get("subject_id"):  # a claim stored before subject_id
            fields["subject_id"] = subject_id(fields["subject"], ents)
        when = datetime.fromisoformat(published) if published else None
        out.append((claim_id, Mention(Claim(**fields), when)))
    return out


def store_facts(path: str, *, min_sources: int = 1, ents=None) -> int:
    """The facts of every claim in the store at `path`, written anew to its `facts` and `fact_claims`
    tables in one transaction. Returns how many facts it holds."""
    db = sqlite3.connect(path, isolation_level=None)
    try:
        db.execute("PRAGMA foreign_keys = ON")
        db.executescript(FACTS_SCHEMA)
        stored = _claims_of_store(db, ents)
        ids = {id(m.claim): claim_id for claim_id, m in stored}
        facts = [f for f in group_facts([m for _, m in stored], ents) if _sources(f) >= min_sources]
        db.execute("BEGIN IMMEDIATE")
        try:
            db.execute("DELETE FROM facts")
            for f in facts:
                d = f.to_dict(claims=False)
                db.execute(f"INSERT INTO facts ({', '.join(_quote(k) for k in ('id', *FACT_FIELDS[1:]))}) "
                           f"VALUES ({', '.join('?' * len(FACT_FIELDS))})",
                           [d["fact_id"], *[_sql(d[k]) for k in FACT_FIELDS[1:]]])
                db.executemany("INSERT OR IGNORE INTO fact_claims (fact_id, claim_id) VALUES (?, ?)",
                               [(f.fact_id, ids[id(m.claim)]) for m in f.mentions])
            db.execute("COMMIT")
        except BaseException:
            if db.in_transaction:
                db.execute("ROLLBACK")
            raise
        return len(facts)
    finally:
        db.close()


def _quote(name: str) -> str:
    return f'"{name}"'


def _sql(value):
    if isinstance(value, list):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, bool):
        return int(value)
    return value
