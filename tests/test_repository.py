"""The repository's promises: CI runs the tests safely, and the set-up is what README says."""

from __future__ import annotations

import re

import yaml

from sitebuilder import REPO

WORKFLOWS = sorted((REPO / ".github/workflows").glob("*.yml"))
# owner/repo[/path]@<40 hex digits> # v<release>
PINNED = re.compile(r"^[\w.-]+/[\w.-]+(/[\w./-]+)?@[0-9a-f]{40}$")
RELEASE_COMMENT = re.compile(r"@[0-9a-f]{40} # v\d+\.\d+\.\d+$")
MAIN_PUSH = "github.event_name == 'push' && github.ref == 'refs/heads/main'"


def workflow(name: str = "ci.yml") -> dict:
    data = yaml.safe_load((REPO / ".github/workflows" / name).read_text(encoding="utf-8"))
    # YAML 1.1 reads the key `on` as True.
    data["on"] = data.pop(True, data.get("on"))
    return data


def steps_using(job: dict, action: str) -> list[dict]:
    return [step for step in job["steps"] if step.get("uses", "").startswith(f"{action}@")]


def test_pull_requests_run_the_same_tests_as_ci_without_write_access():
    data = workflow()
    assert "pull_request" in data["on"]
    for path in WORKFLOWS:
        triggers = workflow(path.name)["on"]
        assert "pull_request_target" not in triggers, "untrusted writers' code must not run with secrets"
        assert workflow(path.name)["permissions"] == {"contents": "read"}, path.name
    test = data["jobs"]["test"]
    assert "permissions" not in test, "the test job keeps the read-only default"
    assert any(step.get("run") == "bash .ci/run" for step in test["steps"])
    assert "make test" in (REPO / ".ci/run").read_text(encoding="utf-8").splitlines()


def test_no_job_keeps_credentials_after_checkout():
    for path in WORKFLOWS:
        for name, job in workflow(path.name)["jobs"].items():
            for checkout in steps_using(job, "actions/checkout"):
                assert checkout["with"]["persist-credentials"] is False, f"{path.name}: {name}"


def test_every_action_is_pinned_to_a_commit_with_its_release_in_a_comment():
    uses = [
        line.split("uses:", 1)[1].strip()
        for path in WORKFLOWS
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip().removeprefix("- ").startswith("uses:")
    ]
    assert len(uses) >= 15
    for use in uses:
        action = use.split(" #", 1)[0]
        assert PINNED.match(action), f"not pinned to a full commit SHA: {use}"
        assert RELEASE_COMMENT.search(use), f"no '# vX.Y.Z' after the SHA: {use}"
    # The same action at one commit everywhere, so Dependabot moves them together.
    commits: dict[str, set[str]] = {}
    for use in uses:
        action, sha = use.split(" #", 1)[0].split("@")
        commits.setdefault(action.split("/")[0] + "/" + action.split("/")[1], set()).add(sha)
    assert {action: shas for action, shas in commits.items() if len(shas) > 1} == {}


