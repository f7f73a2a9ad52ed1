# ---
# jupyter:
#   jupytext:
#     notebook_metadata_filter: kernelspec,jupytext,rise,topic
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.6
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
#   rise:
#     center: false
#     height: 720
#     scroll: true
#     slideNumber: c/t
#     theme: white
#     transition: none
#     width: 1280
#   topic:
#     quoted:
#       ae_code_psnr: 1
#       ae_mse_k32: 5
#       basic_ae_bce_loss_mse: 4
#       basic_ae_mse_loss_mse: 4
#       blank_psnr: 1
#       compression_ratio_k32: 1
#       denoised_psnr: 1
#       jpeg_psnr_at_128_bytes: 1
#       jpeg_psnr_at_code_bytes: 1
#       knn2d_accuracy_ae: 3
#       knn2d_accuracy_pca: 3
#       linear_ae_mse_k32: 4
#       median_filter_psnr: 1
#       noisy_psnr: 1
#       pca_mse_k32: 4
#       plain_active_fraction: '%1'
#       sparse_active_fraction: '%1'
#     result: 'MSE przy kodzie 32: {ae_mse_k32} (autoenkoder) wobec {pca_mse_k32} (PCA)'
#     summary: Autoenkoder a PCA, odszumianie cyfr, mapa cyfr w dwóch wymiarach i kod szerszy niż
#       wejście.
# ---

# %% [markdown] slideshow={"slide_type": "slide"}
# # 5.3 Autoenkodery
# **Uczenie maszynowe · wykład 5**
#
# W tym notatniku pokażemy:
# - czym jest autoenkoder (*autoencoder*): sieć uczona odtwarzania własnego wejścia przez
#   wąskie gardło,
# - jak autoenkoder kompresuje cyfry MNIST, ile przy tym traci i jak wypada obok JPEG-a,
# - że liniowy autoenkoder uczy się tej samej podprzestrzeni co PCA (analiza składowych
#   głównych, *principal component analysis*), a nieliniowy odtwarza cyfry dokładniej,
# - autoenkoder odszumiający (*denoising autoencoder*) i dwuwymiarową mapę cyfr,
# - a poza wykładem: autoenkoder z kodem szerszym niż wejście i karą, która wymusza
#   rzadkość kodu (*sparsity*).

# %% slideshow={"slide_type": "skip"} tags=["remove-cell"]
import os
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")  # bez komunikatów TF przy imporcie
FAST = os.environ.get("COURSE_FAST") == "1"  # tryb szybki: mało danych i epok (CI)
DATA_DIR = Path(os.environ.get("COURSE_DATA_DIR", "../data"))  # kopia z `make data`

# %% [markdown] slideshow={"slide_type": "skip"}
# Potrzebne biblioteki: NumPy i SciPy do rachunków, scikit-learn do PCA i klasyfikatora
# najbliższych sąsiadów, Keras do sieci neuronowych, Pillow do kompresji JPEG, Matplotlib do
# rysunków.

# %% slideshow={"slide_type": "skip"} tags=["remove-stderr"]
import io
import time
import zipfile
import zlib

import keras
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf
from keras import layers
from matplotlib import patheffects
from matplotlib.patches import Circle, FancyBboxPatch, Polygon
from matplotlib.ticker import FuncFormatter
from PIL import Image
from scipy.linalg import subspace_angles
from scipy.ndimage import median_filter
from sklearn.decomposition import PCA
from sklearn.neighbors import KNeighborsClassifier

plt.rcParams["figure.dpi"] = 80
DECIMAL_COMMA = FuncFormatter(lambda value, _: f"{value:g}".replace(".", ","))  # 0,5 zamiast 0.5
# %config InlineBackend.figure_formats = ["retina"]  # rysunki w podwójnej rozdzielczości: ostre na slajdach


def plural(n, one, few, many):
    """Liczba z rzeczownikiem w dobrej formie: 1 zdanie, 2 zdania, 5 zdań, 12 zdań, 22 zdania."""
    few_ok = n % 10 in (2, 3, 4) and n % 100 not in (12, 13, 14)
    return f"{n} {one if n == 1 else few if few_ok else many}"

# %% [markdown] slideshow={"slide_type": "notes"}
# Ten temat (5.3) przechodzi od uczenia z etykietami do uczenia bez nich: sieć dostaje same obrazy
# cyfr i ma je odtworzyć. Przejdź krótko przez plan ze slajdu: zwykły autoenkoder, porównanie
# z PCA, autoenkoder odszumiający i mapa cyfr w dwóch wymiarach; część o kodzie szerszym niż
# wejście jest poza wykładem. Pytanie do sali: po co uczyć sieć oddawania dokładnie tego, co
# dostała na wejściu?

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Uczenie nienadzorowane
#
# - Dotąd każdy przykład miał etykietę: obraz i cyfrę, nagranie i odpowiedź „jest głos”.
# - W uczeniu nienadzorowanym (*unsupervised learning*) mamy same przykłady
#   $x^{(1)}, x^{(2)}, x^{(3)}, \ldots \in \mathbb{R}^n$, bez żadnych etykiet.
# - Chcemy mimo to odkryć strukturę danych: które kierunki są ważne, które przykłady są do
#   siebie podobne, jak opisać przykład krócej niż $n$ liczbami.

# %% [markdown] slideshow={"slide_type": "notes"}
# Slajd przypomina, że dotąd każdy przykład miał etykietę, a teraz zostają same wektory
# $x^{(i)}$. Zapytaj studentów: jakie znacie metody uczenia nienadzorowanego? Jeśli padnie PCA,
# zapowiedz, że porównamy je z autoenkoderem. Wskaż ostatni punkt slajdu: opisanie przykładu
# krócej niż $n$ liczbami to dokładnie to, czego nauczy się autoenkoder.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Czym jest autoenkoder
#
# Autoenkoder to sieć neuronowa, w której:
# - warstwa wejściowa i wyjściowa mają po $n$ neuronów,
# - w środku jest wąskie gardło: $k < n$ neuronów,
# - uczymy ją na parach $(x^{(i)}, y^{(i)})$ z $y^{(i)} = x^{(i)}$: wyjście ma odtworzyć wejście.

# %% slideshow={"slide_type": "skip"} tags=["remove-cell"]
def new_diagram(width, height, title):
    """Tworzy pusty rysunek bez osi o podanym rozmiarze w calach."""
    fig, ax = plt.subplots(figsize=(width, height))
    ax.set_aspect("equal")
    ax.axis("off")
    ax.set_title(title, fontsize=11)
    return fig, ax


def draw_box(ax, x, y, label, color="#dbe9f6", width=1.2, height=0.9, fontsize=10):
    """Rysuje zaokrąglony prostokąt z podpisem o środku w (x, y)."""
    ax.add_patch(FancyBboxPatch((x - width / 2, y - height / 2), width, height,
                                boxstyle="round,pad=0.05", fc=color, ec="k"))
    ax.text(x, y, label, ha="center", va="center", fontsize=fontsize)


def line(ax, *points, color="k", lw=1.2, **style):
    """Rysuje łamaną bez strzałki przez podane punkty."""
    xs, ys = zip(*points)
    ax.plot(xs, ys, color=color, lw=lw, **style)


def arrow(ax, *points, color="k", lw=1.2, style="-|>", halo=None, **arrowprops):
    """Rysuje łamaną przez podane punkty ze strzałką na ostatnim odcinku.

    Z `halo` (kolorem tła) łamana przechodzi nad inną linią: obwódka w tym kolorze przerywa
    tamtą, więc taka łamana powinna zaczynać się w pustym miejscu."""
    over = {}
    if halo:
        over = {"zorder": 3.5}
        line(ax, *points, color=color, lw=lw, solid_capstyle="butt",
             path_effects=[patheffects.withStroke(linewidth=lw + 6, foreground=halo)], **over)
    elif len(points) > 2:
        line(ax, *points[:-1], color=color, lw=lw, zorder=0)
    ax.annotate("", xy=points[-1], xytext=points[-2], **over,
                arrowprops={"arrowstyle": style, "color": color, "lw": lw, "shrinkA": 0, "shrinkB": 0,
                            **arrowprops})


def draw_node(ax, x, y, label, color="#dbe9f6", radius=0.25, fontsize=11):
    """Rysuje kółko z podpisem o środku w (x, y)."""
    ax.add_patch(Circle((x, y), radius, fc=color, ec="k"))
    ax.text(x, y, label, ha="center", va="center", fontsize=fontsize)


def draw_autoencoder_net(n=6, k=3):
    """Schemat klasycznego autoenkodera n-k-n: wejście, warstwa ukryta, wyjście."""
    fig, ax = new_diagram(6, 3.4, f"Autoenkoder {n}–{k}–{n}: wyjście ma odtworzyć wejście")
    columns = [(0, n, "x"), (3, k, "h"), (6, n, r"\hat{x}")]
    colors = ["#dbe9f6", "#c9e8c9", "#fde0c5"]
    positions = [[(x, y) for y in np.linspace((n - size) / 2, (n + size) / 2 - 1, size)] for x, size, _ in columns]
    for left, right in zip(positions[:-1], positions[1:]):
        for start in left:
            for end in right:
                line(ax, start, end, color="gray", lw=0.8, zorder=0)
    for (x, size, name), points, color in zip(columns, positions, colors):
        for i, (px, py) in enumerate(reversed(points), start=1):
            draw_node(ax, px, py, f"${name}_{i}$", color, radius=0.36)
    for x, text in [(0, f"wejście ($n$ = {n})"), (3, f"kod ($k$ = {k})"), (6, f"wyjście ($n$ = {n})")]:
        ax.text(x, -0.8, text, ha="center", fontsize=10)
    ax.set(xlim=(-1, 7), ylim=(-1.1, n - 0.5))
    plt.show()


# %% jupyter={"source_hidden": true} mystnb={"image": {"alt": "Schemat klasycznego trójwarstwowego autoenkodera: sześć neuronów wejściowych x1–x6 po lewej, trzy neurony ukryte h1–h3 pośrodku i sześć neuronów wyjściowych x̂1–x̂6 po prawej; każdy neuron jest połączony z każdym neuronem sąsiedniej warstwy, a warstwa środkowa jest najwęższa."}} tags=["remove-input", "side-by-side"]
draw_autoencoder_net()

# %% [markdown] slideshow={"slide_type": "notes"}
# To schemat z samouczka UFLDL (Stanford), narysowany od nowa: sieć $h_{W,b}(x)$ z jedną
# warstwą ukrytą. Etykietą każdego przykładu jest on sam, więc do uczenia nie potrzeba
# nikogo, kto opisze dane — wystarczą same dane.

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Koder, kod, dekoder
#
# Ogólnie autoenkoder składa się z dwóch sieci: koder (*encoder*) $f$ zamienia wejście na
# krótki kod (*code*) $z = f(x) \in \mathbb{R}^k$, a dekoder (*decoder*) $g$ odtwarza z niego
# wejście, $\hat{x} = g(z) = g(f(x)) \approx x$. To jeden z rodzajów układu koder–dekoder
# (*encoder-decoder*): tu wyjście ma powtórzyć wejście, a w tłumaczeniu (temat 5.5) dekoder
# pisze zdanie w innym języku.

