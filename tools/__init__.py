"""The book's tooling, importable (``import tools.toc``) and runnable (``python -m tools.X``).

- ``build_book``: the one jupyter-book command line (flags, ``BUILD_ENV``) and the teacher
  edition's build into ``_build/html`` (``make book``);
- ``build_student``: the student edition, no solution text in any file (``make student``);
- ``student_notebooks``: each chapter as a notebook with the solutions taken out;
- ``grade``: returned notebooks run and graded into a gradebook (``make grade``);
- ``student_repo``: the student repository, ready to push (``make student-repo``);
- ``links``: the built sites' internal links checked, their external links listed;
- ``build_pdf``: the book and its problem sets printed to PDF (``make pdf``; ``print.css``);
- ``vendor_assets``: the front-end files the site serves itself (``make vendor``);
- ``serve``: the one localhost web server (tests, PDF, benchmarks, ``make serve``);
- ``lab``: the chapters as notebooks in a local JupyterLab (``make lab``; ``jupyter/``);
- ``chapter_format``: the chapters in the form jupytext writes, so saving changes nothing;
- ``chromium``: Debian's Chromium, its path and launch arguments;
- ``toc``: the table of contents (``_toc.yml``) read with sphinx-external-toc.

Run them from the repository root, which holds this package.
"""

from pathlib import Path

#: The repository root: the book's ``_config.yml`` and ``_toc.yml`` are here.
ROOT = Path(__file__).resolve().parent.parent