def test_the_site_is_built_once_and_that_build_is_deployed_after_the_tests():
    jobs = workflow()["jobs"]
    build, deploy = jobs["build"], jobs["deploy"]
    assert [step.get("run") for step in build["steps"] if "run" in step] == [
        "make build",
        ".venv/bin/python -m filmhub.site_invariants site/",
    ]
    pages = steps_using(build, "actions/upload-pages-artifact")
    assert [(step["if"], step["with"]["path"]) for step in pages] == [(MAIN_PUSH, "site/")]
    assert deploy["if"] == MAIN_PUSH
    assert deploy["needs"] == ["build", "test", "zizmor"]
    # Nothing is checked out, installed or built where the site is published.
    assert [step["uses"].split("@")[0] for step in deploy["steps"]] == ["actions/deploy-pages"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert workflow()["on"]["push"]["branches"] == ["main"]


def test_every_pull_request_uploads_its_built_site_for_reviewers():
    upload = steps_using(workflow()["jobs"]["build"], "actions/upload-artifact")
    assert len(upload) == 1 and "if" not in upload[0]
    assert upload[0]["with"]["name"] == "site" and upload[0]["with"]["path"] == "site/"


def test_a_deployment_is_never_cancelled_but_a_superseded_pull_request_run_is():
    data = workflow()
    assert data["jobs"]["deploy"]["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    assert data["concurrency"]["cancel-in-progress"] == "${{ github.event_name == 'pull_request' }}"
    assert "github.event.pull_request.number" in data["concurrency"]["group"]
    assert workflow("linkcheck.yml")["concurrency"]["cancel-in-progress"] is False


def test_the_tests_run_with_both_generators():
    test = workflow()["jobs"]["test"]
    assert test["strategy"]["matrix"]["generator"] == ["mkdocs", "properdocs"]
    assert test["strategy"]["fail-fast"] is False
    assert test["env"]["HUB_GENERATOR"] == "${{ matrix.generator }}"


def test_pip_and_npm_caches_are_keyed_on_the_locks():
    jobs = workflow()["jobs"]
    for name, paths in (("build", "requirements/build.txt"), ("test", "requirements/*.txt")):
        (python,) = steps_using(jobs[name], "actions/setup-python")
        assert python["with"]["cache"] == "pip" and python["with"]["cache-dependency-path"] == paths
    (node,) = steps_using(jobs["test"], "actions/setup-node")
    assert node["with"]["cache"] == "npm" and node["with"]["cache-dependency-path"] == "package-lock.json"


def test_zizmor_audits_the_workflows_from_a_hashed_lock():
    runs = [step.get("run", "") for step in workflow()["jobs"]["zizmor"]["steps"]]
    assert (
        "python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements/audit.txt"
        in runs
    )
    assert "zizmor --offline --format plain .github/" in runs


def test_external_links_are_checked_weekly_and_on_demand_with_a_kept_cache_and_report():
    data = workflow("linkcheck.yml")
    assert set(data["on"]) == {"schedule", "workflow_dispatch"}
    assert len(data["on"]["schedule"]) == 1
    (job,) = data["jobs"].values()
    assert any("make linkcheck-external" in step.get("run", "") for step in job["steps"])
    (restore,) = steps_using(job, "actions/cache/restore")
    (save,) = steps_using(job, "actions/cache/save")
    # Kept outside the checkout, where a pull request could have planted them.
    assert restore["with"]["path"] == save["with"]["path"] == "${{ env.HUB_CACHE_DIR }}"
    assert any(
        step.get("run") == 'echo "HUB_CACHE_DIR=$RUNNER_TEMP/filmhub-cache" >> "$GITHUB_ENV"'
        for step in job["steps"][: job["steps"].index(restore)]
    ), "HUB_CACHE_DIR is set before the results are restored"
    assert save["if"] == "always()", "good results are kept even when a link is broken"
    (report,) = steps_using(job, "actions/upload-artifact")
    assert report["if"] == "always()" and report["with"]["path"] == "linkcheck-report.txt"


def test_dependabot_proposes_updates_for_pip_npm_and_actions():
    config = yaml.safe_load((REPO / ".github/dependabot.yml").read_text(encoding="utf-8"))
    assert {(u["package-ecosystem"], u["directory"]) for u in config["updates"]} == {
        ("pip", "/requirements"),
        ("npm", "/"),
        ("github-actions", "/"),
    }


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
        "/requirements/",
        "/.github/",
        "/.ci/",
    ):
        assert path in owners
    assert "/docs/" not in owners and "/glossary/" not in owners


def pins(name: str) -> dict[str, str]:
    """package -> version in a hashed lock, checking every pin has its hashes."""
    text = (REPO / "requirements" / name).read_text(encoding="utf-8")
    found = {}
    for entry in re.split(r"\n(?=\S)", text):
        if entry.startswith("#") or not entry.strip():
            continue
        package, version = entry.split(" \\", 1)[0].split("==")
        assert "--hash=sha256:" in entry, f"{name}: {package} has no hash"
        found[package] = version
    return found


def test_mkdocs_stays_below_2_and_every_install_is_pinned_with_hashes():
    assert "mkdocs>=1.6.1,<2" in (REPO / "requirements/build.in").read_text(encoding="utf-8").splitlines()
    build, test, lint = pins("build.txt"), pins("test.txt"), pins("lint.txt")
    assert build["mkdocs"].startswith("1.") and "properdocs" in build
    assert pins("audit.txt").keys() == {"zizmor"}
    # Building installs no test or lint tool; testing has building's exact pins.
    assert {"pytest", "playwright", "ruff"} & build.keys() == set()
    assert {"pytest", "playwright"} <= test.keys() and lint.keys() == {"ruff"}
    assert {package: test.get(package) for package in build} == build


def test_make_installs_only_what_each_command_needs_and_only_with_hashes():
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    assert (
        "PIP_INSTALL := $(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes"
        in makefile
    )
    assert "\t$(PIP_INSTALL) -r requirements/build.txt\n" in makefile
    assert "\t$(PIP_INSTALL) -r requirements/test.txt -r requirements/lint.txt\n" in makefile
    for target in ("serve", "build", "article", "linkcheck-external"):
        assert re.search(rf"\n{target}: \$\(BUILD_STAMP\)( ## [^\n]+)?\n", makefile), target
    assert re.search(r"\ntest: \$\(TEST_STAMP\)( ## [^\n]+)?\n", makefile)