# %% slideshow={"slide_type": "skip"} tags=["remove-cell"]
def draw_trapezoid(ax, x, label, color, narrowing):
    """Rysuje trapez (zwężający się albo rozszerzający) o środku w (x, 0) z podpisem."""
    left, right = (1.2, 0.5) if narrowing else (0.5, 1.2)
    corners = [(x - 0.7, -left), (x + 0.7, -right), (x + 0.7, right), (x - 0.7, left)]
    ax.add_patch(Polygon(corners, closed=True, fc=color, ec="k"))
    ax.text(x, 0, label, ha="center", va="center", fontsize=10)


def draw_encoder_decoder():
    """Schemat ogólny: wejście → koder → kod → dekoder → rekonstrukcja."""
    fig, ax = new_diagram(7, 2.2, "Koder zamienia wejście w kod, dekoder je odtwarza")
    draw_box(ax, 0, 0, "wejście\n$x \\in \\mathbb{R}^n$", "#dbe9f6", height=2.4)
    draw_trapezoid(ax, 2, "koder\n$f$", "#c9e8c9", narrowing=True)
    draw_box(ax, 4, 0, "kod\n$z \\in \\mathbb{R}^k$", "#f6d6e8", width=0.9)
    draw_trapezoid(ax, 6, "dekoder\n$g$", "#fde0c5", narrowing=False)
    draw_box(ax, 8, 0, "wyjście\n$\\hat{x} = g(f(x))$", "#dbe9f6", width=1.5, height=2.4)
    for start, end in [(0.65, 1.3), (2.7, 3.5), (4.5, 5.3), (6.7, 7.2)]:
        arrow(ax, (start, 0), (end, 0), lw=1.5, style="->")
    ax.set(xlim=(-0.8, 8.9), ylim=(-1.4, 1.4))
    plt.show()


# %% jupyter={"source_hidden": true} mystnb={"image": {"alt": "Schemat koder–kod–dekoder: prostokąt wejścia x w R^n, zwężający się trapez kodera f, wąski prostokąt kodu z w R^k, rozszerzający się trapez dekodera g i prostokąt wyjścia x̂ = g(f(x)); strzałki prowadzą od lewej do prawej."}} tags=["remove-input"]
draw_encoder_decoder()

# %% [markdown] slideshow={"slide_type": "notes"}
# Rysunek uogólnia poprzedni schemat: zamiast pojedynczych warstw mamy dwie sieci, koder $f$ i
# dekoder $g$. Wskaż wąski prostokąt pośrodku: kod $z$ ma tylko $k$ liczb i wszystko, co
# dekoder wie o przykładzie, musi przejść przez to miejsce. Niech sala odpowie: co trzeba by
# przesłać odbiorcy, który ma u siebie dekoder, żeby odtworzył obraz? Odpowiedź: sam kod,
# czyli $k$ liczb zamiast $n$. Dodaj, że nazwa koder–dekoder jest szersza niż autoenkoder:
# w temacie 5.5 ten sam układ tłumaczy zdania.

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Co to daje?
#
# - Na pozór sieć ma się nauczyć rzeczy trywialnej: oddać to, co dostała, $g(f(x)) \approx x$.
# - Ale środek jest węższy niż wejście: by odtworzyć $n$ liczb z $k < n$, sieć musi znaleźć
#   zwartą, $k$-wymiarową reprezentację danych. To metoda **kompresji** danych.

# %% [markdown] slideshow={"slide_type": "fragment"}
# - Wąskie gardło zmusza sieć do wykorzystania **struktury danych**: gdyby piksele były
#   niezależnym szumem, nie dałoby się ich skompresować; udaje się to, bo cyfry mają kreski,
#   kształty i regularności.
# - Dekoder musi odbudować wejście z samego skompresowanego kodu, więc w kodzie musi
#   zostać to, co w danych najważniejsze.

# %% [markdown] slideshow={"slide_type": "notes"}
# Na pierwszy rzut oka zadanie jest bezsensowne, bo funkcję tożsamościową zna każdy. Cały sens tkwi w
# wąskim gardle: sieć nie przepisze $n$ liczb przez $k < n$ neuronów, więc musi wybrać, co
# zachować. Zapytaj salę, zanim pokażesz drugą część slajdu: czy dałoby się tak ścisnąć obrazy
# czysto losowego szumu? Druga część odpowiada na to pytanie: kompresja udaje się tylko
# dlatego, że dane mają strukturę.

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Warianty
#
# - Koder i dekoder mogą mieć po kilka warstw; autoenkoder jest wtedy siecią głęboką.
# - Funkcja straty mierzy, jak daleko $\hat{x}$ jest od $x$, zwykle:
#   - błąd średniokwadratowy $\frac{1}{n}\sum_j (x_j - \hat{x}_j)^2$,
#   - binarna entropia krzyżowa $-\frac{1}{n}\sum_j \left[x_j \log \hat{x}_j + (1 - x_j)\log(1 - \hat{x}_j)\right]$
#     dla danych z przedziału $[0, 1]$, np. jasności pikseli.

# %% [markdown] slideshow={"slide_type": "fragment"}
# - Autoenkoder może odkryć strukturę nawet wtedy, gdy $k \ge n$, jeśli nałożymy inne
#   ograniczenia, np. rzadkość kodu albo szum na wejściu — bez nich sieć
#   mogłaby po prostu przepisać wejście na wyjście.
# - Kompresja jest zwykle **stratna**: $\hat{x}$ tylko przybliża $x$.

# %% [markdown] slideshow={"slide_type": "notes"}
# Oba wzory straty to średnie po $n$ pikselach; entropia krzyżowa ma sens tylko dla wartości z
# przedziału $[0, 1]$, dlatego sieć kończy się sigmoidą. Za chwilę porównamy obie straty na
# tym samym autoenkoderze. Zapytaj salę: czego nauczy się sieć z warstwą środkową szerszą niż
# wejście, jeśli nic jej nie ograniczamy? Odpowiedź daje druga część slajdu: bez ograniczeń sieć
# może po prostu przepisać wejście na wyjście. Slajd zapowiada też dwa ograniczenia, które temu
# zapobiegają: szum na wejściu (autoenkoder odszumiający) i karę, która wymusza rzadkość kodu
# (część poza wykładem).

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Dane: cyfry MNIST bez etykiet
#
# Obrazy 28×28 zamieniamy na wektory $x \in [0, 1]^{784}$. Etykiet nie użyjemy do uczenia
# autoenkoderów. Posłużą tylko do oceny wyników: uczymy na nich dwa pomocnicze klasyfikatory
# (jeden wybiera przykłady do obejrzenia, drugi sprawdza, czy kody rozdzielają cyfry)
# i kolorujemy nimi mapę cyfr.

# %% [markdown] slideshow={"slide_type": "skip"}
# Dane wczytuje funkcja `load_mnist`: najpierw lokalna kopia z `make data`, a gdy jej nie ma
# (np. w Colab), zbiór pobierany przez Keras.

# %% slideshow={"slide_type": "skip"}
def load_mnist():
    """Zwraca ((x_train, y_train), (x_test, y_test)) z kopii lokalnej albo z Keras."""
    path = DATA_DIR / "mnist.npz"
    if path.exists():
        try:
            with np.load(path) as data:
                return (data["x_train"], data["y_train"]), (data["x_test"], data["y_test"])
        except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile, zlib.error) as err:
            raise RuntimeError(f"Plik {path} jest uszkodzony ({err}). Usuń go i uruchom "
                               "`make data` w katalogu głównym repozytorium.") from err
    try:
        return keras.datasets.mnist.load_data()
    except Exception as err:  # brak sieci: Keras zgłasza różne wyjątki
        raise FileNotFoundError(f"Brak danych MNIST: nie ma pliku {path}, a pobranie przez Keras "
                                "się nie udało. Uruchom `make data` w katalogu głównym repozytorium "
                                "albo otwórz notatnik w Colab.") from err


(x_train_raw, y_train_raw), (x_test_raw, y_test_raw) = load_mnist()

# %% slideshow={"slide_type": "skip"} tags=["remove-cell"]
# sprawdzenie: wczytany zbiór to pełny MNIST
assert x_train_raw.shape == (60000, 28, 28) and x_test_raw.shape == (10000, 28, 28)
assert list(y_train_raw[:7]) == [5, 0, 4, 1, 9, 2, 1]

# %% [markdown] slideshow={"slide_type": "skip"}
# Piksele skalujemy do [0, 1] i spłaszczamy obrazy do 784 liczb. W trybie szybkim uczymy na
# 5000 obrazach i testujemy na 1000.

# %%
def flatten_images(images):
    """Spłaszcza obrazy 28×28 do wektorów 784 i skaluje piksele do [0, 1]."""
    return images.reshape(len(images), -1).astype("float32") / 255


n_train, n_test = (5000, 1000) if FAST else (60000, 10000)
x_train, x_test = flatten_images(x_train_raw[:n_train]), flatten_images(x_test_raw[:n_test])
y_train, y_test = y_train_raw[:n_train], y_test_raw[:n_test]
N_PIXELS = x_train.shape[1]
print(f"uczymy na {len(x_train)} wektorach długości {N_PIXELS}, testujemy na {len(x_test)}")

# %% [markdown] slideshow={"slide_type": "skip"}
# Funkcje pomocnicze: budowa autoenkodera o zadanych warstwach (zwraca całą sieć i sam
# koder), strumień wsadów tf.data z wyłączonym automatycznym strojeniem (jego wątek potrafi
# opóźnić koniec uczenia), uczenie z krótkim raportem, błąd średniokwadratowy na zbiorze
# testowym i udział pikseli pośrednich (jasność między 0,25 a 0,75), którym mierzymy
# rozmycie obrazów.

# %% slideshow={"slide_type": "skip"}
def make_autoencoder(k, hidden=(), activation="relu", code_activation=None, output="sigmoid",
                     use_bias=True, code_regularizer=None):
    """Buduje autoenkoder 784 → hidden → k → odwrócone hidden → 784; zwraca (sieć, koder)."""
    inputs = keras.Input(shape=(N_PIXELS,))
    h = inputs
    for size in hidden:
        h = layers.Dense(size, activation=activation, use_bias=use_bias)(h)
    code = layers.Dense(k, activation=code_activation, use_bias=use_bias,
                        activity_regularizer=code_regularizer, name="code")(h)
    h = code
    for size in reversed(hidden):
        h = layers.Dense(size, activation=activation, use_bias=use_bias)(h)
    outputs = layers.Dense(N_PIXELS, activation=output, use_bias=use_bias, name="decoder_out")(h)
    return keras.Model(inputs, outputs), keras.Model(inputs, code)


def batches(x, y, batch_size):
    """Strumień wsadów tf.data: numery obrazów przemieszane w każdej epoce, powtarzany bez końca."""
    x, y = tf.constant(x), tf.constant(y)
    order = tf.data.Dataset.range(len(x)).shuffle(len(x), seed=42).batch(batch_size).repeat()
    options = tf.data.Options()
    options.autotune.enabled = False  # z autotune koniec uczenia opóźniał się o 5-60 s
    return order.map(lambda i: (tf.gather(x, i), tf.gather(y, i))).prefetch(2).with_options(options)


