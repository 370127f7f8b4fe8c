"""What a run shows on stderr while it works, and the line it ends with.

On a terminal (stderr is a TTY): a progress bar with inputs done of the total (when the inputs
are files; a dataset's rows are counted as they come), claims so far, documents per second and
the time left, then one summary line (inputs, claims, skipped, duplicates, failed, seconds).
When stderr is not a terminal nothing is shown but the errors and the notes that explain an
outcome (inputs skipped for their language, identical copies merged).
"""
from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass, field


@dataclass
class Tally:
    """What a run has done so far."""

    total: int | None = None  # inputs to read, when known ahead
    documents: int = 0
    claims: int = 0
    skipped: int = 0  # another language
    stored: int = 0  # stored already (a re-run)
    duplicates: int = 0  # identical copies
    failed: int = 0
    started: float = field(default_factory=time.monotonic)

    def summary(self) -> str:
        seconds = time.monotonic() - self.started
        bits = [f"{self.documents:,} documents", f"{self.claims:,} claims"]
        for count, what in ((self.stored, "already stored"), (self.skipped, "skipped"),
                            (self.duplicates, "duplicates"), (self.failed, "failed")):
            if count:
                bits.append(f"{count:,} {what}")
        return ", ".join(bits) + f" in {seconds:.1f} s"


class Progress:
    """A rich progress display on stderr, or nothing (`enabled` false)."""

    def __init__(self, tally: Tally, enabled: bool, console=None):
        self.tally = tally
        self.enabled = enabled
        self._progress = None
        self._task = None
        self._console = console

    def __enter__(self):
        if self.enabled:
            from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeRemainingColumn
            from rich.progress import Progress as RichProgress

            self._progress = RichProgress(
                BarColumn(), MofNCompleteColumn(),
                TextColumn("inputs · {task.fields[claims]} claims · {task.fields[rate]} docs/s"),
                TimeRemainingColumn(), console=self._console, transient=True)
            self._progress.__enter__()
            self._task = self._progress.add_task("extract", total=self.tally.total, claims=0, rate="–")
        return self

    def advance(self, inputs: int = 1) -> None:
        if self._progress is None:
            return
        elapsed = max(1e-6, time.monotonic() - self.tally.started)
        # the total is known once the inputs are listed, which the run does lazily, after this display opened
        self._progress.update(self._task, advance=inputs, total=self.tally.total, claims=f"{self.tally.claims:,}",
                              rate=f"{self.tally.documents / elapsed:.1f}")

    def __exit__(self, *exc):
        if self._progress is not None:
            self._progress.__exit__(*exc)
            if exc[0] is None and self._console is not None:
                self._console.print(f"[bold]evfacts:[/] {self.tally.summary()}", markup=True, emoji=False,
                                    highlight=False)
        return False


def counted(items, progress: Progress) -> Iterator:
    """items, advancing the progress once for each."""
    for item in items:
        yield item
        progress.advance()
