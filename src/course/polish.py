"""Numbers and durations as the Polish text writes them: a decimal comma (0,9923), no
thousands separator, and no line break inside a duration."""
import re

DECIMAL = re.compile(r"^(-?\d+)\.(\d+)$")


def polish_number(value, digits=None):
    """A printed value the Polish way: "0.9923" -> "0,9923" (text that is not a decimal
    stays as it is). With digits, rounded to that many decimals; digits "%1" writes a
    fraction as a percentage with one decimal (0.1964 -> "19,6%")."""
    if digits is None:
        return DECIMAL.sub(r"\1,\2", str(value))
    if str(digits).startswith("%"):
        return f"{100 * float(value):.{int(digits[1:])}f}%".replace(".", ",")
    return f"{float(value):.{digits}f}".replace(".", ",")


def duration(seconds):
    """Seconds as "2 min 05 s" (or "45 s"), with no-break spaces."""
    minutes, seconds = divmod(int(seconds), 60)
    text = f"{minutes} min {seconds:02d} s" if minutes else f"{seconds} s"
    return text.replace(" ", "\u00a0")