def fit_epochs(model, x, y, epochs, batch_size=256):
    """Uczy sieć przez podaną liczbę epok na strumieniu `batches`; zwraca historię Keras."""
    steps = -(-len(x) // batch_size)  # wsady na epokę, ostatni niepełny
    return model.fit(batches(x, y, batch_size), steps_per_epoch=steps, epochs=epochs, shuffle=False, verbose=0)


def train_autoencoder(model, x_in, x_out, epochs, loss="mse", learning_rate=1e-3, name="autoencoder"):
    """Uczy sieć Adamem (wsad 256) i drukuje jedną linię: epoki, strata, czas."""
    model.compile(optimizer=keras.optimizers.Adam(learning_rate), loss=loss)
    start = time.perf_counter()
    history = fit_epochs(model, x_in, x_out, epochs)
    seconds = time.perf_counter() - start
    print(f"{name}: {plural(epochs, 'epoka', 'epoki', 'epok')}, strata końcowa {history.history['loss'][-1]:.4f}, {seconds:.1f} s")
    return seconds


def mse(a, b):
    """Błąd średniokwadratowy na piksel."""
    return float(np.mean((a - b) ** 2))


def gray_fraction(images, low=0.25, high=0.75):
    """Udział pikseli pośrednich, ani tła, ani kreski: im większy, tym obraz bardziej rozmyty."""
    return float(np.mean((images > low) & (images < high)))


# %% [markdown] slideshow={"slide_type": "notes"}
# Wskaż wydruk: uczymy na 60000 obrazach, a sprawdzamy na 10000 innych; każdy obraz to wektor
# 784 liczb z przedziału $[0, 1]$. Etykiet nie dostaje żaden autoenkoder: uczą się na nich
# tylko dwa klasyfikatory pomocnicze (wybór przykładów do obejrzenia i k najbliższych sąsiadów
# na kodach), a na mapie cyfr wyznaczają kolor punktów. Zatrzymaj się na pytaniu: skoro autoenkoder uczy
# się bez etykiet, po czym poznamy, że działa dobrze? Odpowiedź: po błędzie rekonstrukcji na zbiorze testowym, którego
# sieć nie widziała.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Pierwszy autoenkoder: 784 → 32 → 784
#
# Jedna warstwa ukryta z 32 neuronami (bez funkcji aktywacji) i wyjście z sigmoidą, dające liczby z $[0, 1]$,
# jak piksele. Każdy obraz opisujemy więc 32 liczbami zamiast 784.

# %%
k_basic = 32
compression_ratio = N_PIXELS / k_basic
print(f"stopień kompresji: {N_PIXELS} / {k_basic} = {compression_ratio:.1f} razy mniej liczb")

# %% [markdown] slideshow={"slide_type": "notes"}
# Wskaż wydruk: 784 / 32 = 24,5, czyli każdą cyfrę opisujemy 24,5 razy mniejszą liczbą
# wartości. Sigmoida na wyjściu pilnuje, by odtworzone piksele leżały w $[0, 1]$, tak jak
# oryginalne. Do dyskusji: czy z 32 liczb da się jeszcze odtworzyć czytelną cyfrę? Odpowiedź
# pokażą dwa następne slajdy.

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Błąd średniokwadratowy czy entropia krzyżowa?
#
# Uczymy takie same sieci: połowę z błędem średniokwadratowym (MSE), połowę z binarną
# entropią krzyżową (BCE), każdy wariant z dwoma ziarnami. Wszystkie oceniamy tą samą miarą: MSE na
# zbiorze testowym.

# %%
basic_epochs = 6 if FAST else 8
loss_seeds = (42,) if FAST else (42, 43)
basic_results = {}  # (strata, ziarno) → (MSE testowe, udział pikseli pośrednich, rekonstrukcje)
for loss in ("mse", "binary_crossentropy"):
    for seed in loss_seeds:
        keras.utils.set_random_seed(seed)
        net, _ = make_autoencoder(k_basic)
        train_autoencoder(net, x_train, x_train, basic_epochs, loss=loss,
                          name=f"784-32-784, {loss}, ziarno {seed}")
        reconstruction = net.predict(x_test, verbose=0)
        basic_results[loss, seed] = (mse(reconstruction, x_test), gray_fraction(reconstruction), reconstruction)

# %% [markdown] slideshow={"slide_type": "notes"}
# Sieci z tym samym ziarnem zaczynają od tych samych wag i różnią się tylko funkcją straty;
# dwa ziarna pokazują, o ile wynik zmienia się od samego losowania wag. Wskaż wydruk: cztery
# sieci po 8 epok. Strat końcowych (ok. 0,0127 przy MSE i 0,1005 przy BCE) nie porównujemy,
# bo to różne miary; dlatego wszystkie sieci oceniamy tym samym MSE na zbiorze testowym.

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Wyniki z dwóch ziaren
#
# Obok MSE udział pikseli pośrednich: miara rozmycia (czyste cyfry też go mają, na brzegach kresek).

# %% jupyter={"source_hidden": true} tags=["hide-input"]
print(f"{'funkcja straty':<21}{'MSE: średnia':>13}{'min–max':>17}{'piksele pośrednie':>19}")
loss_summary = {}
for loss in ("mse", "binary_crossentropy"):
    runs = np.array([basic_results[loss, seed][:2] for seed in loss_seeds])
    loss_summary[loss] = runs.mean(axis=0)
    print(f"{loss:<21}{runs[:, 0].mean():>13.4f}{runs[:, 0].min():>10.4f}–{runs[:, 0].max():.4f}"
          f"{runs[:, 1].mean():>19.1%}")
print(f"{'czyste cyfry':<21}{'':>30}{gray_fraction(x_test):>19.1%}")
basic_mse_mse, basic_mse_bce = loss_summary["mse"][0], loss_summary["binary_crossentropy"][0]

# %% slideshow={"slide_type": "skip"} tags=["remove-cell"]
# sprawdzenie: obie funkcje straty dają małe MSE
assert max(basic_mse_mse, basic_mse_bce) < (0.07 if FAST else 0.02), (basic_mse_mse, basic_mse_bce)


# %% slideshow={"slide_type": "skip"} tags=["remove-cell"]
def show_rows(rows, titles, n=8, height=0.85):
    """Rysuje wiersze obrazów 28×28 (po n w wierszu) z podpisami wierszy po lewej."""
    fig, axes = plt.subplots(len(rows), n, figsize=(0.8 * n, height * len(rows)))
    for r, (images, title) in enumerate(zip(rows, titles)):
        for c in range(n):
            ax = axes[r, c]
            ax.imshow(images[c].reshape(28, 28), cmap="gray_r", vmin=0, vmax=1)
            ax.set(xticks=[], yticks=[])
        axes[r, 0].set_ylabel(title, rotation=0, ha="right", va="center", fontsize=9)
    fig.subplots_adjust(wspace=0.05, hspace=0.05, left=0.2)
    plt.show()


# %% [markdown] slideshow={"slide_type": "notes"}
# Wskaż tabelę: średnie MSE testowe z dwóch ziaren to 0,0118 przy uczeniu z MSE i 0,0113 przy
# uczeniu z entropią krzyżową, a przedziały min–max nie zachodzą na siebie: w tym
# budżecie 8 epok sieci uczone z BCE wypadają lepiej nawet w mierze, której nie minimalizowały. Różnica jest
# jednak mała, ok. 5%. Rekonstrukcje BCE mają też mniej pikseli pośrednich (7,1% wobec
# 7,8%; czyste cyfry 5,0%), czyli są nieco ostrzejsze. Sprawdź, czy sala wie: skąd mniejszy błąd
# średniokwadratowy u sieci, która go nie minimalizowała? Jedna hipoteza: przy sigmoidzie
# gradient BCE nie zanika, gdy wyjście jest nasycone, więc w tym samym budżecie epok uczenie
# idzie szybciej. Nie sprawdzaliśmy, czy przewaga zostaje przy dłuższym uczeniu.

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Oryginały i rekonstrukcje
#
# Pierwsze cyfry testowe — sieć nigdy ich nie widziała — i ich odtworzenia z 32 liczb.

# %% jupyter={"source_hidden": true} mystnb={"image": {"alt": "Trzy wiersze po osiem cyfr testowych: u góry oryginały, niżej rekonstrukcje autoenkodera 784–32–784 uczonego z MSE i z entropią krzyżową; rekonstrukcje są rozpoznawalne, ale nieco rozmyte."}} tags=["remove-input"]
show_rows([x_test, basic_results["mse", 42][2], basic_results["binary_crossentropy", 42][2]],
          ["oryginał", "AE, MSE", "AE, BCE"])

# %% [markdown] slideshow={"slide_type": "notes"}
# Kompresja jest stratna: cienkie szczegóły kresek się rozmywają, ale cyfry pozostają
# czytelne. Na oko obie funkcje straty dają podobny wynik; różnicę w ostrości widać dopiero
# w liczbach z poprzedniego slajdu (7,1% wobec 7,8% pikseli pośrednich). Entropia krzyżowa
# mocniej niż MSE karze pomyłki popełnione z dużą pewnością, np. wartość bliską 0 tam, gdzie
# piksel jest bliski 1. Daj chwilę na odpowiedź: które szczegóły
# cyfr giną w rekonstrukcji najpierw?

# %% [markdown] slideshow={"slide_type": "slide"} tags=["optional"]
# ## Autoenkoder a PCA
#
# - Obie metody zmniejszają wymiar danych: opisują przykład $k$ liczbami zamiast $n$.
# - PCA (analiza składowych głównych) rzutuje dane na $k$ kierunków największej wariancji
#   (składowe główne) — to najlepsze **liniowe** przybliżenie w sensie błędu średniokwadratowego.
# - Autoenkoder liniowy (bez funkcji aktywacji) z jedną warstwą ukrytą nie może więc mieć
#   mniejszego błędu od PCA na danych uczących; nieliniowy może.
#   [Hinton i Salakhutdinov (2006)](https://doi.org/10.1126/science.1127647) pokazali, że
#   głęboki autoenkoder odtwarza obrazy lepiej niż PCA.

# %% [markdown] slideshow={"slide_type": "notes"}
# PCA jest tu punktem odniesienia: znaną metodą liniową, z którą musi się zmierzyć każdy
# autoenkoder. Podkreśl logikę slajdu: skoro PCA daje najlepsze liniowe przybliżenie w sensie
# błędu średniokwadratowego, autoenkoder liniowy może je najwyżej dogonić, a przewagę da
# dopiero nieliniowość. Pytanie do sali: o ile lepszy od PCA będzie autoenkoder liniowy? Poprawna
# odpowiedź brzmi: wcale.

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Trzy metody, trzy rozmiary kodu
#
# Dla $k \in \{2, 8, 32\}$ porównujemy błąd rekonstrukcji na zbiorze testowym:
# - PCA (`sklearn.decomposition.PCA`),
# - autoenkoder liniowy 784 → $k$ → 784 na danych wycentrowanych (odejmujemy średni obraz,
#   jak robi to PCA),
# - autoenkoder nieliniowy 784 → 256 → $k$ → 256 → 784 z ReLU i sigmoidą na wyjściu.

# %% [markdown] slideshow={"slide_type": "notes"}
# Dla każdego z trzech rozmiarów kodu mamy trzy metody, razem dziewięć wyników. Zwróć uwagę na
# centrowanie: autoenkoder liniowy nie ma wyrazów wolnych, więc odejmujemy średni obraz, tak
# jak robi to PCA. Poproś słuchaczy, by przewidzieli kolejność trzech metod dla każdego $k$;
# tabela z wynikami jest dwa slajdy dalej.

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Uczenie: PCA i dwa autoenkodery dla każdego $k$

# %% slideshow={"slide_type": "skip"}
code_sizes = (2, 8, 32)
linear_epochs, deep_epochs = (3, 3) if FAST else (10, 12)
train_mean = x_train.mean(axis=0)
xc_train, xc_test = x_train - train_mean, x_test - train_mean
pca_mse, linear_mse, deep_mse, pcas, linear_nets, deep_nets, deep_encoders = {}, {}, {}, {}, {}, {}, {}
for k in code_sizes:
    pcas[k] = PCA(n_components=k, random_state=0).fit(x_train)
    pca_mse[k] = mse(pcas[k].inverse_transform(pcas[k].transform(x_test)), x_test)

# %%
for k in code_sizes:
    keras.utils.set_random_seed(42)
    linear_nets[k], _ = make_autoencoder(k, code_activation=None, output=None, use_bias=False)
    train_autoencoder(linear_nets[k], xc_train, xc_train, linear_epochs, learning_rate=3e-3, name=f"liniowy, k={k}")
    linear_mse[k] = mse(linear_nets[k].predict(xc_test, verbose=0), xc_test)

    keras.utils.set_random_seed(42)
    deep_nets[k], deep_encoders[k] = make_autoencoder(k, hidden=(256,))
    train_autoencoder(deep_nets[k], x_train, x_train, deep_epochs, name=f"nieliniowy, k={k}")
    deep_mse[k] = mse(deep_nets[k].predict(x_test, verbose=0), x_test)

# %% [markdown] slideshow={"slide_type": "notes"}
# Ten slajd to samo uczenie: wydruk ma po jednej linii na sieć, autoenkoder liniowy uczymy 10
# epok, a nieliniowy 12. Wskaż czasy dla $k = 32$: nieliniowy autoenkoder uczy się wyraźnie
# dłużej niż liniowy (dodatkowa warstwa 256 neuronów i 12 epok zamiast 10); dokładnych sekund
# nie cytuj, bo zmieniają się między uruchomieniami. Zapytaj studentów: dlaczego do porównania nie bierzemy tych strat końcowych, tylko liczymy
# błąd na zbiorze testowym? Odpowiedź: strata końcowa mówi, jak sieć odtwarza dane uczące, a
# uczciwe porównanie wymaga danych, których żadna metoda nie widziała.

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Wyniki: MSE na zbiorze testowym

# %% jupyter={"source_hidden": true} tags=["hide-input"]
print(f"{'k':>3}{'784/k':>8}{'PCA':>10}{'AE liniowy':>12}{'AE nieliniowy':>15}")
for k in code_sizes:
    print(f"{k:>3}{N_PIXELS / k:>8.1f}{pca_mse[k]:>10.4f}{linear_mse[k]:>12.4f}{deep_mse[k]:>15.4f}")

# %% slideshow={"slide_type": "skip"} tags=["remove-cell"]
# sprawdzenie: błąd maleje z k, a autoenkodery dorównują PCA
assert all(np.isfinite(v) for d in (pca_mse, linear_mse, deep_mse) for v in d.values())
assert pca_mse[2] > pca_mse[8] > pca_mse[32]
if FAST:
    assert deep_mse[32] < 0.07 and linear_mse[32] < 0.07, (deep_mse, linear_mse)
else:
    assert deep_mse[32] < pca_mse[32], (deep_mse[32], pca_mse[32])
    assert linear_mse[8] < 1.05 * pca_mse[8], (linear_mse[8], pca_mse[8])

# %% jupyter={"source_hidden": true} mystnb={"image": {"alt": "Wykres błędu rekonstrukcji na zbiorze testowym w zależności od rozmiaru kodu k równego 2, 8 i 32 (oś pozioma logarytmiczna) dla PCA, autoenkodera liniowego i nieliniowego; błąd maleje z k, krzywa autoenkodera liniowego leży na krzywej PCA, a nieliniowy ma najmniejszy błąd."}} tags=["remove-input"]
fig, ax = plt.subplots(figsize=(5, 3))
for values, style, label in [(pca_mse, "o-", "PCA"), (linear_mse, "s--", "AE liniowy"),
                             (deep_mse, "^-", "AE nieliniowy")]:
    ax.plot(code_sizes, [values[k] for k in code_sizes], style, label=label)
ax.set(xscale="log", xticks=code_sizes, xticklabels=code_sizes, xlabel="rozmiar kodu $k$",
       ylabel="MSE testowe", title="Błąd rekonstrukcji a rozmiar kodu")
ax.minorticks_off()  # na osi zostają tylko podpisy 2, 8 i 32
ax.yaxis.set_major_formatter(DECIMAL_COMMA)
ax.legend()
plt.show()

# %% [markdown] slideshow={"slide_type": "notes"}
# Autoenkoder liniowy osiąga praktycznie ten sam błąd co PCA (przy $k = 32$: 0,0170 wobec
# 0,0168) — lepiej się nie da, bo na danych uczących PCA jest optymalne wśród metod
# liniowych. Nieliniowy autoenkoder z dodatkową warstwą ukrytą schodzi niżej (0,00725),
# zapewne dlatego, że obrazy cyfr leżą blisko zakrzywionej powierzchni (rozmaitości),
# a nie płaskiej podprzestrzeni. Za to płacimy dłuższym uczeniem i brakiem gwarancji optimum.

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Liniowy autoenkoder uczy się podprzestrzeni PCA
#
# - Liniowy autoenkoder z jedną warstwą ukrytą odtwarza $\hat{x} = W_{\text{dec}} W_{\text{enc}} x$,
#   a najlepsze takie przybliżenie rzutuje na podprzestrzeń rozpiętą przez $k$ pierwszych
#   składowych głównych ([Baldi i Hornik, 1989](https://doi.org/10.1016/0893-6080(89)90014-2)).
# - Same wagi nie muszą być składowymi głównymi (każda odwracalna zmiana bazy kodu daje tę
#   samą sieć), ale **rozpinają tę samą podprzestrzeń**; składowe główne odzyskamy z wag
#   rozkładem SVD.

# %% [markdown] slideshow={"slide_type": "notes"}
# Sedno slajdu: autoenkoder liniowy nie musi odtworzyć samych składowych głównych, tylko tę
# samą podprzestrzeń, bo każda odwracalna zmiana bazy kodu daje tę samą sieć. Baldi i Hornik
# pokazali też, że strata takiej sieci nie ma minimów lokalnych poza globalnym (pozostałe
# punkty krytyczne to punkty siodłowe), więc spadek gradientu nie utknie w gorszym minimum.
# Niech sala odpowie: dlaczego porównujemy podprzestrzenie, a nie bezpośrednio wagi sieci ze
# składowymi PCA?

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Sprawdzenie dla $k = 8$
#
# Ortonormalizujemy wiersze macierzy wag dekodera ($k \times 784$) i liczymy kosinusy kątów
# głównych między tą podprzestrzenią a podprzestrzenią PCA (1 oznacza kierunek wspólny,
# 0 — prostopadły).

# %%
k_angle = 8
decoder_weights = linear_nets[k_angle].get_layer("decoder_out").get_weights()[0]  # (k, 784)
basis, _ = np.linalg.qr(decoder_weights.T)  # ortonormalna baza (784, k)
cosines = np.cos(subspace_angles(basis, pcas[k_angle].components_.T))
linear_ae_subspace_cosine = float(cosines.mean())
print("kosinusy kątów głównych:", np.round(np.sort(cosines)[::-1], 3))
print(f"średni kosinus: {linear_ae_subspace_cosine:.4f}, najmniejszy: {cosines.min():.4f}")

# %% [markdown] slideshow={"slide_type": "notes"}
# Wskaż wydruk: wszystkie osiem kosinusów kątów głównych to 0,998 lub 0,999, średni 0,9988,
# najmniejszy 0,9977, więc podprzestrzenie praktycznie się pokrywają. Zapytaj salę: co
# oznaczałby kosinus bliski 0? Odpowiedź: w podprzestrzeni autoenkodera brakowałoby jednego
# kierunku, który PCA uznało za ważny.

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Składowe główne odzyskane z wag
#
# Rzutujemy wycentrowane dane uczące na bazę z wag i robimy SVD
# rzutów; prawe wektory osobliwe obracają bazę na kierunki malejącej wariancji.

# %%
_, _, vt = np.linalg.svd(xc_train @ basis, full_matrices=False)
recovered = (basis @ vt.T).T  # (k, 784): kierunki odzyskane z wag autoenkodera
component_cosines = np.abs(np.sum(recovered * pcas[k_angle].components_, axis=1))
print("|cos| między odzyskaną a prawdziwą składową:", np.round(component_cosines, 3))

# %% slideshow={"slide_type": "skip"} tags=["remove-cell"]
# sprawdzenie: autoenkoder liniowy odtwarza podprzestrzeń PCA
assert linear_ae_subspace_cosine >= (0.5 if FAST else 0.95), linear_ae_subspace_cosine

# %% jupyter={"source_hidden": true} mystnb={"image": {"alt": "Dwa wiersze po osiem obrazów 28 na 28: u góry pierwsze osiem składowych głównych PCA cyfr MNIST, u dołu kierunki odzyskane rozkładem SVD z wag liniowego autoenkodera; wzory w obu wierszach są niemal takie same (znaki odzyskanych kierunków dopasowano do PCA)."}} tags=["remove-input"]
signs = np.sign(np.sum(recovered * pcas[k_angle].components_, axis=1))[:, None]
fig, axes = plt.subplots(2, k_angle, figsize=(0.8 * k_angle, 2.1))
for row, (vectors, title) in enumerate([(pcas[k_angle].components_, "PCA"), (signs * recovered, "z wag AE")]):
    for c in range(k_angle):
        limit = np.abs(vectors[c]).max()
        axes[row, c].imshow(vectors[c].reshape(28, 28), cmap="bwr", vmin=-limit, vmax=limit)
        axes[row, c].set(xticks=[], yticks=[])
    axes[row, 0].set_ylabel(title, rotation=0, ha="right", va="center", fontsize=9)
fig.subplots_adjust(wspace=0.05, hspace=0.05, left=0.15)
plt.show()

# %% [markdown] slideshow={"slide_type": "notes"}
# Wskaż wydruk: wszystkie osiem |cos| to 0,998 lub 0,999, więc z wag odzyskaliśmy nie tylko
# podprzestrzeń, ale i same składowe główne. Kierunki wewnątrz podprzestrzeni ustala SVD, nie
# uczenie; sieć musi tylko trafić w podprzestrzeń. Na rysunku odwróciliśmy znaki odzyskanych
# kierunków tak, by pasowały do PCA — znak składowej głównej jest umowny.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["optional"]
# ## Autoenkoder odszumiający
#
# Autoenkoder odszumiający dostaje na wejściu **zaszumiony** przykład $\tilde{x}$, a ma
# odtworzyć **czysty** $x$. Sieć uczy się usuwać szum: nie może przepisać wejścia, musi
# wiedzieć, jak wyglądają prawdziwe dane.

# %% slideshow={"slide_type": "skip"} tags=["remove-cell"]
def draw_denoising():
    """Schemat autoenkodera odszumiającego: x → szum → x̃ → koder → kod → dekoder → x̂ ≈ x."""
    fig, ax = new_diagram(7.5, 2.8, "Autoenkoder odszumiający: wejście zaszumione, cel czysty")
    draw_box(ax, 0, 0, "czysty\n$x$", "#dbe9f6", width=1.0, height=1.6)
    draw_box(ax, 1.8, 0, "+ szum", "#eeeeee", width=1.0, height=0.7)
    draw_box(ax, 3.7, 0, "zaszumiony\n$\\tilde{x}$", "#dbe9f6", width=1.6, height=1.6)
    draw_trapezoid(ax, 5.6, "koder", "#c9e8c9", narrowing=True)
    draw_box(ax, 7.1, 0, "kod", "#f6d6e8", width=0.7)
    draw_trapezoid(ax, 8.6, "dekoder", "#fde0c5", narrowing=False)
    draw_box(ax, 10.3, 0, "$\\hat{x}$", "#dbe9f6", width=0.9, height=1.6)
    for start, end in [(0.55, 1.25), (2.35, 2.85), (4.55, 4.85), (6.35, 6.7), (7.5, 7.85), (9.35, 9.8)]:
        arrow(ax, (start, 0), (end, 0), lw=1.5, style="->")
    line(ax, (0, 0.9), (0, 1.5), (10.3, 1.5), (10.3, 0.9), color="tab:red", ls="--")
    for x in (0, 10.3):
        arrow(ax, (x, 1.2), (x, 0.88), color="tab:red", lw=1.5, style="->")
    ax.text(5.15, 1.62, "strata: porównujemy $\\hat{x}$ z czystym $x$", ha="center", color="tab:red")
    ax.set(xlim=(-0.6, 10.9), ylim=(-1.3, 2.0))
    plt.show()


# %% jupyter={"source_hidden": true} mystnb={"image": {"alt": "Schemat autoenkodera odszumiającego: czysty przykład x, do którego dodajemy szum, daje zaszumiony x̃; ten przechodzi przez koder, kod i dekoder do wyjścia x̂. Czerwona przerywana strzałka nad schematem łączy wyjście x̂ z czystym x: to je porównuje funkcja straty."}} tags=["remove-input"]
draw_denoising()

# %% [markdown] slideshow={"slide_type": "notes"}
# Wskaż czerwoną przerywaną linię na schemacie: strata porównuje wyjście z czystym $x$, a nie
# z zaszumionym wejściem, które widzi sieć. Dlatego przepisanie wejścia przestaje się opłacać.
# Zatrzymaj się na pytaniu: czy do uczenia takiej sieci potrzebujemy par zdjęć zaszumionych i czystych
# zrobionych w prawdziwym świecie? Nie: szum dodajemy sami do czystych obrazów.

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Uczymy sieć odszumiającą
#
# Do każdego piksela cyfry dodajemy szum gaussowski o odchyleniu $\sigma = 0{,}5$ i przycinamy
# wynik do $[0, 1]$. Sieć 784 → 256 → 64 → 256 → 784 uczy się odtwarzać czyste cyfry.

# %% slideshow={"slide_type": "skip"}
NOISE_SIGMA = 0.5


def add_noise(images, sigma, seed):
    """Dodaje szum gaussowski o odchyleniu sigma i przycina piksele do [0, 1]."""
    noise = np.random.default_rng(seed).normal(scale=sigma, size=images.shape)
    return np.clip(images + noise, 0, 1).astype("float32")


def psnr(images, reference):
    """Średni po obrazach PSNR w dB dla pikseli z [0, 1]."""
    per_image = np.mean((images - reference) ** 2, axis=1)
    return float(np.mean(10 * np.log10(1 / per_image)))


# %%
x_train_noisy = add_noise(x_train, NOISE_SIGMA, seed=1)
x_test_noisy = add_noise(x_test, NOISE_SIGMA, seed=2)
keras.utils.set_random_seed(42)
denoiser, _ = make_autoencoder(64, hidden=(256,))
train_autoencoder(denoiser, x_train_noisy, x_train, 6 if FAST else 12, name="odszumiający 784-256-64-256-784")
x_test_denoised = denoiser.predict(x_test_noisy, verbose=0)

# %% [markdown] slideshow={"slide_type": "notes"}
# Szum dla zbioru uczącego i testowego losujemy z innymi ziarnami, więc w teście sieć widzi
# szum, którego nie znała. Wskaż wydruk: 12 epok na 60000 zaszumionych cyfrach. Do dyskusji:
# czym porównać wynik sieci, żeby ocena była uczciwa? Samo zaszumione wejście to za mało —
# odpowiedź na następnym slajdzie.

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Sieć a prostsze punkty odniesienia
#
# Jakość mierzymy szczytowym stosunkiem sygnału do szumu (PSNR) każdego obrazu,
# $\text{PSNR} = 10 \log_{10} \frac{1}{\text{MSE}}$ dB dla pikseli z $[0, 1]$ — im więcej, tym
# lepiej. Podajemy średnią PSNR po obrazach (to nie to samo co PSNR średniego MSE). Obok sieci:
# pusta kartka (same zera) i filtr medianowy 3×3, który zastępuje piksel medianą sąsiedztwa.

# %%
x_test_median = median_filter(x_test_noisy.reshape(-1, 28, 28), size=(1, 3, 3)).reshape(len(x_test), -1)
blank_psnr, noisy_psnr = psnr(np.zeros_like(x_test), x_test), psnr(x_test_noisy, x_test)
median_filter_psnr, denoised_psnr = psnr(x_test_median, x_test), psnr(x_test_denoised, x_test)
print(f"PSNR: pusta kartka {blank_psnr:.1f} dB, zaszumione {noisy_psnr:.1f} dB, "
      f"filtr medianowy 3×3 {median_filter_psnr:.1f} dB, sieć {denoised_psnr:.1f} dB")
print(f"zysk sieci względem filtru medianowego: {denoised_psnr - median_filter_psnr:.1f} dB")

# %% slideshow={"slide_type": "skip"} tags=["remove-cell"]
# sprawdzenie: filtr pomaga, a w trybie pełnym sieć odszumia lepiej niż filtr medianowy
assert median_filter_psnr > noisy_psnr, (noisy_psnr, median_filter_psnr)
assert FAST or denoised_psnr > median_filter_psnr, (median_filter_psnr, denoised_psnr)
assert denoised_psnr > noisy_psnr + (3 if FAST else 6), (noisy_psnr, denoised_psnr)

# %% [markdown] slideshow={"slide_type": "notes"}
# Zaszumione wejście to słaby punkt odniesienia; uczciwy zysk sieci liczymy względem filtru
# medianowego. Wskaż wydruk: pusta kartka 9,7 dB, zaszumione cyfry 9,4 dB, filtr medianowy
# 14,2 dB, sieć 18,7 dB, czyli 4,5 dB więcej niż filtr. Sprawdź, czy sala wie: ile razy maleje błąd średniokwadratowy, gdy PSNR rośnie o 10 dB?
# Dziesięciokrotnie; liczy to ćwiczenie 2, które wraca też do różnicy między średnią PSNR
# a PSNR średniego MSE.

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Cyfry przed i po odszumianiu

# %% jupyter={"source_hidden": true} mystnb={"image": {"alt": "Trzy wiersze po osiem cyfr testowych: u góry cyfry z silnym szumem gaussowskim, pośrodku wyjście autoenkodera odszumiającego, u dołu czyste oryginały; odszumione cyfry są czytelne i podobne do oryginałów, ale mają szare, rozmyte brzegi kresek."}} tags=["remove-input"]
show_rows([x_test_noisy, x_test_denoised, x_test], ["zaszumione", "odszumione", "czyste"])

# %% [markdown] slideshow={"slide_type": "notes"}
# Szum o odchyleniu 0,5 jest silny: w sensie MSE zaszumiona cyfra jest dalej od oryginału niż
# pusta kartka, choć człowiek wciąż ją odczyta: średni PSNR zaszumionych cyfr to 9,4 dB,
# a pustej kartki 9,7 dB. Sieć nie widzi czystego obrazu, ale zna cyfry ze zbioru uczącego. Zapytaj salę, zanim przejdziesz dalej: co sieć powinna zwrócić, gdy
# zaszumione piksele pasują równie dobrze do dwóch różnych cyfr?

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Sieć uczona z MSE przybliża średnią warunkową
#
# - Dla danego $\tilde{x}$ oczekiwany błąd kwadratowy jest najmniejszy, gdy sieć zwraca średnią
#   czystych obrazów, z których mógł powstać, ważoną ich prawdopodobieństwem:
#   $\mathbb{E}[x \mid \tilde{x}]$, a nie jeden najbardziej prawdopodobny obraz.
# - Gdy do szumu pasuje kilka cyfr, wynik jest ich mieszanką — to jedno ze źródeł rozmycia;
#   drugie to wąski kod (zwykły autoenkoder bez szumu też rozmywa).
# - Przykłady wybiera prosty klasyfikator (sieć z jedną warstwą ukrytą, uczona na czystych
#   cyfrach): spośród cyfr, które w czystej postaci rozpoznaje poprawnie z prawdopodobieństwem
#   powyżej 0,9, bierzemy osiem, dla których po odszumieniu dwie najbardziej prawdopodobne
#   klasy są najbliżej siebie.

# %% [markdown] slideshow={"slide_type": "notes"}
# Pokaż na tablicy najprostszy przypadek: ten sam zaszumiony obraz mógł z równym
# prawdopodobieństwem powstać z czwórki $x_4$ albo z dziewiątki $x_9$. Odpowiedź $c$ ma wtedy
# oczekiwany błąd $\frac{1}{2}\|c - x_4\|^2 + \frac{1}{2}\|c - x_9\|^2$, najmniejszy dla
# $c = \frac{1}{2}(x_4 + x_9)$: półprzezroczystej mieszanki obu cyfr, a nie jednej z nich.
# Sieć uczona z MSE dąży właśnie do takiej średniej. Daj chwilę na odpowiedź: czy ta mieszanka jest
# obrazem, który mógłby się pojawić w zbiorze danych?

# %% slideshow={"slide_type": "skip"}
keras.utils.set_random_seed(0)  # klasyfikator cyfr: służy tylko do wyboru przykładów
digit_classifier = keras.Sequential([keras.Input(shape=(N_PIXELS,)), layers.Dense(128, activation="relu"),
                                     layers.Dense(10, activation="softmax")])
digit_classifier.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
fit_epochs(digit_classifier, x_train, y_train, epochs=3)

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Szukamy przypadków niejednoznacznych

# %%
probs_clean = digit_classifier.predict(x_test, verbose=0)
probs_denoised = digit_classifier.predict(x_test_denoised, verbose=0)
top2 = np.argsort(probs_denoised, axis=1)[:, ::-1][:, :2]  # dwie najbardziej prawdopodobne cyfry
p1, p2 = np.take_along_axis(probs_denoised, top2, axis=1).T
sure = (probs_clean.argmax(axis=1) == y_test) & (probs_clean.max(axis=1) > 0.9)
ambiguous = np.flatnonzero(sure)[np.argsort((p1 - p2)[sure])][:8]  # najbliższe dwie klasy
print(f"piksele pośrednie: czyste {gray_fraction(x_test):.1%}, odszumione {gray_fraction(x_test_denoised):.1%}, "
      f"8 niejednoznacznych {gray_fraction(x_test_denoised[ambiguous]):.1%}")
print("cyfra → dwie klasy po odszumieniu (prawdopodobieństwa):")
for half in (ambiguous[:4], ambiguous[4:]):
    print("   ".join(f"{y_test[i]} → {top2[i, 0]} lub {top2[i, 1]} ({p1[i]:.2f}/{p2[i]:.2f})" for i in half))

# %% [markdown] slideshow={"slide_type": "notes"}
# Reguła wyboru jest ustalona z góry, a klasyfikator służy tylko do znalezienia przykładów.
# Bierzemy je spośród cyfr testowych, ale niczego na nich nie dobieramy: sieć jest już
# wyuczona, tylko ją oglądamy. Wskaż pierwszy wiersz wydruku: odszumione cyfry mają 7,2%
# pikseli pośrednich, czyste 5,0%, a osiem wybranych 8,5%. Przykłady wybraliśmy po
# niepewności klasyfikatora, a szary obraz sam ją zwiększa, więc 8,5% nie jest niezależnym
# dowodem. Rozmycie ma też drugie źródło: zwykły autoenkoder 784 → 32 → 784 uczony z MSE na
# czystych cyfrach ma 7,8% pikseli pośrednich, więcej niż sieć odszumiająca. Potem wskaż pary
# klas z prawie równymi prawdopodobieństwami.

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Odszumione mieszanki dwóch cyfr

# %% jupyter={"source_hidden": true} mystnb={"image": {"alt": "Trzy wiersze po osiem cyfr testowych wybranych regułą opisaną w tekście: u góry zaszumione, pośrodku wyjście autoenkodera odszumiającego, u dołu czyste oryginały (2, 9, 6, 9, 8, 5, 9, 3). Odszumione cyfry są rozmyte i mają szare ślady drugiej cyfry: dwójka ma szary, ledwie widoczny dolny łuk i wygląda jak trójka, druga dziewiątka jest cała blada, a trójka na końcu ma szarą lewą połowę jak ósemka."}} tags=["remove-input"]
show_rows([x_test_noisy[ambiguous], x_test_denoised[ambiguous], x_test[ambiguous]],
          ["zaszumione", "odszumione", "czyste"])

# %% [markdown] slideshow={"slide_type": "notes"}
# W środkowym wierszu szukaj szarych kresek, których nie ma w czystej cyfrze, i tych, które
# zbladły: dwójka ma ledwie szary dolny łuk i wygląda jak trójka, a ostatnia trójka ma szarą
# lewą połowę, jak ósemka. Tak wygląda średnia dwóch cyfr zgodnych z szumem: sieć nie wybrała
# złej cyfry, tylko uśredniła. Pytanie do sali: co byłoby lepsze przy rozpoznawaniu cyfr, taki
# szary obraz czy jedna ostra, ale czasem błędna cyfra?

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Kod dwuwymiarowy: mapa cyfr
#
# Dla $k = 2$ kod każdej cyfry to punkt na płaszczyźnie. Rysujemy kody cyfr testowych
# z nieliniowego autoenkodera i dwie pierwsze składowe PCA; kolor to etykieta, której
# żadna z metod nie widziała.

# %%
codes_ae = deep_encoders[2].predict(x_test, verbose=0)
codes_pca = pcas[2].transform(x_test)
print(f"kody {codes_ae.shape}: AE {deep_mse[2]:.4f} MSE, PCA {pca_mse[2]:.4f} MSE")

# %% jupyter={"source_hidden": true} mystnb={"image": {"alt": "Dwa wykresy punktowe cyfr testowych, kolor oznacza cyfrę od 0 do 9: po lewej dwuwymiarowy kod nieliniowego autoenkodera, po prawej dwie pierwsze składowe PCA; w kodzie autoenkodera cyfry tworzą wyraźniejsze, mniej nakładające się skupiska niż w PCA (dokładność k-NN na tych kodach: 0,656 wobec 0,450)."}} tags=["remove-input"]
fig, axes = plt.subplots(1, 2, figsize=(8, 3.6))
for ax, codes, title in [(axes[0], codes_ae, "autoenkoder, k = 2"), (axes[1], codes_pca, "PCA, 2 składowe")]:
    points = ax.scatter(codes[:, 0], codes[:, 1], c=y_test, cmap="tab10", s=3, vmin=-0.5, vmax=9.5)
    ax.set(xticks=[], yticks=[], title=title)
fig.colorbar(points, ax=axes, ticks=range(10), label="cyfra")
plt.show()

# %% [markdown] slideshow={"slide_type": "notes"}
# Obie mapy powstały bez etykiet; kolor dodaliśmy dopiero na rysunku. Na oko w kodzie
# autoenkodera cyfry nakładają się mniej niż w PCA, ale wrażenie z rysunku zależy od skali
# osi i kolejności rysowania punktów. Zapytaj studentów: jak zmierzyć, czy na takiej mapie cyfry
# są rozdzielone? Odpowiedź jest na następnym slajdzie.

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Mapa to nie pomiar: k-NN na kodach
#
# Czy kod autoenkodera naprawdę lepiej rozdziela cyfry? Klasyfikator k najbliższych sąsiadów
# (*k-nearest neighbours*, k-NN; tu $k$ to liczba sąsiadów, nie rozmiar kodu) z 15 sąsiadami
# (liczba ustalona z góry, nie dobierana)
# uczymy na kodach cyfr uczących i ich etykietach, a oceniamy na kodach cyfr testowych.

# %%
knn2d_accuracy = {}
for name, encode in [("ae", lambda x: deep_encoders[2].predict(x, verbose=0)), ("pca", pcas[2].transform)]:
    knn = KNeighborsClassifier(n_neighbors=15).fit(encode(x_train), y_train)
    knn2d_accuracy[name] = knn.score(encode(x_test), y_test)
print(f"dokładność k-NN na kodzie 2D: autoenkoder {knn2d_accuracy['ae']:.3f}, PCA {knn2d_accuracy['pca']:.3f}")

# %% slideshow={"slide_type": "skip"} tags=["remove-cell"]
# sprawdzenie: w trybie pełnym kod autoenkodera rozdziela cyfry lepiej niż dwie składowe PCA
assert FAST or knn2d_accuracy["ae"] > knn2d_accuracy["pca"], knn2d_accuracy

# %% [markdown] slideshow={"slide_type": "notes"}
# Wskaż wydruk: k-NN na dwuwymiarowym kodzie autoenkodera ma dokładność 0,656 na cyfrach
# testowych, a na dwóch składowych PCA 0,450; zgadywanie dałoby około 0,1. Kod powstał bez etykiet, widzi
# je dopiero k-NN. To wynik jednego uczenia autoenkodera (jedno ziarno), ale różnica jest
# duża. Niech sala odpowie: czy k-NN na kodzie 32-wymiarowym wypadłby lepiej, czy gorzej, i dlaczego?

# %% [markdown] slideshow={"slide_type": "slide"} tags=["optional"]
# ## Kompresja: autoenkoder a JPEG przy podobnej liczbie bajtów
#
# - Kod nieliniowego autoenkodera dla $k = 32$ to 32 liczby float32, czyli 128 B na cyfrę.
#   Po zaokrągleniu każdej liczby do 256 poziomów (zakres z danych uczących) wystarczą 32 B.
# - JPEG (biblioteka Pillow) dostaje dla każdej cyfry najwyższą jakość, przy której
#   zakodowane dane obrazu mieszczą się w 128 B, a drugi raz najniższą jakość 1, przy której
#   plik jest najmniejszy.
# - Nagłówków JPEG (ok. 330 B: tablice kwantyzacji i kodów Huffmana) nie liczymy, tak jak wag
#   dekodera (ok. 210 tys. parametrów, ok. 840 kB w float32): jedno i drugie odbiorca dostaje
#   raz. JPEG z budżetem 128 B dobiera jakość osobno dla każdej cyfry, więc doliczamy mu
#   w myśli 1 B na numer jakości. Porównujemy średni PSNR na tych samych 2000 cyfrach
#   testowych.

# %% [markdown] slideshow={"slide_type": "notes"}
# Zanim pokażesz wynik, zapytaj salę, kto wygra: autoenkoder wyuczony na cyfrach czy JPEG,
# który kompresuje dowolne zdjęcie? Podkreśl, jak liczymy bajty. Surowa cyfra to 784 B (piksel
# w jednym bajcie), kod to 128 B albo po zaokrągleniu 32 B. Nagłówki pomijamy, bo przy tak
# małych obrazach przeważyłyby cały wynik: sam plik JPEG z nagłówkami ma kilkaset bajtów,
# wydruk na następnym slajdzie podaje ile. Pierwsza linia tego wydruku podaje też liczbę
# parametrów dekodera, czyli to, co odbiorca musi mieć u siebie, zanim odczyta pierwszy kod.

# %% slideshow={"slide_type": "skip"}
def decoder_of(net):
    """Dekoder autoenkodera jako osobna sieć: warstwy od kodu (warstwa „code”) do wyjścia."""
    code_layer = net.get_layer("code")
    inputs = keras.Input(shape=(code_layer.units,))
    h = inputs
    for layer in net.layers[net.layers.index(code_layer) + 1:]:
        h = layer(h)
    return keras.Model(inputs, h)


def ae_roundtrip(images, encoder, decoder, code_range=None):
    """Koduje i dekoduje obrazy; z code_range = (low, high) każdą liczbę kodu zaokrągla do
    jednego z 256 poziomów w tym zakresie (1 bajt). Zwraca (obrazy, bajty danych, bajty pliku)."""
    codes = encoder.predict(images, verbose=0)
    if code_range is not None:
        low, high = code_range
        codes = low + np.clip(np.round((codes - low) / (high - low) * 255), 0, 255) / 255 * (high - low)
    code_bytes = codes.shape[1] * (1 if code_range is not None else 4)  # 8 bitów albo float32
    return decoder.predict(codes, verbose=0), code_bytes, code_bytes


def jpeg_file(image, quality):
    """Plik JPEG (bajty) z obrazu 784 pikseli z [0, 1]; Pillow, standardowe tablice Huffmana."""
    buffer = io.BytesIO()
    Image.fromarray(np.round(image.reshape(28, 28) * 255).astype("uint8")).save(buffer, format="JPEG", quality=quality)
    return buffer.getvalue()


def jpeg_data_bytes(data):
    """Bajty danych obrazu w pliku JPEG, bez nagłówków: od końca segmentu SOS do znacznika EOI."""
    start = data.index(b"\xff\xda")
    return len(data) - (start + 2 + int.from_bytes(data[start + 2:start + 4], "big")) - 2


def jpeg_within(image, budget):
    """Plik JPEG o najwyższej jakości (1–95), przy której dane obrazu mieszczą się w budżecie
    bajtów; gdy nie mieszczą się nawet przy jakości 1, plik o jakości 1."""
    best, low, high = jpeg_file(image, 1), 2, 95
    while low <= high and jpeg_data_bytes(best) <= budget:  # bisekcja: dane rosną z jakością
        quality = (low + high) // 2
        data = jpeg_file(image, quality)
        if jpeg_data_bytes(data) <= budget:
            best, low = data, quality + 1
        else:
            high = quality - 1
    return best


def jpeg_images(images, budget):
    """jpeg_within dla każdego obrazu; zwraca (odtworzone obrazy, średnie bajty danych, średnie bajty pliku)."""
    files = [jpeg_within(image, budget) for image in images]
    decoded = [np.asarray(Image.open(io.BytesIO(data)), dtype="float32").reshape(-1) / 255 for data in files]
    return np.array(decoded), np.mean([jpeg_data_bytes(data) for data in files]), np.mean([len(data) for data in files])


# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Pomiar: PSNR przy podobnej liczbie bajtów
#
# Także na negatywach cyfr ($1 - x$), czyli obrazach, jakich autoenkoder nie widział.

# %%
decoder_32 = decoder_of(deep_nets[32])
print(f"dekoder: {plural(decoder_32.count_params(), 'parametr', 'parametry', 'parametrów')}")
codes_train_32 = deep_encoders[32].predict(x_train, verbose=0)
code_range = (codes_train_32.min(axis=0), codes_train_32.max(axis=0))  # zakres każdej liczby kodu
methods = {"AE, 32 × 8 bitów": lambda x: ae_roundtrip(x, deep_encoders[32], decoder_32, code_range),
           "AE, 32 × float32": lambda x: ae_roundtrip(x, deep_encoders[32], decoder_32),
           "JPEG, jakość 1": lambda x: jpeg_images(x, budget=0),
           "JPEG, dane ≤ 128 B": lambda x: jpeg_images(x, budget=128)}
x_sample = x_test[:200 if FAST else 2000]  # te same cyfry testowe dla wszystkich metod
compressed = {(method, name): encode(images) for method, encode in methods.items()
              for name, images in [("cyfry", x_sample), ("negatywy", 1 - x_sample)]}

# %% jupyter={"source_hidden": true} tags=["hide-input"]
print(f"{'metoda':<20}{'bajty danych':>13}{'cały plik':>11}{'PSNR cyfr':>12}{'PSNR negatywów':>17}")
for method in methods:
    (digits, data_bytes, file_bytes), negatives = compressed[method, "cyfry"], compressed[method, "negatywy"][0]
    print(f"{method:<20}{data_bytes:>13.0f}{file_bytes:>11.0f}{psnr(digits, x_sample):>9.1f} dB"
          f"{psnr(negatives, 1 - x_sample):>14.1f} dB")
ae_code_psnr = psnr(compressed["AE, 32 × 8 bitów", "cyfry"][0], x_sample)
jpeg_psnr_at_code_bytes = psnr(compressed["JPEG, jakość 1", "cyfry"][0], x_sample)
jpeg_psnr_at_128_bytes = psnr(compressed["JPEG, dane ≤ 128 B", "cyfry"][0], x_sample)

# %% slideshow={"slide_type": "skip"} tags=["remove-cell"]
# sprawdzenie: kwantyzacja kodu do 8 bitów prawie nie zmienia PSNR
assert abs(ae_code_psnr - psnr(compressed["AE, 32 × float32", "cyfry"][0], x_sample)) < 0.5, ae_code_psnr

# %% [markdown] slideshow={"slide_type": "notes"}
# Wynik jest dwustronny. Przy 32 B autoenkoder daje 22,1 dB, a JPEG tak nisko nie zejdzie:
# nawet przy jakości 1 dane obrazu zajmują średnio 38 B (JPEG dzieli cyfrę na 16 bloków 8×8
# i każdy koduje osobno) i dają 19,1 dB. Przy 128 B JPEG ma 27,7 dB, wyraźnie więcej niż
# autoenkoder, któremu float32 nic nie daje (tyle samo dB co 8 bitów): jego jakość ogranicza
# 32-liczbowy kod i uczenie, a nie bajty. Negatywy pokazują drugą stronę: dekoder zna tylko
# cyfry, więc autoenkoder spada do 2,0 dB, a JPEG zostaje przy 19,0 dB (jakość 1) i 27,7 dB
# (128 B). Zapytaj salę: co trzeba by zmienić w autoenkoderze, żeby korzystał z większej
# liczby bajtów?

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Te same cyfry: autoenkoder i JPEG

# %% jupyter={"source_hidden": true} mystnb={"image": {"alt": "Cztery wiersze po osiem pierwszych cyfr testowych: oryginały, rekonstrukcje autoenkodera z kodu 32 B, JPEG o jakości 1 (średnio 38 B danych) i JPEG z danymi do 128 B. Rekonstrukcje autoenkodera są gładkie i lekko rozmyte, JPEG o jakości 1 ma kanciaste bloki i smugi wokół kresek, a JPEG przy 128 B jest najbliższy oryginałom."}} tags=["remove-input"]
show_rows([x_sample] + [compressed[method, "cyfry"][0] for method in ("AE, 32 × 8 bitów", "JPEG, jakość 1",
                                                                    "JPEG, dane ≤ 128 B")],
          ["oryginał", "AE, 32 B", "JPEG, jakość 1", "JPEG, ≤ 128 B"])

# %% [markdown] slideshow={"slide_type": "notes"}
# Porównaj wiersze: autoenkoder rozmywa, ale nie tworzy bloków; JPEG przy jakości 1 rozpada
# się na bloki 8×8 ze smugami wokół kresek, a przy 128 B jest najbliższy oryginałom, zgodnie
# z tabelą. Zatrzymaj się na pytaniu: skąd u JPEG-a bloki, a u autoenkodera rozmycie? (JPEG koduje
# każdy blok 8×8 osobno; autoenkoder uczony z MSE uśrednia, jak przy odszumianiu.)

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Do czego służą autoenkodery
#
# - **Kompresja**: przy 32 B na cyfrę nasz autoenkoder wypada lepiej niż najmniejszy JPEG
#   (38 B); przy 128 B wygrywa JPEG, bo nasz autoenkoder dodatkowych bajtów nie wykorzystuje
#   (kodu 128-bajtowego nie uczyliśmy), a na obrazach innych niż uczące autoenkoder zawodzi.
#   Kodeki uczone jak autoenkoder, ale z kwantyzacją i kodowaniem entropijnym kodu (częste
#   wartości kodu dostają krótsze ciągi bitów), kompresują zdjęcia lepiej niż JPEG
#   ([Ballé i in., ICLR 2017](https://arxiv.org/abs/1611.01704)).
# - **Odszumianie** danych (autoenkodery odszumiające, [Vincent i in., 2008](https://doi.org/10.1145/1390156.1390294)).
# - **Redukcja wymiaru**: kod jako zwarte cechy dla innych metod, wizualizacja danych.
# - **Autoenkodery wariacyjne** (*variational autoencoder*, VAE,
#   [Kingma i Welling, ICLR 2014 (arXiv 2013)](https://arxiv.org/abs/1312.6114)): dekoder
#   staje się modelem generatywnym — z losowego kodu tworzy nowe przykłady.

# %% [markdown] slideshow={"slide_type": "notes"}
# Slajd porządkuje zastosowania. Przy kompresji przypomnij oba wyniki z pomiaru: 22,1 dB
# autoenkodera przy 32 B wobec 19,1 dB najmniejszego JPEG-a, ale 27,7 dB JPEG-a przy 128 B,
# i spadek autoenkodera na negatywach. Kodowanie entropijne zapisuje częste wartości kodu
# krótszymi ciągami bitów; nasz pomiar go nie używał. Ballé i współautorzy uczyli koder,
# dekoder i model rozkładu kodu razem, ważąc jakość obrazu i liczbę bitów, i w ich pomiarach
# na zdjęciach ta metoda wypadła lepiej niż JPEG i JPEG 2000. Odszumianie i mapę cyfr już
# widzieliśmy, autoenkoder wariacyjny tylko zapowiadamy; przystępne wprowadzenie do niego:
# http://kvfrans.com/variational-autoencoders-explained/. Jeśli ktoś zapyta o PNG: kompresuje
# bez strat, więc to inne zadanie. Do dyskusji: dlaczego autoenkoder wyuczony na cyfrach
# MNIST źle skompresowałby zdjęcie kota?

# %% [markdown] slideshow={"slide_type": "slide"} tags=["optional"]
# ## Poza wykładem: kod szerszy niż wejście
#
# - Gdy $k \ge n$, wąskiego gardła nie ma: nic nie zmusza sieci do kompresji, a dla każdego
#   obrazu może być aktywna prawie cała warstwa kodu.
# - Dodajemy karę $\lambda \sum_j |z_j|$ za aktywność neuronów kodu (kara L1, która wymusza
#   rzadkość): sieci opłaca się, by dla danego obrazu większość neuronów kodu milczała,
#   więc każdy aktywny neuron musi nieść użyteczną cechę. Ile ich zostaje, zmierzymy.
# - Porównujemy autoenkoder 784 → 1024 → 784 bez kary i z karą; mierzymy MSE oraz to, jaka
#   część neuronów kodu jest aktywna (> 0,01) dla przeciętnego obrazu testowego.

# %% [markdown] slideshow={"slide_type": "notes"}
# Ta część jest dla chętnych; na wykładzie można ją pominąć albo omówić w dwie minuty. Kara L1
# dolicza do straty sumę wartości bezwzględnych kodu, więc sieci opłaca się zerować większość
# neuronów kodu dla danego obrazu. Sprawdź, czy sala wie: po co kod szerszy niż wejście, skoro
# zaczęliśmy od kompresji? Podpowiedź jest na slajdzie: przy rzadkim kodzie każdy neuron musi
# nauczyć się użytecznej cechy.

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Uczenie bez kary i z karą L1

# %%
k_over, l1_strength = 1024, 3e-5
over_epochs = 2 if FAST else 6
overcomplete = {}
for name, regularizer in [("bez kary", None), ("kara L1", keras.regularizers.L1(l1_strength))]:
    keras.utils.set_random_seed(42)
    net, encoder = make_autoencoder(k_over, code_activation="relu", code_regularizer=regularizer)
    train_autoencoder(net, x_train, x_train, over_epochs, name=f"784-{k_over}-784, {name}")
    codes = encoder.predict(x_test, verbose=0)
    overcomplete[name] = (mse(net.predict(x_test, verbose=0), x_test), float(np.mean(codes > 0.01)), net)

# %% jupyter={"source_hidden": true} tags=["hide-input"]
print(f"\n{'wariant':<10}{'MSE testowe':>13}{'aktywne neurony kodu':>22}")
for name, (test_mse, active, _) in overcomplete.items():
    print(f"{name:<10}{test_mse:>13.4f}{active:>21.1%}")
sparse_mse, sparse_active = overcomplete["kara L1"][:2]
plain_active = overcomplete["bez kary"][1]

# %% slideshow={"slide_type": "skip"} tags=["remove-cell"]
# sprawdzenie: kara L1 zmniejsza liczbę aktywnych neuronów kodu
assert sparse_active < plain_active, (sparse_active, plain_active)

# %% [markdown] slideshow={"slide_type": "notes"}
# Wskaż tabelę: bez kary dla przeciętnego obrazu aktywne jest 94,7% z 1024 neuronów kodu, z
# karą L1 tylko 19,7%. Błąd testowy nie wzrósł, a nawet spadł: 0,0028 wobec 0,0048, choć to
# wynik jednego uruchomienia. Sieć bez kary też nie nauczyła się tożsamości (MSE 0,0048):
# problemem jest gęsty kod, nie błąd. Daj chwilę na odpowiedź: co się stanie z błędem i z liczbą aktywnych
# neuronów, gdy współczynnik kary $\lambda$ bardzo zwiększymy?

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Cechy wyuczone z karą L1
#
# Wagi dekodera dla 16 najczęściej aktywnych neuronów kodu: to, co dany neuron „dorysowuje”
# do obrazu, gdy jest aktywny.

# %% jupyter={"source_hidden": true} mystnb={"image": {"alt": "Szesnaście obrazów 28 na 28 w siatce 2 na 8: wagi dekodera najczęściej aktywnych neuronów kodu rzadkiego autoenkodera; kilka przypomina całe cyfry, większość to drobne, plamiste wzory; na czerwono wagi dodatnie, na niebiesko ujemne."}} tags=["remove-input"]
sparse_net = overcomplete["kara L1"][2]
sparse_codes = keras.Model(sparse_net.inputs, sparse_net.get_layer("code").output).predict(x_test, verbose=0)
most_used = np.argsort((sparse_codes > 0.01).mean(axis=0))[::-1][:16]
features = sparse_net.get_layer("decoder_out").get_weights()[0][most_used]
fig, axes = plt.subplots(2, 8, figsize=(6.4, 1.8))
for ax, feature in zip(axes.flat, features):
    limit = np.abs(feature).max()
    ax.imshow(feature.reshape(28, 28), cmap="bwr", vmin=-limit, vmax=limit)
    ax.set(xticks=[], yticks=[])
fig.subplots_adjust(wspace=0.05, hspace=0.05)
plt.show()

# %% [markdown] slideshow={"slide_type": "notes"}
# Bez kary sieć ma więcej neuronów niż pikseli i nic nie ogranicza jej kodu: dla typowego
# obrazu aktywna jest prawie cała warstwa (94,7% neuronów). Z karą L1 błąd rekonstrukcji nie
# rośnie (w tym jednym uruchomieniu jest nawet mniejszy; kara może działać też jak
# regularyzacja), a na obraz przypada tylko 19,7% neuronów: kod jest rzadki. Na rysunku kilka
# obrazów przypomina całe cyfry, większość to drobne, plamiste wzory. Drugi sposób na
# szeroki kod to szum na wejściu, jak w autoenkoderze odszumiającym.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["optional"]
# ## Ćwiczenia
#
# Rozwiązania są w notatniku i na stronie, zwinięte pod każdym zadaniem.

# %% [markdown] slideshow={"slide_type": "fragment"}
# **Ćwiczenie 1.** Autoenkoder ma warstwy 784 → 128 → 16 → 128 → 784 (wszystkie gęste,
# z wyrazami wolnymi). Jaki jest stopień kompresji i ile ma parametrów? Policz na kartce,
# potem sprawdź `count_params()`.

# %% cellView="form" jupyter={"source_hidden": true} slideshow={"slide_type": "skip"} tags=["hide-input"]
# @title Rozwiązanie
sizes = [784, 128, 16, 128, 784]
by_formula = sum(a * b + b for a, b in zip(sizes[:-1], sizes[1:]))  # wagi + wyrazy wolne
exercise_net, _ = make_autoencoder(16, hidden=(128,))
print(f"stopień kompresji: 784 / 16 = {784 / 16:.0f}")
print(f"parametry: wzór {by_formula}, Keras {exercise_net.count_params()}")

# %% [markdown] slideshow={"slide_type": "fragment"}
# **Ćwiczenie 2.** Ile decybeli PSNR ma obraz o błędzie średniokwadratowym 0,01, a jaki błąd
# średniokwadratowy ma obraz o PSNR 20 dB? O ile dB rośnie PSNR, gdy MSE maleje
# dziesięciokrotnie? Dwa obrazy mają MSE 0,001 i 0,1: ile wynosi średnia ich PSNR (tak jak
# liczy funkcja `psnr` wyżej), a ile PSNR policzony ze średniego MSE?

# %% cellView="form" jupyter={"source_hidden": true} slideshow={"slide_type": "skip"} tags=["hide-input"]
# @title Rozwiązanie
print(f"MSE 0.01 → PSNR = 10·log10(1/0.01) = {10 * np.log10(1 / 0.01):.0f} dB")
print(f"PSNR 20 dB → MSE = 10^(-20/10) = {10 ** (-20 / 10):.2f}")
print("MSE 10 razy mniejsze → PSNR większy o 10·log10(10) = 10 dB")
pair_mse = np.array([0.001, 0.1])
print(f"średnia PSNR: ({10 * np.log10(1 / pair_mse[0]):.0f} + {10 * np.log10(1 / pair_mse[1]):.0f}) / 2 = "
      f"{np.mean(10 * np.log10(1 / pair_mse)):.1f} dB; PSNR średniego MSE {pair_mse.mean():.4f}: "
      f"{10 * np.log10(1 / pair_mse.mean()):.1f} dB")
# Średnie MSE zależy głównie od najsłabszego obrazu (0,1 przeważa nad 0,001), a średnia PSNR
# liczy każdy obraz w decybelach na równi. Dlatego średnia PSNR nigdy nie jest mniejsza niż
# PSNR średniego MSE (nierówność Jensena: logarytm jest funkcją wklęsłą).

# %% [markdown] slideshow={"slide_type": "fragment"}
# **Ćwiczenie 3.** Wyuczony autoenkoder odszumiający widział szum $\sigma = 0{,}5$.
# Jak radzi sobie ze słabszym ($\sigma = 0{,}2$) i silniejszym ($\sigma = 0{,}8$) szumem?
# Sprawdź PSNR na 200 cyfrach testowych i obejrzyj kilka z nich.

# %% cellView="form" jupyter={"source_hidden": true} mystnb={"image": {"alt": "Rozwiązanie ćwiczenia 3: cyfry testowe z szumem o odchyleniu 0,2 i 0,8 oraz ich odszumione wersje; przy słabym szumie wynik jest czysty, przy silnym część cyfr jest odtworzona błędnie lub rozmyta."}} slideshow={"slide_type": "skip"} tags=["hide-input"]
# @title Rozwiązanie
rows, titles = [], []
for sigma in (0.2, 0.8):
    noisy = add_noise(x_test[:200], sigma, seed=3)
    cleaned = denoiser.predict(noisy, verbose=0)
    print(f"σ = {sigma}: PSNR zaszumionych {psnr(noisy, x_test[:200]):.1f} dB, "
          f"odszumionych {psnr(cleaned, x_test[:200]):.1f} dB")
    rows += [noisy, cleaned]
    titles += [f"σ = {sigma}".replace(".", ","), "odszumione"]
show_rows(rows, titles)
# Przy słabszym szumie wynik jest najlepszy, ale zysk mniejszy: sieć wygładza cyfrę i traci
# drobne szczegóły, których szum nie zdążył zatrzeć. Przy szumie silniejszym, niż widziała
# w uczeniu, PSNR spada, a część cyfr zostaje odtworzona jako inna cyfra.

# %% [markdown] slideshow={"slide_type": "notes"}
# Ćwiczenia 1 i 2 da się rozwiązać na kartce w kilka minut, warto dać na nie czas na sali;
# rozwiązania są zwinięte pod zadaniami. W ćwiczeniu 1 wychodzi stopień kompresji 49 i 205856
# parametrów; poproś kogoś o rozpisanie wzoru warstwa po warstwie. Ćwiczenie 2 pokazuje,
# że średnia PSNR dwóch obrazów (20,0 dB) może być dużo większa niż PSNR średniego MSE (13,0
# dB). Przed ćwiczeniem 3 zapytaj salę: czy sieć uczona przy $\sigma = 0{,}5$ poradzi sobie ze
# słabszym szumem lepiej czy gorzej niż z tym, który znała? W zapisanym wyniku PSNR po
# odszumieniu wynosi 19,9 dB dla $\sigma = 0{,}2$ i 15,8 dB dla $\sigma = 0{,}8$.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Podsumowanie
#
# W tym notatniku:
# - autoenkoder odtwarza wejście przez wąski kod: 784 → 32 → 784 opisuje cyfrę 24,5 razy
#   krótszym kodem, a stratne rekonstrukcje pozostają czytelne;
# - liniowy autoenkoder uczy się tej samej podprzestrzeni co PCA, a nieliniowy odtwarza cyfry
#   dokładniej niż PCA (MSE 0,00725 wobec 0,0168 przy kodzie 32);
# - autoenkoder odszumiający daje średni PSNR 18,7 dB wobec 9,4 dB zaszumionych cyfr
#   i 14,2 dB filtru medianowego 3×3, ale zwraca średnią cyfr pasujących do szumu, więc
#   przy niepewności miesza dwie cyfry;
# - kod dwuwymiarowy rozdziela cyfry lepiej niż dwie składowe PCA (k-NN: 0,656 wobec 0,450);
# - z kodu 32 B autoenkoder odtwarza cyfrę lepiej niż najmniejszy JPEG (22,1 wobec 19,1 dB);
#   JPEG ze 128 B danych daje 27,7 dB, a nasz kod 32 liczb więcej bajtów nie wykorzysta;
# - kara L1 czyni kod szerszy niż wejście rzadkim: 19,7% aktywnych neuronów zamiast 94,7%
#   (poza wykładem).

# %% [markdown] slideshow={"slide_type": "notes"}
# Przejdź przez punkty i przy każdym przypomnij jedną liczbę: kod 24,5 razy krótszy niż obraz,
# MSE 0,00725 wobec 0,0168 przy kodzie 32, PSNR 18,7 dB sieci wobec 14,2 dB filtru
# medianowego, dokładność k-NN 0,656 wobec
# 0,450, 22,1 dB autoenkodera wobec 19,1 i 27,7 dB JPEG-a. Potem zatrzymaj się na trzech
# rzeczach do zapamiętania: to one mają zostać po wykładzie. Pytanie do sali: gdzie w waszych
# danych przydałby się autoenkoder: do odszumiania, do wizualizacji czy jako źródło cech dla
# innej metody?

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Trzy rzeczy do zapamiętania
#
# - autoenkoder uczy się bez etykiet: odtwarza wejście przez wąski kod;
# - liniowy autoenkoder nie pobije PCA, przewagę daje dopiero nieliniowość;
# - ograniczenie (wąskie gardło, szum, kara L1) zmusza sieć do poznania struktury danych.

# %% [markdown] slideshow={"slide_type": "notes"}
# Przy pierwszym punkcie wróć do rysunku koder–wąskie gardło–dekoder, przy drugim do wykresu
# błędu od rozmiaru kodu, na którym linie PCA i autoenkodera liniowego się pokrywają. Trzeci
# punkt łączy trzy części wykładu: kod 32 liczb, szum na wejściu i karę L1. Zapytaj, które
# z tych ograniczeń dałoby się przenieść na dane bez obrazów, np. na szereg CO₂ z 5.1.
# Zapowiedz 5.4: sieć $V \to d \to V$ podobna do autoenkodera nauczy się tam wektorów słów.

# %% [markdown] slideshow={"slide_type": "skip"}
# Najważniejsze liczby notatnika, po jednej w wierszu:

# %% slideshow={"slide_type": "skip"}
print(f"ae_mse_k32: {deep_mse[32]:.5f}")
print(f"pca_mse_k32: {pca_mse[32]:.5f}")
print(f"linear_ae_mse_k32: {linear_mse[32]:.5f}")
print(f"ae_mse_k2: {deep_mse[2]:.5f}")
print(f"pca_mse_k2: {pca_mse[2]:.5f}")
print(f"linear_ae_subspace_cosine: {linear_ae_subspace_cosine:.4f}")
print(f"linear_ae_subspace_k: {k_angle}")
print(f"basic_ae_mse_loss_mse: {basic_mse_mse:.5f}")
print(f"basic_ae_bce_loss_mse: {basic_mse_bce:.5f}")
print(f"compression_ratio_k32: {compression_ratio:.1f}")
print(f"blank_psnr: {blank_psnr:.2f}")
print(f"noisy_psnr: {noisy_psnr:.2f}")
print(f"median_filter_psnr: {median_filter_psnr:.2f}")
print(f"denoised_psnr: {denoised_psnr:.2f}")
print(f"knn2d_accuracy_ae: {knn2d_accuracy['ae']:.4f}")
print(f"knn2d_accuracy_pca: {knn2d_accuracy['pca']:.4f}")
print(f"ae_code_psnr: {ae_code_psnr:.2f}")
print(f"jpeg_psnr_at_code_bytes: {jpeg_psnr_at_code_bytes:.2f}")
print(f"jpeg_psnr_at_128_bytes: {jpeg_psnr_at_128_bytes:.2f}")
print(f"sparse_active_fraction: {sparse_active:.4f}")
print(f"plain_active_fraction: {plain_active:.4f}")
print(f"train_samples: {len(x_train)}")
print(f"fast_mode: {FAST}")
