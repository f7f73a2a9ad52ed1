"""PDF handouts: the build prints every deck through headless Chromium, one page per slide."""
import numpy as np
import pytest
from course import pdf_path

from conftest import AUDIT, chromium, slide_count


def rendered_pages(pdf_file):
    """Each page of a PDF as a small grey-scale array."""
    import pypdfium2
    document = pypdfium2.PdfDocument(pdf_file)
    for page in document:
        yield np.asarray(page.render(scale=0.25).to_pil().convert("L"))
    document.close()


@pytest.fixture
def handout(site, source):
    chromium()  # the build prints PDFs only where Chromium is installed
    pdf_file = site / pdf_path(source)
    assert pdf_file.exists(), f"brak {pdf_file.relative_to(site)}"
    return pdf_file


def test_handout_has_one_page_per_slide_and_no_blank_page(handout, source):
    pages = list(rendered_pages(handout))
    AUDIT["strony PDF"] += len(pages)
    assert len(pages) == slide_count(source), f"{handout.name}: {len(pages)} stron"
    blank = [i + 1 for i, page in enumerate(pages) if page.std() < 2]
    assert not blank, f"{handout.name}: puste strony {blank}"


def test_topic_page_links_to_its_handout(handout, site, source):
    page = (site / "notebooks" / f"{source.stem}.html").read_text(encoding="utf-8")
    assert f'href="../{pdf_path(source)}"' in page
