"""Sphinx extension: the course's licences (course.LICENCE_LINE, LICENSE.md) in the footer
of every page; each deck's closing slide says the same (course_slides)."""
import course


def set_footer(app, config):
    config.html_theme_options["extra_footer"] = f'<p class="course-licence">{course.LICENCE_LINE}</p>'


def setup(app):
    app.connect("config-inited", set_footer)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
