"""Sphinx extension: accessibility fixes to what the site's extensions write.

MyST-NB names the "Pokaż kod" button of folded cells with a fixed English aria-label,
which hides the visible Polish text from screen readers (axe-core rule
label-content-name-mismatch). Without the label the button is named by its text.
"""
from myst_nb.sphinx_ import HideCodeCellNode, depart_HideCellInput, visit_HideCellInput

ENGLISH_LABEL = ' aria-label="Toggle hidden content"'


def visit_hidden_code(self, node):
    start = len(self.body)
    visit_HideCellInput(self, node)
    self.body[start:] = [part.replace(ENGLISH_LABEL, "") for part in self.body[start:]]


def setup(app):
    app.setup_extension("myst_nb")
    app.add_node(HideCodeCellNode, override=True, html=(visit_hidden_code, depart_HideCellInput))
    return {"parallel_read_safe": True, "parallel_write_safe": True}
