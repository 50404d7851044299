"""benchmarks/copied_text.py: runs of an article's words found in a repository's files, its added lines or messages."""

import json
import subprocess
import sys

from conftest import ROOT

ARTICLE = "Les enquêteurs du commissariat ont découvert quarante kilos de résine dans un garage du quartier nord."
COPIED = "ont découvert quarante kilos de résine dans un garage"  # nine words of the article
OURS = "Les gendarmes ont trouvé deux armes de poing sous un escalier."


def _git(repo, *args):
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


def _scan(repo, articles, *options):
    script = ROOT / "benchmarks" / "copied_text.py"
    done = subprocess.run(
        [sys.executable, str(script), str(articles), *options], cwd=repo, capture_output=True, text=True, check=True
    )
    return done.stdout, done.stderr


def test_a_copied_run_is_found_in_files_added_lines_and_messages(tmp_path):
    articles = tmp_path / "set"
    (articles / "articles").mkdir(parents=True)
    (articles / "articles" / "a1.json").write_text(json.dumps({"id": "a1", "title": "", "text": ARTICLE}))
    repo = tmp_path / "repo"
    repo.mkdir()
    _git(repo, "init", "-q")
    _git(repo, "config", "user.email", "t@example.org")
    _git(repo, "config", "user.name", "t")
    (repo / "old.md").write_text(f"Avant : {COPIED}.\n")
    _git(repo, "add", ".")
    _git(repo, "commit", "-qm", "base")
    base = subprocess.run(["git", "rev-parse", "HEAD"], cwd=repo, capture_output=True, text=True).stdout.strip()
    (repo / "new.py").write_text(f'NOTE = "{OURS}"\nEXAMPLE = "{COPIED}"\n')
    _git(repo, "add", ".")
    _git(repo, "commit", "-qm", f"rule for '{COPIED}'")

    out, err = _scan(repo, articles)  # every tracked file
    assert sorted(line.split("\t")[0] for line in out.splitlines()) == ["new.py", "old.md"]
    assert "2 runs of 8 words or more" in err

    out, err = _scan(repo, articles, "--added", base)  # only what was added since the base
    assert out.splitlines() == [f"new.py\ta1\t{COPIED.lower()}"]

    out, err = _scan(repo, articles, "--messages", f"{base}..HEAD")
    assert out.splitlines() == [f"messages {base}..HEAD\ta1\t{COPIED.lower()}"]

    out, err = _scan(repo, articles, "--added", base, "--min", "10")  # the run is nine words
    assert out == "" and "0 runs of 10 words or more" in err
