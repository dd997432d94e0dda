"""The student's own results, as the worksheet reads them: bench runs from RESULTS_DIR, else from its demo/ folder
(make demo), and CAP runs from its cap/ folder; each source named, with what may make its numbers off."""

from dataclasses import dataclass, field
from pathlib import Path

from lab.i18n import _, number, percent
from lab.records import CapRecord, RunRecord, UnreadableRecord, read_record
from lab.report.results import Results, load

SATURATED_SHARE = 0.9  # past this share of one core, the load generator sends less than its shoppers ask for


@dataclass(frozen=True)
class Source:
    """A record a question's answer comes from, where it is, and why its numbers may be off (already said)."""

    record: RunRecord | CapRecord
    where: str
    caveats: tuple[str, ...] = ()


@dataclass(frozen=True)
class Run:
    """A bench run of a label and profile: results/<label>/<profile>/run.json, or results/demo/'s."""

    label: str
    profile: str

    @property
    def command(self) -> str:
        return f"make bench-{self.label} PROFILE={self.profile}"

    def find(self, evidence: "Evidence") -> Source | None:
        for results in evidence.bench:
            run = results.run(self.label, self.profile)
            if run:
                where = shorter(results.folder / self.label / self.profile)
                return Source(run, where + (f" (repeat {run.repeat})" if run.repeat > 1 else ""), caveats(run))
        return None


@dataclass(frozen=True)
class Cap:
    """A CAP run in one mode: results/cap/<architecture>/<mode>/run.json, the preferred architecture's first."""

    mode: str
    architecture: str

    @property
    def command(self) -> str:
        return f"make cap-{self.architecture} MODE={self.mode}"

    def find(self, evidence: "Evidence") -> Source | None:
        found = sorted(evidence.cap.glob(f"*/{self.mode}/run.json"), key=lambda p: p.parts[-3] != self.architecture)
        for path in found:
            try:
                return Source(read_record(path, CapRecord), shorter(path.parent))
            except UnreadableRecord as unreadable:
                print(f"skipping {unreadable}")
        return None


@dataclass
class Evidence:
    """Bench results in the order they are searched (the main folder, then its demo/), and the CAP folder."""

    bench: list[Results] = field(default_factory=list)
    cap: Path = Path("cap")


def gather(folder: Path) -> Evidence:
    """Every result under folder (RESULTS_DIR) and its demo/ folder, read once."""
    return Evidence([load(folder), load(folder / "demo")], folder / "cap")


def shorter(folder: Path) -> str:
    """A folder as the student types it: relative to where the command runs (the checkout), where it can be."""
    try:
        return str(folder.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(folder)


def caveats(run: RunRecord) -> tuple[str, ...]:
    """Why a run's numbers may be off, each said in the language spoken now; none for a sound run."""
    said = []
    generator = run.load_generator
    if generator.saturated or generator.busiest_share_of_one_core > SATURATED_SHARE:
        said.append(
            _("its load generator was busy {share} of a core, so it sent fewer requests than asked").format(
                share=percent(generator.busiest_share_of_one_core)
            )
        )
    if run.totals.failures:
        said.append(_("{failures} of its requests failed").format(failures=number(run.totals.failures)))
    if run.demo:
        said.append(_("it is a demo-length run, whose short windows move more from run to run"))
    return tuple(said)
