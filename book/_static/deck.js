// The course's reveal.js deck (book/_templates/deck): lays out the slides, starts reveal.js
// with the notebook's RISE settings and fits the figures. The template passes its values
// as JSON in <script id="deck-config">.
"use strict";
{
  const config = JSON.parse(document.getElementById("deck-config").textContent);

  // A figure cell tagged side-by-side goes to the right of the slide's other cells (CONTRIBUTING.md).
  document.querySelectorAll(".reveal .slides section").forEach(slide => {
    const figure = slide.querySelector(":scope > .celltag_side-by-side");
    if (!figure) return;
    const columns = document.createElement("div"), text = document.createElement("div");
    columns.className = "side-by-side";
    text.append(...[...slide.children].filter(el => el !== figure && !["ASIDE", "SECTION"].includes(el.tagName)));
    columns.append(text, figure);
    slide.prepend(columns);
  });

  // Slides of a stack for reading or a second session (cell tag optional on its first cell)
  // carry a marker (deck.css), also in the PDF, where reveal.js takes the slides out of their stacks.
  document.querySelectorAll(".reveal .slides > section:has(.celltag_optional) > section")
    .forEach(slide => slide.classList.add("optional"));

  // The course's licences in one line on the closing slide (LICENSE.md in the repository).
  const closing = [...document.querySelectorAll(".reveal .slides section:not(:has(section))")].at(-1);
  const licence = document.createElement("p");
  licence.className = "deck-licence";
  licence.innerHTML = config.licenceLine;
  [closing, ...closing.querySelectorAll(".jp-RenderedMarkdown:not(aside *)")].at(-1).append(licence);

  // The print settings are those of the PDF handouts (?print-pdf: one page per slide,
  // fragments shown at once). Every slide is tested to fit, so there is no scrolling fallback.
  Reveal.initialize({
    controls: true,
    progress: true,
    history: true,
    plugins: [RevealNotes],
    pdfSeparateFragments: false,
    pdfMaxPagesPerSlide: 1,
    ...config.reveal,
  });
  window.Reveal = Reveal;  // for the browser tests and the PDF printer

  // Figures are drawn for the web page: on a slide each fills the room left under the
  // text (or its column, beside the text), up to MAX_ZOOM times its pixel height (sharpness).
  const MAX_ZOOM = 1.5, MARGIN = 24;
  const startHeight = img => +img.dataset.height || img.naturalHeight;

  function fitFigures(slide) {
    const images = [...slide.querySelectorAll(".jp-RenderedImage img")].filter(img => img.naturalHeight);
    if (!images.length) return;
    images.forEach(img => { img.style.height = startHeight(img) + "px"; });
    const scale = Reveal.getScale(), {width, height} = Reveal.getConfig();
    const top = slide.getBoundingClientRect().top;
    const box = el => {
      const r = el.getBoundingClientRect();
      return {top: (r.top - top) / scale, bottom: (r.bottom - top) / scale, width: r.width / scale};
    };
    const free = height - MARGIN - Math.max(...[...slide.children].map(el => box(el).bottom));
    images.forEach(img => {
      const column = img.closest(".side-by-side > .jp-Cell");
      const room = column ? height - MARGIN - box(img).top : startHeight(img) + free / images.length;
      const across = column ? box(column).width : width - 2 * MARGIN;
      const ratio = img.naturalWidth / img.naturalHeight;
      img.style.height = Math.max(Math.min(room, MAX_ZOOM * img.naturalHeight, across / ratio), 0) + "px";
    });
  }

  window.fitDeckFigures = () => Reveal.isReady() && Reveal.getSlides().forEach(fitFigures);
  Reveal.on("ready", fitDeckFigures);
  Reveal.on("slidechanged", event => fitFigures(event.currentSlide));
  Reveal.on("pdf-ready", fitDeckFigures);
  // the formulas were typeset when the deck was built: refit once their fonts have loaded
  document.fonts.ready.then(fitDeckFigures);
}
