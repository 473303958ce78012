"""The repository's promises: CI runs the tests safely, and the set-up is what README says."""

from __future__ import annotations

import yaml

from sitebuilder import REPO


def workflow() -> dict:
    data = yaml.safe_load((REPO / ".github/workflows/ci.yml").read_text(encoding="utf-8"))
    # YAML 1.1 reads the key `on` as True.
    data["on"] = data.pop(True, data.get("on"))
    return data


def test_pull_requests_run_the_same_tests_as_ci_without_write_access():
    data = workflow()
    assert "pull_request" in data["on"]
    assert "pull_request_target" not in data["on"], "untrusted writers' code must not run with secrets"
    assert data["permissions"] == {"contents": "read"}
    test = data["jobs"]["test"]
    assert "permissions" not in test, "the test job keeps the read-only default"
    checkout = next(step for step in test["steps"] if step.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["persist-credentials"] is False
    assert any(step.get("run") == "bash .ci/run" for step in test["steps"])
    assert test["env"]["GITHUB_ACTIONS"] == "true"
    assert "make test" in (REPO / ".ci/run").read_text(encoding="utf-8").splitlines()


def test_only_a_green_push_to_main_publishes_the_site():
    data = workflow()
    publish = data["jobs"]["publish"]
    assert publish["needs"] == "test"
    assert publish["if"] == "github.event_name == 'push' && github.ref == 'refs/heads/main'"
    assert data["on"]["push"]["branches"] == ["main"]
    assert publish["permissions"]["pages"] == "write"
    assert any(step.get("run") == "make build" for step in publish["steps"])


def test_build_code_needs_a_maintainers_review():
    owners = {
        line.split()[0]
        for line in (REPO / ".github/CODEOWNERS").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    }
    for path in (
        "/mkdocs.yml",
        "/hooks/",
        "/overrides/",
        "/Makefile",
        "/requirements.lock",
        "/.github/",
        "/.ci/",
    ):
        assert path in owners
    assert "/docs/" not in owners and "/glossary/" not in owners


def test_mkdocs_stays_below_2_and_every_install_is_pinned():
    requirements = (REPO / "requirements.txt").read_text(encoding="utf-8")
    assert "mkdocs>=1.6.1,<2" in requirements
    lock = [
        line
        for line in (REPO / "requirements.lock").read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    ]
    assert lock and all("==" in line for line in lock)
    assert any(line.startswith("mkdocs==1.") for line in lock)
