"""A parser process started by the command line before it imports Dagster, for the run to adopt.

Importing Dagster, loading the definitions and recording the run keep one core busy for several
seconds before the first step. A parser started first builds the spaCy pipeline on the other core
meanwhile, instead of beside the ingest and cleaning steps (where it used to start) or after them.
The run's NLP resource adopts it when it was started with the resource's settings; the command line
closes it if no run did.
"""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.nlp.parser_process import ParserProcess


@dataclass(frozen=True)
class ParserSettings:
    model_name: str
    batch_size: int
    n_process: int
    chunk_size: int

    def start(self) -> ParserProcess:
        return ParserProcess(self.model_name, self.batch_size, self.n_process, self.chunk_size)


_early: tuple[ParserSettings, ParserProcess] | None = None


def start(settings: ParserSettings) -> None:
    """Start a parser now for the run this process is about to start."""
    global _early
    close()
    _early = (settings, settings.start())


def adopt(settings: ParserSettings) -> ParserProcess | None:
    """The parser `start` started, if it was started with these settings: it is then the caller's to
    close. One started with other settings is closed."""
    global _early
    if _early is None:
        return None
    (started_with, parser), _early = _early, None
    if started_with == settings:
        return parser
    parser.close()
    return None


def close() -> None:
    """Close the parser if no run adopted it (the run ended before its NLP stage needed one)."""
    global _early
    if _early is not None:
        (_, parser), _early = _early, None
        parser.close()
