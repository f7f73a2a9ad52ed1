"""Loaded by every kernel of tests/test_colab_path.py (this folder is its PYTHONPATH) and by
nothing else. The kernel has no network: Keras' MNIST download, unchanged in the notebook,
is served from the local copy `make data` built (COURSE_TEST_MNIST), and any other URL fails
as offline. Without COURSE_TEST_MNIST every download fails.

The local copy holds the original MNIST arrays (make data checks their SHA-256), rebuilt from
the IDX files; its zip bytes differ from Keras' file, so Keras' file-hash check accepts this
one file in place of its own."""
import filecmp
import importlib.abc
import importlib.util
import os
import sys
import urllib.error
import urllib.request
import urllib.response
from email.message import Message

MNIST_URL = "https://storage.googleapis.com/tensorflow/tf-keras-datasets/mnist.npz"
LOCAL_MNIST = os.environ.get("COURSE_TEST_MNIST")


class LocalMirror(urllib.request.BaseHandler):
    """Answers MNIST_URL from LOCAL_MNIST; any other request fails as it would offline."""
    handler_order = 100  # before urllib's own HTTP(S) handlers

    def https_open(self, request):
        if LOCAL_MNIST is None or request.full_url != MNIST_URL:
            raise urllib.error.URLError(f"bez sieci w teście: {request.full_url}")
        headers = Message()
        headers["Content-Length"] = str(os.path.getsize(LOCAL_MNIST))
        response = urllib.response.addinfourl(open(LOCAL_MNIST, "rb"), headers, MNIST_URL, 200)
        response.msg = "OK"
        return response

    http_open = https_open


class AcceptLocalMnist(importlib.abc.MetaPathFinder):
    """When Keras loads its file utilities, lets validate_file accept the local MNIST copy."""
    MODULE = "keras.src.utils.file_utils"

    def find_spec(self, name, path=None, target=None):
        if name != self.MODULE:
            return None
        sys.meta_path.remove(self)
        spec = importlib.util.find_spec(name)
        load = spec.loader.exec_module

        def exec_module(module):
            load(module)
            keras_check = module.validate_file
            module.validate_file = lambda fpath, *args, **kwargs: (
                filecmp.cmp(fpath, LOCAL_MNIST, shallow=False) or keras_check(fpath, *args, **kwargs))

        spec.loader.exec_module = exec_module
        return spec


urllib.request.install_opener(urllib.request.build_opener(LocalMirror))
sys.meta_path.insert(0, AcceptLocalMnist())
