"""Publishing: the GitHub Pages workflow tests and builds with the README's own commands."""
import yaml

from conftest import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "pages.yml"


def test_pages_workflow_tests_then_builds_with_make_site_and_deploys_the_build():
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    assert workflow[True]["push"]["branches"] == ["main"]  # YAML 1.1 reads the key `on` as True
    steps = workflow["jobs"]["build"]["steps"]
    assert [s["run"] for s in steps if "run" in s][-2:] == ["make test", "make site"]
    upload = next(s for s in steps if s.get("uses", "").startswith("actions/upload-pages-artifact"))
    assert upload["with"]["path"] == "_build/html"
    assert any(s.get("uses", "").startswith("actions/deploy-pages") for s in workflow["jobs"]["deploy"]["steps"])
    assert "## Publikacja" in (ROOT / "README.md").read_text(encoding="utf-8")
