"""Work done once after installing, so that no run repeats it: `python -m pipeline.prepare`.

- The repository's own modules are compiled to bytecode. `uv sync --compile-bytecode` compiles the
  installed packages, but the project itself runs from its source folders; where
  PYTHONDONTWRITEBYTECODE is set (many container images and CI machines set it) Python never saves
  their bytecode, and every run compiled the modules it imports again.
- py3langid's model is unpacked into the cache folder (`PIPELINE_CACHE_DIR`, see
  `pipeline.text.language`), which the first run that reads a file not plainly English would do.

`make` runs it after installing and again whenever a module changed. Bytecode is not code: the run's
up-to-date check and the extractor version read the sources only, so this never makes a run re-parse.
"""

from __future__ import annotations

import compileall
import sys
from pathlib import Path

from pipeline.settings import REPO_ROOT, resolve_path, setting

PACKAGES = ("pipeline", "assets")


def compile_modules(root: Path = REPO_ROOT) -> bool:
    """Bytecode for every module of the packages a run imports (up-to-date files are skipped)."""
    # every package is compiled, also after one failed, so the failures are all reported at once
    compiled = [compileall.compile_dir(root / package, quiet=1) for package in PACKAGES]
    return all(compiled)


def unpack_language_model() -> None:
    """Unpack the language-identification model into the cache folder, unless it is there already."""
    from py3langid.langid import MODEL_DIR, MODEL_FILE

    from pipeline.text.language import cached_identifier

    cached_identifier(MODEL_DIR / MODEL_FILE, resolve_path(setting("PIPELINE_CACHE_DIR")))


def main() -> int:
    if not compile_modules():
        print("prepare: some modules failed to compile (the run will report the error)", file=sys.stderr)
        return 1
    try:
        unpack_language_model()
    except OSError as error:  # no writable cache folder: runs use the library's own loader
        print(f"prepare: language model not unpacked ({error}); runs will unpack it", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
