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
#       adadelta_accuracy_at_equal_time: 4
#       adadelta_accuracy_at_twice_time: 4
#       cnn_augmented_shift3_accuracy: 4
#       cnn_epochs_to_0991: 1
#       cnn_floor_seconds_per_epoch: 1
#       cnn_seconds_per_epoch: 1
#       cnn_seconds_to_0991: 0
#       cnn_shift2_accuracy: 4
#       cnn_shift2_maps_moved_back_accuracy: 4
#       cnn_shift3_accuracy: 4
#       cnn_test_accuracy: 4
#       cnn_tuned_shift3_accuracy: 4
#       dense_shift2_accuracy: 4
#       dense_shift3_accuracy: 4
#       dense_test_accuracy: 4
#     result: 'dokładność na zbiorze testowym MNIST: {cnn_test_accuracy}; cyfry przesunięte o 2 piksele:
#       {cnn_shift2_accuracy} (CNN) wobec {dense_shift2_accuracy} (sieć gęsta)'
#     summary: Splot liczony ręcznie i w Kerasie, wypełnienie, krok, pole recepcyjne i kanały, pooling
#       i sieć splotowa rozpoznająca cyfry MNIST, też przesunięte.
# ---

# %% [markdown] slideshow={"slide_type": "slide"}
# # 5.2 Splotowe sieci neuronowe (CNN)
# **Uczenie maszynowe · wykład 5**
#
# Sieci splotowe (skrót CNN od *convolutional neural networks*) bywają też nazywane
# **konwolucyjnymi**, od *convolution*, czyli splotu. W tym notatniku pokażemy:
# - do jakich danych pasują sieci splotowe i czym warstwa splotowa różni się od warstwy
#   w pełni połączonej,
# - jak liczy się splot jądrem 3×3 i jak jądro przesuwa się po obrazie; wypełnienie brzegów,
#   krok, pole recepcyjne i kanały,
# - czego uczą się filtry i do czego służy *pooling*,
# - sieć splotową, która rozpoznaje cyfry MNIST z dokładnością ponad 99%, i ile sekund
#   uczenia na procesorze bez GPU to kosztuje; przepis dobieramy na zbiorze walidacyjnym,
#   a testowego nie używamy do wyboru przepisu uczenia,
# - czy taka sieć naprawdę nie zwraca uwagi na położenie cyfry: pomiar na przesuniętych cyfrach,
# - drogę od LeNet do ResNet i normalizację wsadową w skrócie.

# %% [markdown] slideshow={"slide_type": "notes"}
# Zacznij od mapy wykładu: od nagrania dźwięku i ręcznie liczonego splotu dojdziemy do sieci,
# która rozpoznaje cyfry MNIST. Pytanie do sali: czym zdjęcie różni się od zwykłej tabeli z danymi,
# w której kolumny można dowolnie przestawić? Wskaż ostatni punkt planu: na koniec zmierzymy, czy
# sieć splotowa naprawdę nie zwraca uwagi na położenie cyfry, i odpowiedź nie będzie oczywista.

# %% slideshow={"slide_type": "skip"} tags=["remove-cell"]
import os
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")  # bez komunikatów TF przy imporcie
FAST = os.environ.get("COURSE_FAST") == "1"  # tryb szybki: mało danych i epok (CI)
DATA_DIR = Path(os.environ.get("COURSE_DATA_DIR", "../data"))  # kopia z `make data`

# %% [markdown] slideshow={"slide_type": "skip"}
# Potrzebne biblioteki: NumPy i SciPy do rachunków „na piechotę”, Keras do sieci
# neuronowych, Matplotlib do rysunków i animacji.

# %% slideshow={"slide_type": "skip"} tags=["remove-stderr"]
import re
import time
import zipfile
import zlib
from itertools import zip_longest

import keras
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf
from IPython.display import HTML
from keras import layers
from matplotlib import patheffects
from matplotlib.animation import FuncAnimation
from matplotlib.patches import Circle, FancyBboxPatch, Rectangle
from matplotlib.ticker import FuncFormatter
from scipy.signal import convolve2d, correlate2d

plt.rcParams["figure.dpi"] = 80
DECIMAL_COMMA = FuncFormatter(lambda value, _: f"{value:g}".replace(".", ","))  # 0,5 zamiast 0.5


def plural(n, one, few, many):
    """Liczba z rzeczownikiem w dobrej formie: 1 zdanie, 2 zdania, 5 zdań, 12 zdań, 22 zdania."""
    few_ok = n % 10 in (2, 3, 4) and n % 100 not in (12, 13, 14)
    return f"{n} {one if n == 1 else few if few_ok else many}"


# %config InlineBackend.figure_formats = ["retina"]  # rysunki w podwójnej rozdzielczości: ostre na slajdach

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Do czego służą sieci splotowe
#
# - rozpoznawanie obrazów: co jest na zdjęciu, gdzie są obiekty,
# - analiza wideo (ciąg obrazów),
# - inne dane o podobnej budowie: **bardzo wiele wartości wejściowych**, w których liczy się
#   **sąsiedztwo** — pojedynczy piksel niewiele znaczy, znaczenie ma dopiero wzór
#   utworzony przez piksele leżące obok siebie.

# %% [markdown] slideshow={"slide_type": "notes"}
# Podkreśl dwa pogrubione sformułowania: wejść jest bardzo dużo, a liczy się sąsiedztwo, bo
# pojedynczy piksel niewiele znaczy, a znaczenie ma dopiero wzór utworzony przez piksele leżące
# obok siebie. Zapytaj studentów: jakie jeszcze dane, poza zdjęciami, wideo i dźwiękiem, mają taką
# budowę? Zapowiedz, że zaczniemy od przykładu jednowymiarowego, bo na nim najłatwiej zobaczyć,
# skąd bierze się warstwa splotowa.

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Przykład jednowymiarowy: czy w nagraniu słychać głos?
#
# - Nagranie dźwięku to ciąg próbek — wartości ciśnienia mierzonych np. 8000 razy na sekundę.
# - Próbki są jednowymiarowymi „pikselami”: jedna próbka nic nie mówi, o obecności głosu
#   świadczy kształt krótkiego fragmentu sygnału.
# - Zadanie: stwierdzić, czy (i gdzie) w nagraniu jest ludzki głos.

# %% [markdown] slideshow={"slide_type": "skip"}
# Zamiast prawdziwego nagrania zbudujmy sztuczne nagranie: sekunda szumu, a w nim 0,15 s dźwięku
# przypominającego samogłoskę — tonu podstawowego 150 Hz z dwiema harmonicznymi.

# %% slideshow={"slide_type": "skip"}
SAMPLE_RATE = 8000  # próbek na sekundę
VOICE_START, VOICE_END = 0.40, 0.55  # gdzie w nagraniu jest „głos” [s]


def make_recording(seed=0):
    """Zwraca czasy próbek i nagranie: szum z fragmentem dźwięcznym 150 Hz."""
    t = np.arange(SAMPLE_RATE) / SAMPLE_RATE
    voiced = sum(a * np.sin(2 * np.pi * f * t) for f, a in [(150, 1.0), (300, 0.6), (450, 0.3)])
    inside = (t >= VOICE_START) & (t < VOICE_END)
    envelope = np.zeros_like(t)
    envelope[inside] = np.hanning(inside.sum())
    noise = np.random.default_rng(seed).normal(scale=0.6, size=t.size)
    return t, envelope * voiced + noise


t, recording = make_recording()


# %% slideshow={"slide_type": "skip"} tags=["remove-cell"]
def shade_voice(ax):
    """Zaznacza na osi przedział, w którym naprawdę jest głos."""
    ax.axvspan(VOICE_START, VOICE_END, color="tab:green", alpha=0.15, label="głos")


# %% jupyter={"source_hidden": true} mystnb={"image": {"alt": "Sztuczne nagranie: jedna sekunda szumu; między 0,40 a 0,55 s ukryty jest fragment dźwięczny, ledwo widoczny na tle szumu."}} tags=["remove-input"]
fig, ax = plt.subplots(figsize=(7, 2))
ax.plot(t, recording, lw=0.4, color="tab:gray")
shade_voice(ax)
ax.set(xlabel="czas [s]", ylabel="amplituda", title="Nagranie: szum z ukrytym głosem")
ax.xaxis.set_major_formatter(DECIMAL_COMMA)
ax.yaxis.set_major_formatter(DECIMAL_COMMA)
ax.legend(loc="upper right")
plt.show()

# %% [markdown] slideshow={"slide_type": "notes"}
# Pokaż zielony pas na wykresie: między 0,40 a 0,55 s ukryto fragment dźwięczny, a na tle szumu
# prawie go nie widać. Niech sala odpowie: po czym poznalibyście głos, gdybyście mogli oglądać tylko
# pojedyncze próbki? Odpowiedź: po niczym, bo głos rozpoznaje się po kształcie krótkiego
# fragmentu sygnału, czyli po regularnych drganiach. Nagranie ma 8000 próbek, więc sieć w pełni
# połączona musiałaby mieć 8000 wejść.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["optional"]
# ## Od warstwy w pełni połączonej do warstwy splotowej
#
# Podejście naiwne: warstwa w pełni połączona, czyli gęsta (*fully connected*, *dense*), w której
# każde wejście jest połączone z każdym neuronem.

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


def draw_dense_layer(n_inputs=8, n_neurons=5):
    """Schemat warstwy w pełni połączonej: każde wejście z każdym neuronem."""
    fig, ax = new_diagram(6, 2.6, f"{n_inputs} wejść × {n_neurons} neuronów = {n_inputs * n_neurons} wag")
    inputs = [(i, 0) for i in range(n_inputs)]
    neurons = [(x, 2) for x in np.linspace(0.5, n_inputs - 1.5, n_neurons)]
    for start in inputs:
        for end in neurons:
            line(ax, start, end, color="gray", lw=0.8, zorder=0)
    for i, (x, y) in enumerate(inputs):
        draw_node(ax, x, y, f"$x_{i}$")
    for x, y in neurons:
        draw_node(ax, x, y, "F", color="#fde0c5")
    ax.set(xlim=(-0.5, n_inputs - 0.5), ylim=(-0.4, 2.4))
    plt.show()


# %% jupyter={"source_hidden": true} mystnb={"image": {"alt": "Schemat warstwy w pełni połączonej: osiem wejść x0–x7 na dole, pięć neuronów F na górze, każde wejście połączone linią z każdym neuronem, razem 40 wag."}} tags=["remove-input"]
draw_dense_layer()

# %% [markdown] slideshow={"slide_type": "fragment"}
# Wady:
# - **bardzo dużo wejść, a więc i wag**: sekunda dźwięku to tysiące próbek, zdjęcie to
#   miliony pikseli;
# - warstwa **nie wykrywa cech lokalnych**: nie wie, które wejścia sąsiadują, a ten sam wzorzec
#   (fragment głosu, krawędź) musi rozpoznawać osobno w każdym miejscu wejścia.

# %% [markdown] slideshow={"slide_type": "notes"}
# Policz z salą wagi na schemacie: 8 wejść × 5 neuronów = 40 wag, jak w tytule rysunku. Zapytaj
# salę: ile wag potrzebowałaby taka warstwa dla całej sekundy nagrania z poprzedniego slajdu,
# przy tych samych pięciu neuronach? Przy fragmencie z wadami podkreśl drugą z nich: ten sam
# wzorzec na początku i na końcu wejścia to dla tej warstwy dwa różne zadania, których musi się
# uczyć osobno.

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Pomysł: mała sieć A powielona wzdłuż wejścia
#
# Mała sieć A ma tylko 2 wejścia. Jej kopie patrzą na kolejne, nakładające się okna wejścia
# i **wszystkie mają te same wagi**.

# %% slideshow={"slide_type": "skip"} tags=["remove-cell"]
def draw_conv_layers(n_inputs, windows, names, title):
    """Schemat 1-D: wejścia i warstwy kopii sieci o podanych szerokościach okien."""
    colors = ["#c9e8c9", "#f6d6e8"]
    fig, ax = new_diagram(6, 1.4 + 1.3 * len(windows), title)
    below = [(i, 0) for i in range(n_inputs)]
    for i, (x, y) in enumerate(below):
        draw_node(ax, x, y, f"$x_{i}$")
    for level, (window, name) in enumerate(zip(windows, names), start=1):
        above = [(np.mean([x for x, _ in below[j:j + window]]), 1.3 * level)
                 for j in range(len(below) - window + 1)]
        for j, end in enumerate(above):
            for start in below[j:j + window]:
                line(ax, start, end, color="gray", lw=0.8, zorder=0)
            draw_box(ax, *end, name, colors[level - 1], width=0.6, height=0.44, fontsize=11)
        below = above
    ax.set(xlim=(-0.5, n_inputs - 0.5), ylim=(-0.4, 1.3 * len(windows) + 0.4))
    plt.show()


# %% jupyter={"source_hidden": true} mystnb={"image": {"alt": "Schemat jednowymiarowej warstwy splotowej: osiem wejść x0–x7, nad nimi siedem kopii sieci A; każda kopia połączona z dwoma sąsiednimi wejściami, sąsiednie okna nakładają się."}} tags=["remove-input"]
draw_conv_layers(8, [2], ["A"], "Kopie A, każda patrzy na okno 2 wejść")

# %% [markdown] slideshow={"slide_type": "notes"}
# Pokaż na schemacie siedem kopii A: każda łączy się z dwoma sąsiednimi wejściami, a sąsiednie
# okna mają jedno wejście wspólne. Najważniejsze jest pogrubione zdanie ze slajdu: wszystkie
# kopie mają te same wagi, więc to jedna mała sieć przyłożona w siedmiu miejscach. Zapytaj salę:
# ile wag ma cała ta warstwa, jeśli A to jeden neuron, i czy ta liczba wzrośnie, gdy wejść będzie
# znacznie więcej? (Dwie wagi i wyraz wolny, niezależnie od długości wejścia.)

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Okno z trzema wejściami
#
# Szerokość okna to parametr warstwy; tu każda kopia A widzi 3 sąsiednie wejścia.

# %% jupyter={"source_hidden": true} mystnb={"image": {"alt": "Ten sam schemat z oknem trzech wejść: osiem wejść x0–x7 i sześć kopii sieci A, każda połączona z trzema kolejnymi wejściami."}} tags=["remove-input"]
draw_conv_layers(8, [3], ["A"], "Kopie A, każda patrzy na okno 3 wejść")

# %% [markdown] slideshow={"slide_type": "fragment"}
# Warstwa złożona z kopii A to **warstwa splotowa** (*convolutional layer*). Wagi A to
# **jądro** (*kernel*), inaczej filtr, a ciąg wyjść wszystkich kopii to **mapa cech** (*feature map*).

# %% [markdown] slideshow={"slide_type": "notes"}
# Dlaczego to działa? Wzorzec, którego A nauczyła się w jednym miejscu, rozpozna w każdym
# innym, bo wszystkie kopie mają te same wagi. Liczba wag zależy tylko od szerokości okna,
# a nie od długości wejścia. O ile przesuwamy okno między sąsiednimi kopiami, mówi krok
# (*stride*); jeśli mapa cech ma być tak długa jak wejście, dokładamy na brzegach
# wejścia zera: to wypełnienie (*padding*).

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Warstwy splotowe można układać jedna na drugiej
#
# Kopie B patrzą na wyjścia A, więc każda z nich „widzi” szersze okno oryginalnego wejścia
# (jej pole recepcyjne, *receptive field*). Kolejne warstwy wykrywają coraz bardziej złożone
# i rozległe wzorce.

# %% jupyter={"source_hidden": true} mystnb={"image": {"alt": "Dwie warstwy splotowe jedna na drugiej: osiem wejść, nad nimi siedem kopii A z oknem 2, a nad nimi sześć kopii B, każda połączona z dwiema sąsiednimi kopiami A."}} tags=["remove-input"]
draw_conv_layers(8, [2, 2], ["A", "B"], "Dwie warstwy splotowe: B patrzy na wyjścia A")

# %% [markdown] slideshow={"slide_type": "notes"}
# Prześledź na schemacie jedną kopię B: patrzy na dwie sąsiednie kopie A, a one razem na trzy
# sąsiednie wejścia, więc pole recepcyjne B jest szersze niż okno którejkolwiek z warstw. Zapytaj
# salę: ile wejść zobaczyłaby kopia trzeciej takiej warstwy? Każda kolejna warstwa z oknem 2
# poszerza pole o jedno wejście; w dwóch wymiarach zmierzymy to w Kerasie na slajdzie o polu
# recepcyjnym.

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Wracamy do nagrania
#
# Dwie warstwy splotowe z ręcznie dobranymi jądrami wystarczą, by znaleźć głos:
# 1. jądro A to krótki fragment sinusoidy 150 Hz w oknie Hanna: reaguje na drgania o tej częstotliwości;
# 2. po nieliniowości (kwadrat) jądro B uśrednia odpowiedź w oknie 20 ms.

# %% [markdown] slideshow={"slide_type": "skip"}
# Oba sploty liczymy funkcją `np.convolve`; próg wykrycia to dziesięciokrotność mediany
# odpowiedzi, czyli typowego poziomu samego szumu.

# %% slideshow={"slide_type": "skip"}
kernel_a = np.hanning(200) * np.sin(2 * np.pi * 150 * np.arange(200) / SAMPLE_RATE)
kernel_b = np.ones(160) / 160  # średnia z 20 ms

start = time.perf_counter()
response = np.convolve(np.convolve(recording, kernel_a, mode="same") ** 2, kernel_b, mode="same")
conv_ms = 1000 * (time.perf_counter() - start)
threshold = 10 * np.median(response)
detected = t[response > threshold]

# %% [markdown] slideshow={"slide_type": "skip"}
# Odpowiedź drugiej warstwy i próg wykrycia na tle prawdziwego położenia głosu:

# %% jupyter={"source_hidden": true} mystnb={"image": {"alt": "Odpowiedź dwóch warstw splotowych na nagranie: przez większość sekundy bliska zeru, wyraźnie ponad progiem tylko między około 0,40 a 0,55 s, czyli tam, gdzie ukryto głos."}} tags=["remove-input"]
fig, ax = plt.subplots(figsize=(7, 2))
ax.plot(t, response, color="tab:blue", label="odpowiedź B")
ax.axhline(threshold, color="tab:red", ls="--", lw=1, label="próg")
shade_voice(ax)
ax.set(xlabel="czas [s]", ylabel="energia", title="Odpowiedź warstw splotowych")
ax.xaxis.set_major_formatter(DECIMAL_COMMA)
ax.legend(loc="upper right")
plt.show()

# %% slideshow={"slide_type": "fragment"}
print(f"Głos wykryty między {detected.min():.3f} a {detected.max():.3f} s "
      f"(naprawdę: {VOICE_START:.2f}–{VOICE_END:.2f} s); "
      f"dwa sploty {t.size} próbek zajęły {conv_ms:.1f} ms.")

# %% [markdown] slideshow={"slide_type": "notes"}
# Pokaż, że niebieska odpowiedź warstwy B przekracza czerwony próg tylko w zielonym pasie: głos
# wykryty między 0,422 a 0,521 s, a naprawdę był między 0,40 a 0,55 s. Brzegi fragmentu umykają,
# bo tam obwiednia z oknem Hanna wycisza głos prawie do zera. Zatrzymaj się na pytaniu: skąd ta sieć wie,
# czego szukać? Tu oba jądra dobraliśmy ręcznie, a w prawdziwej sieci splotowej wagi jąder uczą
# się same z danych.

# %% slideshow={"slide_type": "skip"} tags=["remove-cell"]
# sprawdzenie: splot wykrywa głos tylko w przedziale, w którym go ukryto
assert VOICE_START - 0.03 < detected.min() < detected.max() < VOICE_END + 0.03

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Splot w dwóch wymiarach
#
# Obraz to dwuwymiarowa siatka pikseli. Kopie A patrzą teraz na kwadratowe okna
# (tu 3×3) i razem tworzą dwuwymiarową mapę cech.

# %% slideshow={"slide_type": "skip"} tags=["remove-cell"]
def draw_grid(ax, x0, y0, n, color="white", label=""):
    """Rysuje siatkę n×n komórek o boku 1 z lewym dolnym rogiem w (x0, y0)."""
    for r in range(n):
        for c in range(n):
            ax.add_patch(Rectangle((x0 + c, y0 + n - 1 - r), 1, 1, fc=color, ec="gray", lw=0.6))
            ax.text(x0 + c + 0.5, y0 + n - 0.5 - r, label, ha="center", va="center", fontsize=8, color="gray")


def draw_conv_2d(n=6, k=3, windows=((0, 0, "tab:blue"), (2, 1, "tab:orange"))):
    """Schemat 2-D: okna k×k obrazu n×n i odpowiadające im kopie A w mapie cech."""
    m, shift = n - k + 1, n + 2.5
    fig, ax = new_diagram(6, 3, f"Obraz {n}×{n}, okna {k}×{k} → mapa cech {m}×{m}")
    draw_grid(ax, 0, 0, n)
    draw_grid(ax, shift, (n - m) / 2, m, label="A")
    for r, c, color in windows:
        ax.add_patch(Rectangle((c, n - r - k), k, k, fc=color, alpha=0.3, ec=color, lw=2))
        out = (shift + c, (n - m) / 2 + m - 1 - r)
        ax.add_patch(Rectangle(out, 1, 1, fc=color, alpha=0.5, ec=color, lw=2))
        arrow(ax, (c + k, n - r - k / 2), (out[0], out[1] + 0.5), color=color, lw=1.5, style="->")
    ax.text(n / 2, -0.6, "wejście", ha="center")
    ax.text(shift + m / 2, (n - m) / 2 - 0.6, "mapa cech", ha="center")
    ax.set(xlim=(-0.2, shift + m + 0.2), ylim=(-1, n + 0.2))
    plt.show()


# %% jupyter={"source_hidden": true} mystnb={"image": {"alt": "Schemat dwuwymiarowej warstwy splotowej: po lewej siatka 6 na 6 pikseli z zaznaczonymi dwoma nakładającymi się oknami 3 na 3 (niebieskim i pomarańczowym), po prawej mapa cech 4 na 4 złożona z kopii A; strzałki prowadzą od każdego okna do odpowiadającej mu kopii A."}} tags=["remove-input"]
draw_conv_2d()

# %% [markdown] slideshow={"slide_type": "notes"}
# Na schemacie obraz 6×6 i okna 3×3 dają mapę cech 4×4: niebieskie i pomarańczowe okno trafiają
# do dwóch różnych pól mapy. Podkreśl, że okna się nakładają, a każde pole mapy liczy ta sama
# jednostka A z tymi samymi wagami. Do dyskusji: dlaczego mapa ma 4×4 pola, a nie 6×6? (Okno 3×3
# mieści się w obrazie tylko w 4 położeniach w każdym kierunku.)

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Jednostka A z bliska
#
# A nie musi być pojedynczym neuronem: może być małą siecią z jedną lub kilkoma warstwami
# neuronów (*network-in-network*, [Lin, Chen i Yan 2013](https://arxiv.org/abs/1312.4400)).

# %% slideshow={"slide_type": "skip"} tags=["remove-cell"]
def draw_unit_closeup(n_hidden=3):
    """Schemat jednostki A jako małej sieci: okno 3×3 → warstwa ukryta → wyjście."""
    fig, ax = new_diagram(6, 3, "Jednostka A: mała sieć stosowana w każdym oknie")
    for idx, name in enumerate("abcdefghi"):
        r, c = divmod(idx, 3)
        ax.add_patch(Rectangle((c, 2 - r), 1, 1, fc="#dbe9f6", ec="k"))
        ax.text(c + 0.5, 2.5 - r, f"${name}$", ha="center", va="center", fontsize=11)
    hidden = [(5, y) for y in np.linspace(0.3, 2.7, n_hidden)]
    for idx in range(9):
        r, c = divmod(idx, 3)
        for end in hidden:
            line(ax, (c + 0.5, 2.5 - r), end, color="gray", lw=0.8, zorder=0)
    for start in hidden:
        line(ax, start, (7, 1.5), color="gray", lw=0.8, zorder=0)
        draw_node(ax, *start, "", color="#c9e8c9")
    draw_node(ax, 7, 1.5, "", color="#f6d6e8")
    ax.add_patch(FancyBboxPatch((4.4, -0.2), 3.2, 3.4, boxstyle="round,pad=0.1",
                                fc="none", ec="tab:green", ls="--"))
    ax.text(6, 3.45, "A", ha="center", fontsize=13, color="tab:green")
    ax.text(1.5, -0.55, "okno 3×3", ha="center")
    ax.set(xlim=(-0.2, 8), ylim=(-0.9, 3.8))
    plt.show()


# %% jupyter={"source_hidden": true} mystnb={"image": {"alt": "Jednostka A z bliska: dziewięć pikseli okna 3 na 3 oznaczonych literami od a do i, każdy połączony z trzema neuronami warstwy ukrytej, a te z jednym neuronem wyjściowym; neurony ukryte i neuron wyjściowy otacza przerywana ramka podpisana A."}} tags=["remove-input"]
draw_unit_closeup()

# %% [markdown] slideshow={"slide_type": "notes"}
# W zwykłej warstwie splotowej A to jeden neuron: suma ważona pikseli okna plus wyraz wolny,
# a potem funkcja aktywacji, np. ReLU. W architekturze sieci w sieci w każdym oknie działa ta
# sama mała sieć wielowarstwowa; w praktyce odpowiada to splotowi, po którym następują sploty
# z jądrem 1×1. Tak czy inaczej, wszystkie kopie A mają wspólne wagi.

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Splot formalnie
#
# W każdym położeniu jądra mnożymy element po elemencie fragment obrazu przez jądro i sumujemy:
#
# $$
# \begin{bmatrix} a & b & c \\ d & e & f \\ g & h & i \end{bmatrix} \ast
# \begin{bmatrix} 1 & 2 & 3 \\ 4 & 5 & 6 \\ 7 & 8 & 9 \end{bmatrix}
# = 1a + 2b + 3c + 4d + 5e + 6f + 7g + 8h + 9i
# $$
#
# Więcej przykładów jąder (rozmycie, wyostrzanie, krawędzie):
# <https://en.wikipedia.org/wiki/Kernel_(image_processing)>

# %% [markdown] slideshow={"slide_type": "fragment"}
# Ściśle biorąc, to **korelacja wzajemna** (*cross-correlation*): splot w sensie matematycznym
# najpierw obraca jądro o 180°. Biblioteki uczenia głębokiego (Keras, PyTorch) liczą właśnie
# korelację i nazywają ją splotem. Sieci to nie przeszkadza: jądro i tak jest uczone,
# więc nauczy się po prostu wersji obróconej.

# %% [markdown] slideshow={"slide_type": "notes"}
# Przejdź wzór powoli: każdą wagę jądra mnożymy przez piksel leżący w tym samym miejscu okna i
# sumujemy dziewięć iloczynów. Sprawdź, czy sala wie: jak wyglądałoby jądro, które po prostu uśrednia
# okno? (Wszystkie wagi równe 1/9; to jądro rozmywające z ćwiczenia 3.) Przy fragmencie o
# korelacji wzajemnej podkreśl, że różnica względem splotu to tylko obrót jądra o 180°, a skoro
# sieć i tak uczy się jądra, w praktyce nie ma to znaczenia.

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Sprawdźmy rachunkiem
#
# Weźmy konkretny fragment obrazu i policzmy sumę ze wzoru w NumPy.

# %% tags=["nbval-check-output"]
def formula(kernel):
    """Zapisuje sumę ważoną pikseli a…i z wagami jądra jako tekst."""
    return " + ".join(f"{w}{name}" for w, name in zip(kernel.flat, "abcdefghi"))


kernel = np.arange(1, 10).reshape(3, 3)
patch = np.array([[3, 0, 1], [2, 5, 4], [1, 0, 2]])
by_hand = int(np.sum(kernel * patch))
print(f"wzór: {formula(kernel)} = {by_hand}")

# %% [markdown] slideshow={"slide_type": "notes"}
# Zanim odsłonisz wynik, niech sala policzy na kartce sumę ze wzoru dla fragmentu obrazu z kodu;
# to dobra rozgrzewka przed animacją. Wynik to 88. Daj chwilę na odpowiedź: co stanie się z wynikiem, gdy
# fragment obrazu będzie dwa razy jaśniejszy? (Też się podwoi, bo splot jest liniowy.)

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Ta sama suma w Kerasie i SciPy
#
# Liczymy ją warstwą `Conv2D` z tymi wagami (bez wyrazu wolnego) i funkcjami SciPy:
# `correlate2d` to korelacja, `convolve2d` to prawdziwy splot. Keras chce jądra w kształcie
# (3, 3, kanały wejścia, filtry), tu (3, 3, 1, 1). Kanał to jedna warstwa liczb obrazu:
# obraz w skali szarości ma jeden, kolorowy RGB trzy. Filtrów może być wiele i każdy daje
# własną mapę cech; dokładniej omówimy to niżej.

# %% slideshow={"slide_type": "fragment"} tags=["nbval-check-output"]
conv = layers.Conv2D(1, (3, 3), use_bias=False)
conv.build((None, 3, 3, 1))
conv.set_weights([kernel.reshape(3, 3, 1, 1).astype("float32")])
by_keras = conv(patch.reshape(1, 3, 3, 1).astype("float32")).numpy().item()
by_correlate = correlate2d(patch, kernel, mode="valid").item()
by_convolve = convolve2d(patch, kernel, mode="valid").item()
print(f"Keras Conv2D: {by_keras:.0f}, SciPy correlate2d: {by_correlate}")
print(f"SciPy convolve2d: {by_convolve} = {formula(kernel[::-1, ::-1])} (jądro obrócone o 180°)")

# %% [markdown] slideshow={"slide_type": "notes"}
# Pokaż, że warstwa Kerasa i `correlate2d` dają 88, tyle co wzór, a `convolve2d` daje 92, bo
# obraca jądro o 180° i waga 9 trafia na piksel a. To dowód, że „splot” w Kerasie jest w istocie
# korelacją wzajemną. Pytanie do sali: dla jakiego jądra oba wyniki byłyby równe? (Dla jądra, które
# po obrocie o 180° się nie zmienia, np. uśredniającego.)

# %% slideshow={"slide_type": "skip"} tags=["remove-cell"]
# sprawdzenie: ręczny rachunek, Keras i correlate2d dają tę samą sumę 88
assert by_hand == round(by_keras) == by_correlate == 88
assert by_convolve == np.sum(kernel[::-1, ::-1] * patch) != by_hand

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Jądro w ruchu
#
# Jądro 3×3 wykrywające krawędzie pionowe, $\begin{bmatrix} 1 & 0 & -1 \end{bmatrix}$
# w każdym wierszu, przesuwa się po obrazku 8×8 z krokiem 1; mapa cech 6×6 wypełnia się
# kolejnymi sumami.

# %% slideshow={"slide_type": "skip"} tags=["remove-cell"]
FOUR = np.array([[0, 0, 0, 0, 0, 0, 0, 0],
                 [0, 1, 0, 0, 1, 0, 0, 0],
                 [0, 1, 0, 0, 1, 0, 0, 0],
                 [0, 1, 0, 0, 1, 0, 0, 0],
                 [0, 1, 1, 1, 1, 1, 0, 0],
                 [0, 0, 0, 0, 1, 0, 0, 0],
                 [0, 0, 0, 0, 1, 0, 0, 0],
                 [0, 0, 0, 0, 0, 0, 0, 0]])
VERTICAL_EDGE = np.array([[1, 0, -1]] * 3)


def animate_convolution(image, kernel):
    """Animacja: jądro przesuwa się po obrazie, a mapa cech wypełnia się liczbami."""
    out = correlate2d(image, kernel, mode="valid")
    k, (rows, cols) = kernel.shape[0], out.shape
    # 108 dpi: klatki pozostają ostre, gdy slajd pokazuje animację w powiększeniu
    fig, (ax_in, ax_out) = plt.subplots(1, 2, figsize=(4.6, 2.4), dpi=108)
    fig.subplots_adjust(left=0.02, right=0.98, bottom=0.02, top=0.88, wspace=0.08)
    ax_in.imshow(image, cmap="gray_r", vmin=0, vmax=1)
    shown = ax_out.imshow(np.full(out.shape, np.nan), cmap="bwr", vmin=-3, vmax=3)
    window = ax_in.add_patch(Rectangle((-0.5, -0.5), k, k, fc="none", ec="tab:red", lw=3))
    cell = ax_out.add_patch(Rectangle((-0.5, -0.5), 1, 1, fc="none", ec="tab:red", lw=3))
    for ax, title in [(ax_in, "obraz 8×8"), (ax_out, "mapa cech 6×6")]:
        ax.set(xticks=[], yticks=[], title=title)

    def update(frame):
        r, c = divmod(frame, cols)
        window.set_xy((c - 0.5, r - 0.5))
        cell.set_xy((c - 0.5, r - 0.5))
        shown.set_data(np.where(np.arange(out.size).reshape(out.shape) <= frame, out, np.nan))
        color = "white" if abs(out[r, c]) >= 2 else "black"  # czytelne na nasyconym tle
        ax_out.text(c, r, out[r, c], ha="center", va="center", fontsize=11, color=color)

    anim = FuncAnimation(fig, update, frames=rows * cols, init_func=lambda: [], interval=300)
    plt.close(fig)
    return anim


# Odtwarzacz matplotlib rysuje przyciski czcionką Font Awesome z sieci; zastępujemy je zwykłymi
# znakami, żeby przyciski działały bez internetu: na stronie, w slajdach i w Colab.
PLAYER_GLYPHS = {"fa-minus": "−", "fa-fast-backward": "⇤", "fa-step-backward": "◁",
                 "fa-play fa-flip-horizontal": "◀", "fa-pause": "‖", "fa-play": "▶",
                 "fa-step-forward": "▷", "fa-fast-forward": "⇥", "fa-plus": "+"}


def offline_jshtml(anim, alt):
    """Odtwarzacz animacji w HTML bez zewnętrznych stylów, z tekstem alternatywnym obrazu
    i etykietą suwaka klatek (dla czytników ekranu)."""
    html = re.sub(r'<link rel="stylesheet"[^>]*font-awesome[^>]*>', "", anim.to_jshtml(default_mode="loop"))
    html = re.sub(r'<i class="fa (fa-[a-z-]+(?: fa-flip-horizontal)?)"></i>',
                  lambda m: PLAYER_GLYPHS[m.group(1)] + "\ufe0e", html)
    html = html.replace('class="anim-slider"', 'class="anim-slider" aria-label="Klatka animacji"', 1)
    return html.replace("<img ", f'<img alt="{alt}" ', 1)


# %% jupyter={"source_hidden": true} mystnb={"image": {"alt": "Animacja splotu: czerwona ramka 3 na 3 przesuwa się po obrazku cyfry 4 o wymiarach 8 na 8, a w mapie cech 6 na 6 pojawiają się kolejne wartości od -3 do 3, dodatnie i ujemne wzdłuż pionowych kresek cyfry."}} tags=["remove-input"]
ANIMATION_ALT = ("Animacja splotu: ramka 3 na 3 przesuwa się po obrazku cyfry 4 (8 na 8 pikseli), "
                 "a mapa cech 6 na 6 wypełnia się wartościami od -3 do 3.")
animation_html = offline_jshtml(animate_convolution(FOUR, VERTICAL_EDGE), ANIMATION_ALT)
HTML(animation_html)

# %% slideshow={"slide_type": "skip"} tags=["remove-cell"]
# sprawdzenie: animacja ma tekst alternatywny, nie sięga do sieci i jest mała
assert animation_html.count("<img ") == 1 and f'alt="{ANIMATION_ALT}"' in animation_html
assert 'aria-label="Klatka animacji"' in animation_html
assert "://" not in re.sub(r"data:[^\"']*", "", animation_html), "animacja odwołuje się do sieci"
assert len(animation_html) < 1_000_000, len(animation_html)

# %% [markdown] slideshow={"slide_type": "notes"}
# Z obrazu 8×8 i jądra 3×3 powstaje mapa 6×6, bo jądro mieści się w 8 − 3 + 1 = 6
# położeniach w każdym kierunku; jak to zmienić, pokażą dwa następne slajdy. Wartość dodatnia oznacza, że kreska cyfry leży po lewej stronie okna,
# a po prawej jest tło; ujemna — odwrotnie; tam, gdzie obraz się nie zmienia, odpowiedź jest zerowa.

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Wypełnienie brzegów
#
# Bez wypełnienia (`padding="valid"`) jądro $k \times k$ mieści się w $n - k + 1$ położeniach,
# więc każda warstwa obcina brzeg mapy. Wypełnienie zerami (`padding="same"`) dokłada
# $\lfloor k/2 \rfloor$ zer z każdej strony (dla nieparzystego $k$) i przy kroku 1 mapa ma
# tyle pól, ile ma wejście.

# %% slideshow={"slide_type": "skip"} tags=["remove-cell"]
def draw_padding(n=5, k=3):
    """Wejście n×n z ramką zer i mapa cech tej samej wielkości (padding same)."""
    pad = k // 2
    size = n + 2 * pad
    fig, ax = new_diagram(6, 2.9, f'padding="same": wejście {n}×{n} z ramką zer → mapa {n}×{n}')
    for r in range(size):
        for c in range(size):
            border = min(r, c, size - 1 - r, size - 1 - c) < pad
            ax.add_patch(Rectangle((c, size - 1 - r), 1, 1, fc="#eeeeee" if border else "#dbe9f6",
                                   ec="gray", lw=0.6))
            if border:
                ax.text(c + 0.5, size - 0.5 - r, "0", ha="center", va="center", fontsize=8, color="gray")
    ax.add_patch(Rectangle((0, size - k), k, k, fc="tab:orange", alpha=0.3, ec="tab:orange", lw=2))
    shift = size + 2
    draw_grid(ax, shift, pad, n, color="#c9e8c9")
    ax.add_patch(Rectangle((shift, pad + n - 1), 1, 1, fc="tab:orange", alpha=0.5, ec="tab:orange", lw=2))
    arrow(ax, (k, size - k / 2), (shift, pad + n - 0.5), color="tab:orange", lw=1.5, style="->")
    ax.set(xlim=(-0.2, shift + n + 0.2), ylim=(-0.2, size + 0.2))
    plt.show()


# %% jupyter={"source_hidden": true} mystnb={"image": {"alt": "Po lewej wejście 5 na 5 (niebieskie) otoczone ramką zer (szare pola z zerami), razem 7 na 7; w lewym górnym rogu pomarańczowe okno 3 na 3, które obejmuje narożny piksel wejścia i otaczające go zera. Strzałka prowadzi do lewego górnego pola mapy cech 5 na 5 po prawej: mapa ma tyle pól, ile ma wejście."}} tags=["remove-input"]
draw_padding()

# %% [markdown] slideshow={"slide_type": "notes"}
# Na rysunku wejście 5×5 z ramką zer ma 7×7 pól, więc okno 3×3 mieści się w nim w 5 położeniach w
# każdym kierunku i mapa cech też ma 5×5. Pokaż pomarańczowe okno wyśrodkowane na narożnym
# pikselu wejścia: pięć z jego dziewięciu pól to zera z ramki. Zapytaj studentów: ile zer trzeba
# dołożyć z każdej strony przy jądrze 5×5, żeby mapa nie malała? (Dwa, bo ⌊5/2⌋ = 2.) Bez
# wypełnienia każda warstwa obcina brzeg, więc w głębokiej sieci mapy szybko by malały.

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Krok
#
# Krok $s$ to przesunięcie okna między sąsiednimi polami mapy. Przy $s = 2$ jądro omija co
# drugie położenie i mapa ma w każdym kierunku mniej więcej o połowę mniej pól:
# $\lfloor (n - k)/s \rfloor + 1$ bez wypełnienia, $\lceil n/s \rceil$ z wypełnieniem.

# %% slideshow={"slide_type": "skip"} tags=["remove-cell"]
def draw_stride(n=7, k=3, stride=2):
    """Okna k×k przesuwane o krok stride po wejściu n×n i mapa cech, którą tworzą."""
    m = (n - k) // stride + 1
    colors = ["tab:blue", "tab:orange", "tab:green"]
    fig, ax = new_diagram(6, 2.9, f"krok {stride}: wejście {n}×{n}, okno {k}×{k} → mapa {m}×{m}")
    draw_grid(ax, 0, 0, n)
    shift = n + 2.5
    draw_grid(ax, shift, (n - m) / 2, m)
    for c, color in zip(range(m), colors):
        ax.add_patch(Rectangle((c * stride, n - k), k, k, fc=color, alpha=0.25, ec=color, lw=2))
        ax.add_patch(Rectangle((shift + c, (n - m) / 2 + m - 1), 1, 1, fc=color, alpha=0.5, ec=color, lw=2))
    ax.text(n / 2, -0.6, "wejście: pierwszy wiersz okien", ha="center")
    ax.text(shift + m / 2, (n - m) / 2 - 0.6, "mapa cech", ha="center")
    ax.set(xlim=(-0.2, shift + m + 0.2), ylim=(-1, n + 0.2))
    plt.show()


# %% jupyter={"source_hidden": true} mystnb={"image": {"alt": "Po lewej wejście 7 na 7 z trzema oknami 3 na 3 w górnym wierszu (niebieskim, pomarańczowym i zielonym), przesuniętymi co 2 kolumny, tak że sąsiednie okna mają wspólną jedną kolumnę. Po prawej mapa cech 3 na 3, której górny wiersz ma trzy pola w kolorach tych okien."}} tags=["remove-input"]
draw_stride()

# %% [markdown] slideshow={"slide_type": "notes"}
# Na rysunku wejście 7×7, okno 3×3 i krok 2 dają mapę 3×3: trzy kolorowe okna w górnym wierszu
# przesuwają się co 2 kolumny, więc sąsiednie mają wspólną tylko jedną kolumnę. Podstaw do wzoru:
# ⌊(7 − 3)/2⌋ + 1 = 3. Niech sala odpowie: czy przy kroku 3 okna 3×3 jeszcze by się nakładały? (Nie,
# stykałyby się brzegami.) Krok większy niż 1 zmniejsza mapę podobnie jak *pooling*, który
# zastępuje każde okno mapy jedną liczbą, np. maksimum; użyjemy go na następnym slajdzie.

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Rozmiar mapy w Kerasie
#
# Sprawdzamy oba wzory na obrazie 28×28 i jądrze 3×3: `compute_output_shape` warstwy `Conv2D`.

# %% tags=["nbval-check-output"]
def output_size(n, k, stride, padding):
    """Rozmiar mapy: bez wypełnienia ⌊(n−k)/s⌋+1, z wypełnieniem ⌈n/s⌉."""
    return (n - k) // stride + 1 if padding == "valid" else -(-n // stride)


print(f"{'krok':>5}{'padding':>9}{'wzór':>7}{'Keras':>9}")
for stride in (1, 2):
    for padding in ("valid", "same"):
        keras_shape = layers.Conv2D(1, 3, strides=stride, padding=padding).compute_output_shape(
            (1, 28, 28, 1))
        print(f"{stride:>5}{padding:>9}{output_size(28, 3, stride, padding):>7}"
              f"{keras_shape[1]:>6}×{keras_shape[2]}")

# %% [markdown] slideshow={"slide_type": "notes"}
# Tabela potwierdza oba wzory: przy kroku 1 mapa ma 26×26 bez wypełnienia i 28×28 z wypełnieniem,
# przy kroku 2 odpowiednio 13×13 i 14×14. Zanim pokażesz trzeci wiersz, zapytaj salę, ile wyjdzie
# ze wzoru dla kroku 2 bez wypełnienia: ⌊(28 − 3)/2⌋ + 1 = 13. Podkreśl, że kolumny „wzór” i
# „Keras” zgadzają się w każdym wierszu, więc wzorów ze slajdów można śmiało używać przy
# projektowaniu sieci.

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Pole recepcyjne
#
# Pole recepcyjne elementu mapy to fragment wejścia, od którego ten element zależy. Każda
# warstwa 3×3 z krokiem 1 poszerza je o 2 piksele. *Max-pooling* 2×2 z krokiem 2 zastępuje
# każde okno 2×2 mapy jego największą wartością, więc zmniejsza mapę o połowę w każdym
# kierunku (szerzej niżej); poszerza pole o 1 piksel, ale podwaja przyrost w warstwach po nim.
# Mierzymy to w Kerasie: które piksele mają niezerowy gradient środkowego elementu mapy po
# kolejnych warstwach naszej sieci dla MNIST? (8 w `Conv2D(8, …)` to liczba filtrów: każdy
# daje jedną mapę, czyli jeden kanał wyjścia, a następny splot sumuje po wszystkich kanałach.)

# %% slideshow={"slide_type": "skip"}
def measured_receptive_field(stack, n_images=32):
    """Szerokość obszaru wejścia 28×28, od którego zależy środkowe pole ostatniej mapy stosu warstw.

    Gradient max-poolingu płynie tylko do maksimum okna, więc sumujemy go po wielu losowych
    obrazach: na każdym maksimum leży gdzie indziej i razem pokrywają całe pole."""
    net = keras.Sequential([keras.Input(shape=(28, 28, 1)), *stack])
    x = tf.random.uniform((n_images, 28, 28, 1))
    with tf.GradientTape() as tape:
        tape.watch(x)
        out = net(x)
        centers = tf.reduce_sum(out[:, out.shape[1] // 2, out.shape[2] // 2, 0])
    columns = np.flatnonzero(np.abs(tape.gradient(centers, x).numpy()).sum(axis=(0, 1, 3)))
    return columns.max() - columns.min() + 1


# %% tags=["nbval-check-output"]
keras.utils.set_random_seed(0)
stack = []
print(f"{'po warstwie':<24}{'pole recepcyjne':>16}")
for name, layer in [("Conv2D 3×3", layers.Conv2D(8, 3, activation="tanh")),
                    ("Conv2D 3×3", layers.Conv2D(8, 3, activation="tanh")),
                    ("MaxPooling2D 2×2", layers.MaxPooling2D(2)),
                    ("Conv2D 3×3 (ćwiczenie)", layers.Conv2D(8, 3, activation="tanh"))]:
    stack.append(layer)
    size = measured_receptive_field(stack)
    print(f"{name:<24}{f'{size}×{size}':>16}")

# %% [markdown] slideshow={"slide_type": "notes"}
# Aktywację tanh wybraliśmy tylko do pomiaru: przy losowych wagach ReLU mogłaby wyzerować
# część gradientu i pole wyszłoby pozornie mniejsze. Z tego samego powodu sumujemy gradient
# po 32 losowych obrazach: *max-pooling* przepuszcza gradient tylko do maksimum okna. Wzór:
# pole rośnie w każdej warstwie o $(k-1)\cdot J$, gdzie $J$ to iloczyn kroków wszystkich
# wcześniejszych warstw; po *poolingu* $J = 2$, więc kolejny splot 3×3 dokłada już 4 piksele.
# Dlatego głębokie sieci widzą cały obraz, choć każde jądro jest małe. Warto zapytać salę,
# ile warstw 3×3 z wypełnieniem i bez *poolingu* potrzeba, żeby objąć całą cyfrę 28×28
# (14: pole $1 + 2L$).

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Kanały: obraz kolorowy i wiele filtrów
#
# - Obraz RGB ma 3 **kanały** (czerwony, zielony, niebieski): wejście to $H \times W \times C_{\text{in}}$.
# - Jeden filtr to jądro $k \times k \times C_{\text{in}}$: sumuje iloczyny po oknie **i po
#   wszystkich kanałach** wejścia, więc daje jedną mapę cech.
# - Warstwa z $C_{\text{out}}$ filtrami daje $C_{\text{out}}$ map, czyli wyjście o $C_{\text{out}}$
#   kanałach; następna warstwa widzi je jako swoje $C_{\text{in}}$.

# %% slideshow={"slide_type": "skip"} tags=["remove-cell"]
def draw_stack(ax, x, y, size, depth, colors, label, step=0.35):
    """Rysuje stos map (kwadratów) o boku size, przesuniętych po skosie, z podpisem pod spodem."""
    for i in reversed(range(depth)):
        ax.add_patch(Rectangle((x + i * step, y + i * step), size, size, fc=colors[i % len(colors)],
                               ec="k", lw=0.8, alpha=0.9))
    ax.text(x + size / 2 + (depth - 1) * step / 2, y - 0.55, label, ha="center", va="top", fontsize=10)


def draw_channels(c_out=4):
    """Wejście RGB, c_out filtrów k×k×3 i c_out map cech na wyjściu."""
    fig, ax = new_diagram(7.5, 3.2, f"Conv2D({c_out}, 3×3) na obrazie RGB")
    draw_stack(ax, 0, 0.5, 3.0, 3, ["#f4a6a6", "#a6d8a6", "#a6bff4"], "wejście H×W×3\n(kanały R, G, B)")
    filter_colors = ["#fde0c5", "#e3d0f0", "#fff2b3", "#c9e8e8"]
    for j in range(c_out):
        draw_stack(ax, 5.0 + 1.35 * j, 1.6, 0.7, 3, [filter_colors[j]], "", step=0.2)
    filters_end = 5.0 + 1.35 * (c_out - 1) + 1.1
    ax.text((5.0 + filters_end) / 2, 1.3, f"{c_out} filtry, każdy 3×3×3", ha="center", va="top", fontsize=10)
    draw_stack(ax, filters_end + 1.2, 0.7, 2.6, c_out, filter_colors, f"wyjście H'×W'×{c_out}\n({c_out} mapy cech)")
    for x0, x1 in [(4.1, 4.8), (filters_end + 0.2, filters_end + 1.0)]:
        arrow(ax, (x0, 2.1), (x1, 2.1), lw=1.5, style="->")
    ax.set(xlim=(-0.3, filters_end + 5.0), ylim=(-1.1, 4.6))
    plt.show()


# %% jupyter={"source_hidden": true} mystnb={"image": {"alt": "Z lewej stos trzech kwadratów (czerwony, zielony, niebieski): wejście H na W na 3. W środku cztery małe stosy po trzy warstwy, każdy w innym kolorze: cztery filtry 3 na 3 na 3. Z prawej stos czterech kwadratów w kolorach filtrów: wyjście z czterema mapami cech, po jednej na filtr."}} tags=["remove-input"]
draw_channels()

# %% [markdown] slideshow={"slide_type": "notes"}
# Pokaż na rysunku, że każdy z 4 filtrów ma trzy warstwy, tyle, ile kanałów ma wejście, i daje jedną
# mapę cech. Filtr sumuje iloczyny także po kanałach, więc łączy informację ze wszystkich kolorów
# naraz. Zapytaj salę: ile kanałów wejścia zobaczy następna warstwa splotowa i jaką głębokość
# muszą mieć jej filtry? (Cztery, po jednym na filtr tej warstwy.)

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Liczba parametrów warstwy splotowej
#
# Każdy z $C_{\text{out}}$ filtrów ma $k \cdot k \cdot C_{\text{in}}$ wag i jeden wyraz wolny:
#
# $$\text{parametry} = (k \cdot k \cdot C_{\text{in}} + 1) \cdot C_{\text{out}}$$
#
# Liczba parametrów nie zależy od rozmiaru obrazu $H \times W$. Sprawdzamy wzór metodą `count_params()`.

# %% tags=["nbval-check-output"]
def conv_param_count(k, c_in, c_out):
    """Parametry Conv2D: C_out filtrów po k·k·C_in wag i jeden wyraz wolny."""
    return (k * k * c_in + 1) * c_out


print(f"{'warstwa':<30}{'wzór':>8}{'Keras':>8}")
for k, c_in, c_out, size in [(3, 3, 4, 32), (3, 3, 16, 224), (5, 3, 16, 32)]:
    layer = layers.Conv2D(c_out, k)
    layer.build((None, size, size, c_in))
    name = f"Conv2D({c_out}, {k}×{k}), {size}×{size}×{c_in}"
    print(f"{name:<30}{conv_param_count(k, c_in, c_out):>8}{layer.count_params():>8}")

# %% [markdown] slideshow={"slide_type": "notes"}
# Policz z salą pierwszy wiersz: 4 filtry po 3·3·3 wag i po jednym wyrazie wolnym to 112
# parametrów, tyle samo co w Kerasie. W drugim wierszu obraz ma 224×224 piksele, a 448 parametrów
# wynika tylko z jądra 3×3, 3 kanałów i 16 filtrów; rozmiar obrazu w ogóle się nie liczy. Zapytaj
# salę: ile parametrów ma warstwa z trzeciego wiersza, 16 filtrów 5×5 na obrazie RGB? Odpowiedź z
# tabeli to 1216; tę samą liczbę dostaniemy w ćwiczeniu 2.

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Ile parametrów oszczędzamy?
#
# Obraz 28×28: `Conv2D(32, 3×3)` daje 26·26·32 = 21632 wartości. Ile wag miałaby warstwa gęsta,
# która z 784 pikseli liczy tyle samo wartości? Dla porównania także `Dense(128)` i drugi splot
# naszej sieci. Liczymy ze wzoru i sprawdzamy metodą `count_params()`.

# %% slideshow={"slide_type": "skip"}
def built(layer, input_shape):
    """Buduje warstwę Keras dla wejścia o podanym kształcie i ją zwraca."""
    layer.build(input_shape)
    return layer


# %% tags=["nbval-check-output"]
param_rows = [  # (opis, liczba ze wzoru, warstwa Keras)
    ("Dense(21632), wejście 784", 784 * 21632 + 21632, built(layers.Dense(21632), (None, 784))),
    ("Dense(128), wejście 784", 784 * 128 + 128, built(layers.Dense(128), (None, 784))),
    ("Conv2D(32, 3×3), 1 kanał", conv_param_count(3, 1, 32), built(layers.Conv2D(32, 3), (None, 28, 28, 1))),
    ("Conv2D(64, 3×3), 32 kanały", conv_param_count(3, 32, 64), built(layers.Conv2D(64, 3), (None, 26, 26, 32))),
]
print(f"{'warstwa':<28}{'wzór':>10}{'Keras':>10}")
for name, by_formula, layer in param_rows:
    print(f"{name:<28}{by_formula:>10}{layer.count_params():>10}")
print(f"równa liczba wyjść: gęsta ma {param_rows[0][1] // param_rows[2][1]} razy więcej parametrów")

# %% slideshow={"slide_type": "skip"} tags=["remove-cell"]
# sprawdzenie: liczby parametrów ze wzoru i z Kerasa są równe
assert all(by_formula == layer.count_params() for _, by_formula, layer in param_rows)
dense_params, conv_params = param_rows[0][1], param_rows[2][1]

# %% [markdown] slideshow={"slide_type": "fragment"}
# Przy tej samej liczbie wyjść warstwa gęsta ma 53066 razy więcej parametrów niż splot
# z 32 filtrami 3×3 (16981120 wobec 320), a jej liczba wag rośnie z rozmiarem obrazu;
# liczba wag warstwy splotowej od rozmiaru obrazu nie zależy.

# %% [markdown] slideshow={"slide_type": "notes"}
# Porównujemy warstwy o tej samej liczbie wyjść: gęsta, która z 784 pikseli liczy 21632 wartości,
# ma 16981120 parametrów, splot z 32 filtrami 3×3 tylko 320. Różnica bierze się z dwóch źródeł:
# każde wyjście splotu patrzy tylko na okno 3×3, a wszystkie pola mapy dzielą te same wagi.
# Nawet `Dense(128)`, która daje 169 razy mniej wartości niż splot, ma 100480 parametrów. Zapytaj
# salę: co stanie się z liczbami, gdy obraz będzie dwa razy większy w każdym kierunku? (Warstwom
# gęstym przybędzie wag razem z pikselami, splotowi nie przybędzie ani jedna.)

# %% [markdown] slideshow={"slide_type": "slide"} tags=["optional"]
# ## Czego uczą się filtry
#
# Różne neurony (filtry) uczą się wykrywać różne wzorce: krawędzie pionowe, poziome i ukośne,
# przecinające się linie, plamy koloru. Zanim zobaczymy filtry wyuczone, przyłóżmy do cyfry
# z MNIST dwa filtry zrobione ręcznie: jądra Sobela.

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
# Jądro Sobela dla krawędzi pionowych odejmuje lewą kolumnę okna od prawej, z większą wagą
# w środkowym wierszu; jego transpozycja wykrywa krawędzie poziome.

# %% slideshow={"slide_type": "skip"}
sobel_vertical = np.array([[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]])
sobel_horizontal = sobel_vertical.T
digit = x_train_raw[0] / 255
edges_vertical = correlate2d(digit, sobel_vertical, mode="valid")
edges_horizontal = correlate2d(digit, sobel_horizontal, mode="valid")

# %% jupyter={"source_hidden": true} mystnb={"image": {"alt": "Cyfra 5 z MNIST i jej dwie mapy krawędzi po filtrach Sobela: filtr pionowy świeci na pionowych fragmentach kreski, filtr poziomy na górnej belce i brzuszku piątki; kolor czerwony i niebieski to przejścia w przeciwnych kierunkach."}} tags=["remove-input"]
fig, axes = plt.subplots(1, 3, figsize=(6.5, 2.4))
panels = [(digit, "cyfra", "gray_r"), (edges_vertical, "krawędzie pionowe", "bwr"),
          (edges_horizontal, "krawędzie poziome", "bwr")]
for ax, (image, title, cmap) in zip(axes, panels):
    limit = np.abs(image).max()
    ax.imshow(image, cmap=cmap, vmin=-limit if cmap == "bwr" else 0, vmax=limit)
    ax.set(xticks=[], yticks=[], title=title)
plt.show()

# %% [markdown] slideshow={"slide_type": "notes"}
# Pokaż środkowy panel: filtr pionowy reaguje na pionowe fragmenty kreski piątki, a na prawym
# panelu filtr poziomy reaguje na górną belkę i brzuszek. Czerwień i błękit to przejścia w
# przeciwnych kierunkach, czyli dwie strony tej samej kreski. Zatrzymaj się na pytaniu: dlaczego tam, gdzie
# obraz się nie zmienia, odpowiedź jest zerowa? (Wagi jądra Sobela sumują się do zera.) Podkreśl,
# że te jądra zaprojektowano ręcznie; za chwilę zobaczymy, czego sieć nauczy się sama.

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Filtry wyuczone przez sieć
#
# - [Krizhevsky, Sutskever i Hinton (2012)](https://papers.nips.cc/paper/4824-imagenet-classification-with-deep-convolutional-neural-networks) pokazali 96 filtrów 11×11×3 z pierwszej warstwy
#   swojej sieci uczonej na ImageNet: powstały same detektory krawędzi o różnych kierunkach
#   i grubościach, wzory prążkowane i plamy koloru — nikt ich nie projektował, wzięły się z danych.
# - Filtry 3×3 naszej małej sieci dla MNIST zobaczymy po jej wytrenowaniu (część „MNIST w Kerasie”).

# %% [markdown] slideshow={"slide_type": "fragment"}
# ### Hierarchia cech
#
# [Zeiler i Fergus (2014)](https://doi.org/10.1007/978-3-319-10590-1_53) pokazali, na co
# reagują kolejne warstwy sieci podobnej do sieci Krizhevsky'ego i in.: pierwsze — na krawędzie i plamy koloru,
# drugie — na narożniki i połączenia krawędzi, trzecie — na tekstury i powtarzalne wzory,
# czwarte — na części obiektów (psie pyski, ptasie nogi), piąte — na całe obiekty. Każda
# warstwa składa swoje cechy z cech warstwy poprzedniej.

# %% [markdown] slideshow={"slide_type": "notes"}
# Rysunku z pracy tu nie pokazujemy, więc opisz go słowami: 96 filtrów 11×11×3 z pierwszej
# warstwy sieci uczonej na ImageNet wygląda jak detektory krawędzi, wzory prążkowane i plamy
# koloru, choć nikt ich nie projektował. Przy fragmencie o hierarchii cech podkreśl zasadę: każda
# warstwa składa swoje cechy z cech warstwy poprzedniej i widzi większy fragment obrazu. Zapytaj
# salę: z jakich prostszych cech mogłaby się składać cecha „psi pysk” w czwartej warstwie?

# %% [markdown] slideshow={"slide_type": "slide"}
# ## *Pooling*
#
# - Sploty z wypełnieniem nie zmniejszają map, a filtrów przybywa: warstwa gęsta na końcu
#   miałaby miliony wag.
# - Warstwa łącząca (*pooling*) zastępuje każde okno 2×2 (krok 2) jedną liczbą: 4 razy mniej
#   pól, tyle samo map i żadnych wag. To zmniejszenie rozdzielczości (*downsampling*).
# - *Max-pooling* bierze maksimum okna: „czy gdzieś tu jest moja cecha?”. Średnia
#   (*average pooling*) rozmyłaby silną odpowiedź słabymi sąsiadami.

# %% [markdown] slideshow={"slide_type": "skip"}
# Przykładowa mapa cech 4×4 z liczbami całkowitymi, na której pokażemy *max-pooling* 2×2:

# %% slideshow={"slide_type": "skip"}
pool_input = np.array([[1, 3, 2, 1],
                       [4, 6, 5, 0],
                       [3, 1, 1, 2],
                       [7, 2, 8, 4]])


# %% slideshow={"slide_type": "skip"} tags=["remove-cell"]
def draw_max_pooling(values):
    """Schemat max-poolingu 2×2 z krokiem 2: siatka liczb i wynik z maksimami."""
    colors = ["#dbe9f6", "#fde0c5", "#c9e8c9", "#f6d6e8"]
    n = values.shape[0]
    fig, ax = new_diagram(5, 2.6, "max-pooling 2×2, krok 2")
    for r in range(n):
        for c in range(n):
            block = values[r - r % 2:r - r % 2 + 2, c - c % 2:c - c % 2 + 2]
            color = colors[2 * (r // 2) + c // 2]
            ax.add_patch(Rectangle((c, n - 1 - r), 1, 1, fc=color, ec="gray"))
            weight = "bold" if values[r, c] == block.max() else "normal"
            ax.text(c + 0.5, n - 0.5 - r, values[r, c], ha="center", va="center", fontsize=12, weight=weight)
    for r in range(n // 2):
        for c in range(n // 2):
            ax.add_patch(Rectangle((n + 2 + c, 2 - r), 1, 1, fc=colors[2 * r + c], ec="gray"))
            ax.text(n + 2.5 + c, 2.5 - r, values[2 * r:2 * r + 2, 2 * c:2 * c + 2].max(),
                    ha="center", va="center", fontsize=12, weight="bold")
    arrow(ax, (n + 0.2, 2), (n + 1.8, 2), lw=2, style="->")
    ax.set(xlim=(-0.1, n + 4.1), ylim=(-0.1, n + 0.1))
    plt.show()


# %% jupyter={"source_hidden": true} mystnb={"image": {"alt": "Max-pooling na przykładzie: mapa 4 na 4 podzielona na cztery kolorowe bloki 2 na 2; z bloków zostają ich maksima 6, 5, 7 i 8, które tworzą mapę 2 na 2."}} tags=["remove-input", "side-by-side"]
draw_max_pooling(pool_input)

# %% [markdown] slideshow={"slide_type": "notes"}
# Zacznij od kosztu: po kilku splotach z wypełnieniem zdjęcie 224×224 zamienia się w dziesiątki
# map tej samej wielkości, a każdy kolejny splot liczy się na mapach pełnej wielkości. Na rysunku
# z czterech bloków 2×2 zostają ich maksima 6, 5, 7 i 8: mapa 4×4 zamienia się w 2×2,
# a liczba map się nie zmienia. Podkreśl, że *pooling* nie ma żadnych wag do nauczenia. Zapytaj
# salę: co zostałoby z lewego dolnego bloku przy *average poolingu*? (Średnia wyraźnie mniejsza
# od 7: silną odpowiedź rozmyliby słabsi sąsiedzi.)

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### *Max-pooling* ręcznie i w Kerasie
#
# W NumPy wystarczy podzielić mapę na bloki 2×2 (`reshape`) i wziąć maksimum w każdym bloku;
# porównujemy z warstwą `MaxPooling2D`.

# %% tags=["nbval-check-output"]
pooled_by_hand = pool_input.reshape(2, 2, 2, 2).max(axis=(1, 3))
pooled = layers.MaxPooling2D((2, 2))(pool_input.reshape(1, 4, 4, 1).astype("float32"))
pooled_by_keras = pooled.numpy().reshape(2, 2).astype(int)
print("ręcznie:", pooled_by_hand.tolist(), " Keras:", pooled_by_keras.tolist())
print("zgodne:", np.array_equal(pooled_by_hand, pooled_by_keras))

# %% [markdown] slideshow={"slide_type": "notes"}
# Wynik [[6, 5], [7, 8]] jest taki sam ręcznie i w Kerasie, a to te same maksima co na poprzednim
# rysunku. Pokaż sztuczkę z `reshape(2, 2, 2, 2)`: osie 1 i 3 wskazują położenie wewnątrz bloku,
# więc maksimum po nich to maksimum bloku. Do dyskusji: jak zmienić ten kod, żeby liczył
# *average pooling*? (W NumPy zamienić `.max(axis=(1, 3))` na `.mean(axis=(1, 3))`, w Kerasie
# `MaxPooling2D` na `AveragePooling2D` i usunąć `.astype(int)`, bo średnie nie są całkowite.)

# %% slideshow={"slide_type": "skip"} tags=["remove-cell"]
# sprawdzenie: max-pooling ręcznie i w Kerasie daje to samo
assert np.array_equal(pooled_by_hand, pooled_by_keras)
assert pooled_by_hand.tolist() == [[6, 5], [7, 8]]

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Przybliżone położenie wystarczy
#
# Po *max-poolingu* 2×2 mapa krawędzi piątki ma cztery razy mniej wartości, a kształt cyfry
# wciąż widać.

# %% slideshow={"slide_type": "skip"}
edge_strength = np.abs(edges_horizontal)  # 26×26
edges_pooled = edge_strength.reshape(13, 2, 13, 2).max(axis=(1, 3))  # 13×13

# %% jupyter={"source_hidden": true} mystnb={"image": {"alt": "Mapa siły krawędzi poziomych piątki, 26 na 26, obok tej samej mapy po max-poolingu 2 na 2, 13 na 13: obraz jest mniej szczegółowy, ale belka i brzuszek piątki są nadal wyraźne."}} tags=["remove-input"]
fig, axes = plt.subplots(1, 2, figsize=(4.8, 2.6))
for ax, image in zip(axes, [edge_strength, edges_pooled]):
    ax.imshow(image, cmap="gray_r")
    ax.set(xticks=[], yticks=[], title=f"{image.shape[0]}×{image.shape[1]} = {image.size} wartości")
plt.show()

# %% [markdown] slideshow={"slide_type": "notes"}
# Pokaż tytuły obu paneli: 676 wartości przed *max-poolingiem* i 169 po nim, a belka i brzuszek
# piątki są nadal wyraźne. Do rozpoznania cyfry wystarczy wiedzieć, że krawędź jest mniej więcej
# w tym miejscu, a nie co do piksela. Sprawdź, czy sala wie: ile takich kroków można zrobić, zanim kształt
# piątki przestanie być czytelny?

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Po co *pooling* w sieci splotowej
#
# - Po *max-poolingu* przesunięcie krawędzi o piksel często nie zmienia wyniku, o ile jej maksimum
#   zostaje w tym samym oknie 2×2: sieć traci dokładne położenie cechy, a zachowuje informację, że
#   cecha jest mniej więcej tutaj. Do rozpoznania cyfry to wystarcza; do zadań, w których liczy
#   się położenie co do piksela (np. obrysowanie obiektu), trzeba tę informację odzyskiwać
#   inaczej.
# - Zwykle układa się kilka bloków splot → *pooling*: każdy blok zmniejsza mapy, a kolejne
#   sploty, działając na mniejszych mapach, obejmują coraz większe fragmenty obrazu (pole
#   recepcyjne rośnie szybciej).
# - Między splotami stoi nieliniowość, najczęściej ReLU, $\max(0, x)$. Bez niej dwa sploty
#   z rzędu to jeden splot większym jądrem: głębokość nic by nie dawała. Ile odporności na
#   przesunięcie daje to w praktyce, zmierzymy na MNIST.

# %% [markdown] slideshow={"slide_type": "notes"}
# Na tym slajdzie są trzy myśli: *max-pooling* daje pewną, przybliżoną odporność na przesunięcia o
# piksel, bloki splot → *pooling* szybciej powiększają pole recepcyjne, a nieliniowość między
# splotami jest niezbędna. Daj chwilę na odpowiedź: dlaczego dwa sploty bez nieliniowości to jeden splot?
# (Złożenie dwóch operacji liniowych jest liniowe: dwa jądra 3×3 dają razem jedno jądro 5×5.)
# Zapowiedz, że odporność na przesunięcie zmierzymy pod koniec i okaże się mniejsza, niż
# podpowiada intuicja.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["optional"]
# ## Co potrafią sieci splotowe
#
# - Film o sieciach splotowych: <https://www.youtube.com/watch?v=FmpDIaiMIeA>
# - Krizhevsky, Sutskever i Hinton (2012), sieć później nazwana AlexNet: konkurs ImageNet
#   ILSVRC-2012, 1,2 mln obrazów uczących w 1000 klasach. Błąd *top-5* (odsetek obrazów,
#   których prawdziwej klasy nie ma wśród 5 odpowiedzi uznanych przez sieć za najbardziej
#   prawdopodobne): 15,3% wobec 26,2% drugiego zespołu, który używał cech projektowanych ręcznie.
# - Sieć: 5 warstw splotowych (część z *max-poolingiem*) i 3 w pełni połączone, ok. 60 mln
#   parametrów, ReLU, *dropout*; uczona 5–6 dni na dwóch kartach GPU.
# - Od tego wyniku sieci splotowe zdominowały rozpoznawanie obrazów.

# %% [markdown] slideshow={"slide_type": "notes"}
# Przy liczbach z konkursu podkreśl skalę skoku: błąd 15,3% wobec 26,2% drugiego zespołu, który
# korzystał z cech projektowanych ręcznie. Sieć miała ok. 60 mln parametrów i uczyła się 5–6 dni
# na dwóch kartach GPU. Pytanie do sali: które elementy z tej listy (ReLU, *dropout*, *max-pooling*)
# zobaczymy za chwilę w naszej sieci dla MNIST? (Wszystkie trzy.)

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Od LeNet do ResNet: coraz głębiej
#
# - **LeNet-5** ([LeCun i in., 1998](https://doi.org/10.1109/5.726791)): 7 warstw (bez wejścia),
#   sploty 5×5 na przemian ze zmniejszeniem rozdzielczości; rozpoznawanie pisma ręcznego.
# - **AlexNet** (2012, poprzedni slajd): 5 warstw splotowych i 3 gęste, ReLU, *dropout*, karty GPU.
# - **VGG** ([Simonyan i Zisserman, ICLR 2015](https://arxiv.org/abs/1409.1556)): 16–19 warstw
#   z wagami, same sploty 3×3; dwa sploty 3×3 widzą tyle co jeden 5×5, a mają mniej wag.
# - **ResNet** ([He i in., CVPR 2016](https://doi.org/10.1109/CVPR.2016.90)): połączenie
#   rezydualne (*residual connection*): blok liczy $F(x)$, a na wyjście daje $F(x) + x$.
#   Sieci ResNet (najgłębsza dla ImageNet: 152 warstwy) wygrały konkurs ILSVRC 2015.

# %% [markdown] slideshow={"slide_type": "notes"}
# Zwykła sieć po dołożeniu warstw może mieć większy błąd nawet na zbiorze uczącym: w pracy o
# ResNet sieć 56-warstwowa bez połączeń rezydualnych uczyła się gorzej niż 20-warstwowa (CIFAR-10).
# Blok rezydualny łatwo nauczy się „nic nie zmieniać” (wystarczy $F(x) = 0$), a gradient płynie
# przez dodawanie bez zmian do wcześniejszych warstw. Zapytaj studentów: ile parametrów mają dwa sploty
# 3×3 o $C$ kanałach wobec jednego splotu 5×5? ($2 \cdot 9C^2 = 18C^2$ wobec $25C^2$, bez
# wyrazów wolnych.)

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Normalizacja wsadowa
#
# - Warstwa `BatchNormalization` (*batch normalization*) w uczeniu odejmuje od każdego kanału
#   średnią z bieżącego wsadu (*batch*, porcji obrazów liczonych w jednym kroku; po obrazach
#   i polach mapy), dzieli przez odchylenie standardowe, a potem mnoży i przesuwa o dwa wyuczone
#   parametry. Przy przewidywaniu używa średniej i wariancji kroczących zebranych w uczeniu.
# - Zwykle stoi między splotem a nieliniowością. [Ioffe i Szegedy (ICML 2015)](https://arxiv.org/abs/1502.03167)
#   uczyli z nią z kilkakrotnie większym współczynnikiem uczenia (*learning rate*) i bez
#   *dropoutu* (wśród kilku zmian przepisu), a ich sieć Inception dla ImageNet osiągnęła tę samą dokładność w 14 razy
#   mniejszej liczbie kroków.
# - Nasza mała sieć dla MNIST jej nie ma; tu jej wpływu nie mierzymy.

# %% [markdown] slideshow={"slide_type": "notes"}
# Ważna różnica między uczeniem a przewidywaniem: w uczeniu statystyki pochodzą z wsadu, więc
# wynik jednego obrazu zależy od pozostałych obrazów wsadu; przy przewidywaniu warstwa używa
# średnich kroczących i obraz jest liczony sam. Niech sala odpowie: dlaczego przy przewidywaniu nie
# liczymy statystyk z wsadu? (Odpowiedź dla obrazu zależałaby od tego, z jakimi obrazami trafił
# do wsadu.) VGG (arXiv 2014) powstała przed normalizacją wsadową; ResNet stosuje ją zaraz po
# każdym splocie.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["optional"]
# ## Przykład: MNIST w Kerasie
#
# Na podstawie przykładu `mnist_cnn.py` z repozytorium Keras: cyfry 28×28 pikseli w skali
# szarości, 10 klas. Zbiór przygotowali [LeCun i in. (1998)](https://doi.org/10.1109/5.726791),
# autorzy splotowej sieci LeNet-5. Dane wczytaliśmy już funkcją `load_mnist`; są podzielone
# na zbiór uczący i testowy.

# %% tags=["nbval-check-output"]
print(f"zbiór uczący: obrazy {x_train_raw.shape}, etykiety {y_train_raw.shape}")
print(f"zbiór testowy: obrazy {x_test_raw.shape}, etykiety {y_test_raw.shape}")

# %% [markdown] slideshow={"slide_type": "notes"}
# Wydruk pokazuje 60000 obrazów uczących i 10000 testowych, każdy 28×28 pikseli, i tyle samo
# etykiet. Zapytaj salę: ile wejść miałaby sieć gęsta, która dostaje cały obraz jako wektor?
# (784, tyle co w porównaniu liczby parametrów.) Wspomnij, że zbiór przygotowali autorzy
# splotowej sieci LeNet-5, więc sieci splotowe i ten zbiór mają wspólną historię.

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Pierwsze cyfry zbioru uczącego
#
# Nad każdym obrazem jego etykieta.

# %% jupyter={"source_hidden": true} mystnb={"image": {"alt": "Pierwsze siedem cyfr zbioru uczącego MNIST z etykietami: 5, 0, 4, 1, 9, 2, 1."}} tags=["remove-input"]
fig, axes = plt.subplots(1, 7, figsize=(7, 1.5))
for ax, image, label in zip(axes, x_train_raw, y_train_raw):
    ax.imshow(image, cmap="gray_r")
    ax.set(xticks=[], yticks=[], title=str(label))
plt.show()

# %% [markdown] slideshow={"slide_type": "notes"}
# Pierwsze siedem etykiet to 5, 0, 4, 1, 9, 2, 1; pierwsza piątka to ta sama cyfra, do której
# przykładaliśmy jądra Sobela. Zwróć uwagę, że cyfry leżą mniej więcej na środku obrazka, z
# pustym marginesem wokół; wrócimy do tego przy cyfrach przesuniętych. Zatrzymaj się na pytaniu: która z tych
# siedmiu cyfr mogłaby zmylić także człowieka?

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Zbiór walidacyjny wydzielamy z danych uczących
#
# - Zbiór **walidacyjny** to ostatnie 6000 obrazów zbioru uczącego, których sieć nie widzi
#   w uczeniu. Na nim śledzimy uczenie i na nim podejmujemy decyzje (liczba epok,
#   optymalizator, współczynnik uczenia).
# - Zbioru **testowego** nie używamy do żadnego wyboru: oceniamy na nim gotowe modele, na
#   końcu. Gdybyśmy wybierali przepis, patrząc na wynik testowy, ten wynik przestałby być
#   uczciwą oceną: przepis zostałby dobrany pod test.

# %% [markdown] slideshow={"slide_type": "notes"}
# Obrazy dostają oś kanału, (28, 28, 1), bo tego oczekuje `Conv2D`, a piksele skalujemy
# do [0, 1]; etykiety zamieniamy na wektory *one-hot* długości 10. W trybie szybkim bierzemy
# 3000 obrazów uczących (w tym 300 walidacyjnych) i 1000 testowych. Zbiór testowy MNIST
# pochodzi od innych autorów pisma niż uczący, więc dobrze sprawdza uogólnianie.

# %% slideshow={"slide_type": "skip"}
def prepare_images(images):
    """Dodaje oś kanału i skaluje piksele do przedziału [0, 1]."""
    return (images.astype("float32") / 255)[..., np.newaxis]


# %%
n_train, n_test = (3000, 1000) if FAST else (60000, 10000)
n_val = n_train // 10
x_all, y_all = prepare_images(x_train_raw[:n_train]), keras.utils.to_categorical(y_train_raw[:n_train], 10)
x_train, y_train, x_val, y_val = x_all[:-n_val], y_all[:-n_val], x_all[-n_val:], y_all[-n_val:]
x_test = prepare_images(x_test_raw[:n_test])
y_test = keras.utils.to_categorical(y_test_raw[:n_test], 10)
print(f"uczący: {len(x_train)}, walidacyjny: {len(x_val)}, testowy: {len(x_test)}; obrazy {x_train.shape[1:]}")
print(f"etykieta {y_train_raw[0]} jako one-hot: {y_train[0].astype(int)}")

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Model
#
# Te same warstwy co w przykładzie Keras: dwa sploty 3×3 z ReLU, *max-pooling* 2×2, *dropout*,
# warstwa gęsta i softmax na 10 klas. *Dropout* w czasie uczenia losowo zeruje część wartości
# (tu 25% i 50%), więc sieć nie może polegać na pojedynczych neuronach; to utrudnia przeuczenie.

# %%
def mnist_cnn():
    """Sieć z przykładu mnist_cnn.py; wagi początkowe zależą od ziarna ustawionego wcześniej."""
    return keras.Sequential([
        keras.Input(shape=(28, 28, 1)),
        layers.Conv2D(32, (3, 3), activation="relu"),
        layers.Conv2D(64, (3, 3), activation="relu"),
        layers.MaxPooling2D((2, 2)), layers.Dropout(0.25),
        layers.Flatten(),
        layers.Dense(128, activation="relu"), layers.Dropout(0.5),
        layers.Dense(10, activation="softmax"),
    ])

# %% [markdown] slideshow={"slide_type": "notes"}
# Przy przewidywaniu *dropout* jest wyłączony; żeby skala wartości się zgadzała, Keras już
# w uczeniu mnoży zachowane wartości przez $1/(1-p)$. Tabela warstw (niżej, poza slajdami) pokazuje kształty map
# cech i liczby parametrów: prawie wszystkie należą do pierwszej warstwy gęstej.

# %% slideshow={"slide_type": "skip"}
summary_model = mnist_cnn()
print(f"{'warstwa':<16}{'kształt wyjścia':>18}{'parametry':>11}")
for layer in summary_model.layers:
    print(f"{type(layer).__name__:<16}{str(tuple(layer.output.shape[1:])):>18}{layer.count_params():>11}")
print(f"{'razem':<16}{'':>18}{summary_model.count_params():>11}")

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Nasza sieć warstwa po warstwie
#
# Kształty wyjść odczytujemy z modelu Keras. Dwa sploty bez wypełnienia obcinają po 2 piksele,
# *max-pooling* zmniejsza mapy o połowę w każdym kierunku, `Flatten` rozwija je w wektor.

# %% slideshow={"slide_type": "skip"} tags=["remove-cell"]
def describe_layer(layer):
    """Krótki podpis warstwy: typ i najważniejszy parametr."""
    kind = type(layer).__name__
    if isinstance(layer, layers.Conv2D):
        return f"{kind}\n{layer.filters} × {layer.kernel_size[0]}×{layer.kernel_size[1]}"
    if isinstance(layer, layers.MaxPooling2D):
        return f"{kind}\n{layer.pool_size[0]}×{layer.pool_size[1]}"
    if isinstance(layer, layers.Dense):
        return f"{kind}\n{layer.units}"
    return kind


def draw_network(net, title):
    """Schemat sieci: mapy cech jako stosy kwadratów, wektory jako słupki, z kształtami wyjść."""
    shown = [layer for layer in net.layers if not isinstance(layer, layers.Dropout)]
    fig, ax = new_diagram(7.5, 2.9, title)
    x = 0.0
    shapes = [("wejście", tuple(net.inputs[0].shape[1:]))] + [
        (describe_layer(layer), tuple(layer.output.shape[1:])) for layer in shown]
    for i, (label, shape) in enumerate(shapes):
        if len(shape) == 3:
            side = 0.4 + 2.0 * shape[0] / 28
            depth = max(1, min(8, shape[2] // 8))
            draw_stack(ax, x, 1.6 - side / 2, side, depth, ["#dbe9f6"], "×".join(map(str, shape)), step=0.12)
            width = side + 0.12 * (depth - 1)
        else:
            height = 0.4 + 0.25 * np.log2(shape[0])
            ax.add_patch(Rectangle((x, 1.6 - height / 2), 0.25, height, fc="#c9e8c9", ec="k"))
            ax.text(x + 0.12, 1.6 - height / 2 - 0.55, str(shape[0]), ha="center", va="top", fontsize=10)
            width = 0.25
        ax.text(x + width / 2, 3.6, label, ha="center", va="bottom", fontsize=8)
        if i < len(shapes) - 1:
            arrow(ax, (x + width + 0.15, 1.6), (x + width + 0.9, 1.6), style="->")
        x += width + 1.05
    ax.set(xlim=(-0.3, x - 0.7), ylim=(-0.5, 4.4))
    plt.show()


# %% jupyter={"source_hidden": true} mystnb={"image": {"alt": "Schemat sieci dla MNIST od lewej do prawej: wejście 28×28×1, po pierwszym splocie 32 filtrów 3×3 mapy 26×26×32, po drugim splocie 64 filtrów 24×24×64, po max-poolingu 2×2 mapy 12×12×64, po spłaszczeniu wektor 9216, warstwa gęsta 128 i wyjście 10. Mapy cech narysowane jako stosy kwadratów malejących z warstwy na warstwę, wektory jako słupki."}} tags=["remove-input"]
draw_network(mnist_cnn(), "Sieć dla MNIST: kształty wyjść warstw (dropout pominięty)")

# %% [markdown] slideshow={"slide_type": "notes"}
# Przejdź po schemacie od lewej: wejście 28×28×1, po dwóch splotach 26×26×32 i 24×24×64, po
# *max-poolingu* 12×12×64, a po spłaszczeniu wektor 9216 liczb. Do dyskusji: gdzie w tej sieci
# jest najwięcej parametrów? Odpowiedź: w warstwie gęstej ze 128 neuronami, do której trafia tych
# 9216 wartości; ma ona 1179776 z 1199882 parametrów całej sieci. Do tej liczby wrócimy w
# ćwiczeniu 1.

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Dwa przepisy na uczenie
#
# - **Przykład Keras:** Adadelta ze stałym współczynnikiem uczenia 1,0,
#   domyślnym w dawnym Kerasie (w Kerasie 3 domyślny jest 0,001), wsad 128 obrazów.
# - **Nasz:** Adam, wsad 128; przez pierwsze 10% z 3 epok współczynnik rośnie liniowo od 0
#   do 0,003, potem maleje kosinusowo do 0. Uczenie kończy się wcześniej, gdy dokładność
#   walidacyjna osiągnie 0,991. Szczyt, długość i wsad dobraliśmy w kilku próbach, patrząc
#   tylko na zbiór walidacyjny.
# - Wspólne: warstwy, wagi początkowe, dane. Zmieniamy naraz optymalizator i harmonogram
#   współczynnika, więc porównanie nie rozstrzyga, która z tych zmian daje zysk.

# %% [markdown] slideshow={"slide_type": "notes"}
# Przykład Keras przekazywał do `fit` zbiór testowy jako `validation_data`: po każdej epoce
# drukował wynik testowy. Gdyby na tej podstawie wybierać liczbę epok albo przepis, wynik testowy
# przestałby być niezależną oceną, bo wybralibyśmy to, co akurat wypadło dobrze na teście.
# Podany w nim wynik, 99,25% po 12 epokach, pochodzi z takiego uczenia. My walidujemy na
# ostatnich 6000 obrazach zbioru uczącego. Sprawdź, czy sala wie: po co to samo ziarno w obu przepisach?
# (Żeby różnica nie brała się z innych wag początkowych.)

# %% [markdown] slideshow={"slide_type": "skip"}
# Narzędzia do uczenia: strumień wsadów `tf.data` (przemieszany w każdej epoce, przygotowywany
# w tle, gdy procesor liczy poprzedni wsad), harmonogram współczynnika uczenia i wywołanie
# zwrotne (*callback*) `ValidationClock`: obiekt, który Keras wywołuje po każdym odcinku
# uczenia. Odcinek to pół epoki; po nim zegar zapisuje czas od startu i dokładność
# walidacyjną, a uczenie przerywa po wyczerpaniu budżetu czasu albo po przekroczeniu progu.

# %% slideshow={"slide_type": "skip"}
SEGMENTS_PER_EPOCH = 2  # dokładność walidacyjną sprawdzamy co pół epoki
PEAK_RATE = 0.003  # szczyt współczynnika uczenia w naszym przepisie


def batches(x, y, batch_size):
    """Strumień wsadów tf.data: numery obrazów przemieszane w każdej epoce, powtarzany bez końca."""
    x, y = tf.constant(x), tf.constant(y)
    order = tf.data.Dataset.range(len(x)).shuffle(len(x), seed=42).batch(batch_size).repeat()
    options = tf.data.Options()
    options.autotune.enabled = False  # z autotune koniec uczenia opóźniał się o 5-60 s
    return order.map(lambda i: (tf.gather(x, i), tf.gather(y, i))).prefetch(2).with_options(options)


def one_cycle(peak, total_steps, warmup=0.1):
    """Współczynnik uczenia: liniowo od 0 do peak przez część warmup kroków, potem kosinusowo do 0."""
    warm = int(warmup * total_steps)
    return keras.optimizers.schedules.CosineDecay(0.0, total_steps - warm, warmup_target=peak,
                                                  warmup_steps=warm)


def segment_steps(batch_size):
    """Liczba kroków (wsadów) w jednym odcinku uczenia."""
    return int(np.ceil(len(x_train) / batch_size / SEGMENTS_PER_EPOCH))


class ValidationClock(keras.callbacks.Callback):
    """Po każdym odcinku zapisuje (sekundy od startu, dokładność walidacyjną); przerywa uczenie
    po budżecie czasu albo po osiągnięciu progu stop_at."""

    def __init__(self, budget=None, stop_at=None):
        super().__init__()
        self.budget, self.stop_at, self.log = budget, stop_at, []

    def on_train_begin(self, logs=None):
        self.start = time.perf_counter()

    def on_epoch_end(self, epoch, logs=None):
        self.log.append((time.perf_counter() - self.start, logs["val_accuracy"]))
        if self.budget is not None and self.log[-1][0] >= self.budget:
            self.model.stop_training = True
        if self.stop_at is not None and self.seconds_to(self.stop_at) is not None:
            self.model.stop_training = True

    def seconds_to(self, target):
        """Sekundy do pierwszego odcinka z dokładnością >= target; None, gdy nie osiągnięto."""
        # metryka jest typu float32: 0,9910 w float32 jest odrobinę mniejsze od 0,991
        return next((seconds for seconds, accuracy in self.log if accuracy >= target - 1e-6), None)

    def nearest(self, seconds):
        """(sekundy, dokładność) z pomiaru najbliższego podanej chwili."""
        return min(self.log, key=lambda entry: abs(entry[0] - seconds))


def train(net, optimizer, batch_size, epochs, clock=None):
    """Uczy sieć przez epochs epok (albo do budżetu zegara); z zegarem waliduje co odcinek."""
    net.compile(loss="categorical_crossentropy", optimizer=optimizer, metrics=["accuracy"])
    validation = {"validation_data": (x_val, y_val), "validation_batch_size": 1000} if clock else {}
    history = net.fit(batches(x_train, y_train, batch_size), steps_per_epoch=segment_steps(batch_size),
                      epochs=int(epochs * SEGMENTS_PER_EPOCH), shuffle=False, verbose=0,
                      callbacks=[clock] if clock else [], **validation)
    return net, history.history

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Ile trwa epoka, a ile mogłaby trwać?
#
# Dolna granica: działania zmiennoprzecinkowe na epokę podzielone przez szybkość, jaką ten
# komputer osiąga w dużym mnożeniu macierzy float32. Splot i warstwa gęsta to mnożenia
# z dodawaniem: 2 działania na wagę i pole mapy w przód, ok. 2 razy tyle wstecz (gradient
# względem wejścia i względem wag).

# %% slideshow={"slide_type": "skip"}
def forward_flops(net):
    """Działania (mnożenia i dodawania) splotów i warstw gęstych w przejściu w przód jednego obrazu."""
    total = 0
    for layer in net.layers:
        if isinstance(layer, (layers.Conv2D, layers.Dense)):
            total += 2 * int(np.prod(layer.output.shape[1:])) * int(np.prod(layer.kernel.shape[:-1]))
    return total


# %%
a = tf.random.uniform((2048, 2048))
tf.matmul(a, a).numpy()  # rozgrzewka
start = time.perf_counter()
_ = [tf.matmul(a, a).numpy() for _ in range(10)]
matmul_flops = 10 * 2 * 2048**3 / (time.perf_counter() - start)
image_flops = forward_flops(mnist_cnn())
epoch_flops = 3 * image_flops * len(x_train) + image_flops * len(x_val) * SEGMENTS_PER_EPOCH
floor_seconds = epoch_flops / matmul_flops
print(f"mnożenie macierzy: {matmul_flops / 1e9:.0f} GFLOP/s; obraz w przód: {image_flops / 1e6:.1f} MFLOP")
print(f"epoka (uczenie i {SEGMENTS_PER_EPOCH} walidacje): {epoch_flops / 1e12:.2f} TFLOP, "
      f"czyli co najmniej {floor_seconds:.1f} s")

# %% [markdown] slideshow={"slide_type": "notes"}
# Przejdź rachunek: obraz w przód to ok. 24 mln działań, z czego ok. 89% zabiera drugi
# splot (24·24·64 pól, każde z oknem 3×3×32). Uczenie to w przód i wstecz, razem ok. 3 razy
# tyle, a walidacja tylko w przód. Daj chwilę na odpowiedź: czy prawdziwa epoka może być szybsza od tej
# granicy? (Raczej nie: mnożenie dużych macierzy to najszybsze, co ten procesor liczy w float32.
# Granica zakłada jednak splot liczony wprost; algorytmy takie jak Winograda potrzebują mniej
# mnożeń, więc to granica przybliżona.)

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Uczenie obu przepisów: Adadelta dostaje dwa razy więcej czasu
#
# Najpierw nasz przepis; potem przykład Keras dostaje dwa razy tyle sekund, ile nasz potrzebował
# do 0,991 na zbiorze walidacyjnym.

# %%
TARGET_ACCURACY = 0.991  # próg dokładności walidacyjnej, do którego mierzymy czas uczenia
EPOCHS = 1 if FAST else 3  # najwyżej; uczenie kończy się po przekroczeniu progu walidacyjnego
keras.utils.set_random_seed(42)
ours = ValidationClock(stop_at=TARGET_ACCURACY)
adam = keras.optimizers.Adam(one_cycle(PEAK_RATE, EPOCHS * SEGMENTS_PER_EPOCH * segment_steps(128)))
model, history = train(mnist_cnn(), adam, 128, EPOCHS, ours)
budget = ours.seconds_to(TARGET_ACCURACY) or ours.log[-1][0]
keras.utils.set_random_seed(42)
keras_clock = ValidationClock(budget=2 * budget)  # Adadelta: dwa razy tyle czasu
keras_model, _ = train(mnist_cnn(), keras.optimizers.Adadelta(learning_rate=1.0), 128, 100, keras_clock)

# %% [markdown] slideshow={"slide_type": "notes"}
# Zegar zatrzymuje nasz przepis, gdy dokładność walidacyjna osiągnie 0,991; Adadelta dostaje
# dwa razy tyle sekund. Jej dokładność odczytujemy w pomiarze najbliższym naszemu czasowi (tu 122 s
# wobec 119 s, po tej samej liczbie kroków) i najbliższym dwukrotności (248 s wobec 2 · 119 = 238 s). Zegar sprawdza
# budżet co pół epoki, więc Adadelta kończy nieco po nim; nadwyżka działa na jej korzyść. Oba
# przepisy liczą tę samą sieć na wsadach po 128 obrazów, więc krok kosztuje tyle samo, a równy
# czas to prawie równa liczba kroków. Zapytaj salę: dlaczego porównujemy w sekundach, a nie
# w epokach? (Na wynik czeka człowiek; przy innym wsadzie albo innej sieci epoka kosztowałaby
# inaczej.)

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Dokładność walidacyjna co pół epoki
#
# Czas liczony od początku uczenia, razem z walidacjami.

# %% jupyter={"source_hidden": true} tags=["hide-input"]
epoch_seconds = ours.log[-1][0] / (len(ours.log) / SEGMENTS_PER_EPOCH)
print(f"nasza epoka: {epoch_seconds:.1f} s, granica: {floor_seconds:.1f} s "
      f"({epoch_seconds / floor_seconds:.1f} raza więcej)")
print(f"{'epoki':>6}{'sekundy':>9}{'Adam, nasz':>11}{'sekundy':>9}{'Adadelta':>11}")
for i, pair in enumerate(zip_longest(ours.log, keras_clock.log)):
    cells = "".join(f"{s:>9.0f}{a:>11.4f}" if s else f"{'':>20}" for s, a in [e or (0, 0) for e in pair])
    print(f"{(i + 1) / SEGMENTS_PER_EPOCH:>6.1f}{cells}")

# %% [markdown] slideshow={"slide_type": "notes"}
# Pierwszy wiersz: nasza epoka trwała średnio 59,4 s, a dolna granica z pomiaru mnożenia macierzy w tym
# samym uruchomieniu to 36,6 s. Granica zależy od jednego krótkiego pomiaru szybkości mnożenia
# macierzy, który na współdzielonym komputerze bywa zmienny, więc traktuj ją orientacyjnie. Nasz
# przepis przekroczył 0,991 po 2,0 epoki (119 s), przed końcem zaplanowanych 3 epok. Adadelta od 2
# do 3,5 epoki stała w miejscu (0,9887–0,9892), po 4 epokach doszła do 0,9905 i nawet w dwa razy
# dłuższym budżecie progu nie przekroczyła. Pytanie do sali: ile to obrazów walidacyjnych
# z 6000, gdy różnica dokładności wynosi 0,001? (Sześć.)

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Czas uczenia a dokładność walidacyjna

# %% slideshow={"slide_type": "skip"}
seconds_to_target = ours.seconds_to(TARGET_ACCURACY)
keras_at_budget, keras_at_twice = keras_clock.nearest(budget), keras_clock.nearest(2 * budget)
keras_to_target = keras_clock.seconds_to(TARGET_ACCURACY)

# %% jupyter={"source_hidden": true} mystnb={"image": {"alt": "Dokładność walidacyjna co pół epoki w zależności od sekund uczenia dla dwóch przepisów na tej samej sieci: Adam z naszym harmonogramem przekracza próg 0,991 po 119 s, Adadelta z przykładu Keras ma w tym samym czasie 0,9892, a w dwa razy dłuższym dochodzi do 0,9905, wciąż poniżej progu; pozioma linia przerywana to próg, pionowe kropkowane to nasz czas i jego dwukrotność."}} tags=["remove-input"]
fig, ax = plt.subplots(figsize=(6, 2.8))
for clock, marker, name in [(keras_clock, "o", "Adadelta 1,0 (przykład Keras)"), (ours, "s", "Adam, nasz przepis")]:
    ax.plot(*zip(*clock.log), marker=marker, label=name)
ax.axhline(TARGET_ACCURACY, color="gray", ls="--", lw=1, label="0,991")
for seconds in (budget, 2 * budget):
    ax.axvline(seconds, color="gray", ls=":", lw=1)
ax.set(xlabel="sekundy uczenia (z walidacją)", ylabel="dokładność walidacyjna",
       ylim=(max(0.95, min(a for _, a in keras_clock.log + ours.log) - 0.002), None),
       title="Ta sama sieć i te same dane, dokładność co pół epoki")
ax.yaxis.set_major_formatter(DECIMAL_COMMA)
ax.legend(fontsize=9, loc="lower right")
plt.show()

# %% [markdown] slideshow={"slide_type": "fragment"}
# - W 119 s (2,0 epoki) nasz przepis doszedł do 0,9915, o 3 obrazy ponad progiem 0,991.
# - Adadelta z przykładu Keras po tej samej liczbie kroków (122 s): 0,9892, o 14 obrazów mniej.
# - W ok. dwa razy dłuższym czasie (248 s, 4 epoki) Adadelta doszła do 0,9905, o 3 obrazy
#   poniżej progu.
# - Nasz przepis dobieraliśmy na tym samym zbiorze walidacyjnym, a przepisu Keras nie, więc
#   porównanie raczej nam sprzyja. Adadelta z przykładu Keras to przepis historyczny, nie
#   najsilniejszy prosty punkt odniesienia (byłby nim Adam ze stałym współczynnikiem 0,001).

# %% [markdown] slideshow={"slide_type": "notes"}
# Z tabeli na poprzednim slajdzie: nasz przepis prowadził w każdym pomiarze, w pierwszej epoce
# o 30–39 obrazów walidacyjnych, po 1,5 epoki o 13 (0,9898 wobec 0,9877), po 2 o 14.
# Porównanie zmienia naraz optymalizator i harmonogram współczynnika, więc nie wiemy, która z
# tych zmian pomaga. Zapytaj studentów: jak to rozdzielić? (Adam ze stałym współczynnikiem i Adadelta
# z naszym harmonogramem, po kilka ziaren każdy.) Mamy jedno ziarno na przepis, nasz przepis
# dobieraliśmy na tym samym zbiorze walidacyjnym i zatrzymujemy go w pierwszej chwili, która
# akurat wypadła ponad progiem, więc czas do progu jest raczej optymistyczny. W strojeniu
# (pięć harmonogramów: szczyt 0,002–0,004, długość 2–4 epoki, to samo ziarno 42 co tutaj) próg
# przekroczyły tylko harmonogramy na 3 i 4 epoki. Pokazany przebieg to zwycięzca tego strojenia,
# więc 2,0 epoki to szczęśliwy odczyt, a nie gwarancja. Adadelta w ostatniej połowie epoki zyskała 0,0018, czyli 11 obrazów, więc 3 obrazy,
# których zabrakło jej do progu, niczego nie rozstrzygają.

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Ocena na zbiorze testowym
#
# Przepis i liczbę epok ustaliliśmy wcześniej, na zbiorze walidacyjnym; teraz jeden raz
# oceniamy nasz model na zbiorze testowym.

# %%
test_probs = model.predict(x_test, batch_size=1000, verbose=0)  # jedyne przejście przez zbiór testowy
y_true, y_pred = y_test.argmax(axis=1), test_probs.argmax(axis=1)
test_accuracy = np.mean(y_pred == y_true)
test_loss = float(keras.losses.CategoricalCrossentropy()(y_test, test_probs))
print(f"zbiór testowy: dokładność {test_accuracy:.4f}, strata {test_loss:.4f}")

# %% [markdown] slideshow={"slide_type": "fragment"}
# Z tych odpowiedzi sieci korzystają dalej macierz pomyłek i przegląd błędnych cyfr; obrazy
# testowe posłużą jeszcze do map cech i do pomiaru na przesuniętych cyfrach. To analiza gotowego,
# zamrożonego modelu, a nie wybór: na jej podstawie niczego w tej sieci ani w przepisie nie
# zmieniamy, więc wynik testowy pozostaje uczciwą oceną.

# %% [markdown] slideshow={"slide_type": "notes"}
# Dokładność testowa 0,9908, strata 0,0290. O chwili zatrzymania zdecydował zbiór walidacyjny,
# więc zbiór testowy nie brał udziału w wyborze przepisu (wyjątek: ustawienia douczania na końcu
# notatnika). Niech sala odpowie: co byłoby nie tak,
# gdybyśmy zatrzymywali uczenie, patrząc na wynik testowy, który przykład Keras drukował po każdej
# epoce? (Wybralibyśmy chwilę, która akurat dobrze wypadła na teście, i wynik byłby zawyżony.)

# %% slideshow={"slide_type": "skip"} tags=["remove-cell"]
# sprawdzenie: sieć przekracza 99% dokładności testowej
assert test_accuracy > 0.80 if FAST else test_accuracy > 0.99, test_accuracy

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Krzywe uczenia
#
# Strata i dokładność co pół epoki na zbiorze uczącym i walidacyjnym (nasz przepis).

# %% jupyter={"source_hidden": true} mystnb={"image": {"alt": "Krzywe uczenia sieci splotowej na MNIST z naszym przepisem co pół epoki: po lewej strata, po prawej dokładność, osobno dla zbioru uczącego i walidacyjnego; dokładność walidacyjna rośnie w każdym pomiarze, od 0,9833 po pół epoki do 0,9915 po 2 epokach."}} tags=["remove-input"]
fig, axes = plt.subplots(1, 2, figsize=(7, 2.6))
epochs_axis = np.arange(1, len(history["loss"]) + 1) / SEGMENTS_PER_EPOCH
for ax, metric, name in zip(axes, ["loss", "accuracy"], ["strata", "dokładność"]):
    ax.plot(epochs_axis, history[metric], "o-", label="zbiór uczący")
    ax.plot(epochs_axis, history[f"val_{metric}"], "s--", label="zbiór walidacyjny")
    ax.set(xlabel="epoka", title=name, xticks=epochs_axis)
    ax.xaxis.set_major_formatter(DECIMAL_COMMA)
    ax.yaxis.set_major_formatter(DECIMAL_COMMA)
axes[1].legend()
plt.show()

# %% [markdown] slideshow={"slide_type": "notes"}
# Dokładność na zbiorze uczącym bywa niższa niż na walidacyjnym, bo w czasie uczenia działa
# *dropout*, a wynik odcinka to średnia z całego odcinka, w którym sieć dopiero się poprawiała.

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Macierz pomyłek
#
# Dla każdej pary (prawdziwa cyfra, odpowiedź sieci) liczymy cyfry testowe, które do niej trafiły.

# %%
confusion = np.bincount(10 * y_true + y_pred, minlength=100).reshape(10, 10)
errors = confusion - np.diag(np.diag(confusion))
worst_true, worst_pred = np.unravel_index(errors.argmax(), errors.shape)
print(f"Błędy: {errors.sum()} z {len(y_true)} cyfr testowych; najczęstsza pomyłka: "
      f"{worst_true} rozpoznane jako {worst_pred} ({errors.max()} razy).")

# %% [markdown] slideshow={"slide_type": "notes"}
# Sieć myli się na 92 z 10000 cyfr testowych, co odpowiada dokładności 0,9908. Najczęstsze
# pomyłki to 2 rozpoznane jako 7 i 7 rozpoznane jako 2, po 6 razy; wydruk podaje pierwszą
# z nich. Zapytaj salę: czym różnią się te dwie cyfry pisane
# odręcznie i który fragment cyfry sieć musi tu dobrze rozpoznać?

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Macierz pomyłek na rysunku
#
# Wiersze to prawdziwe cyfry, kolumny — odpowiedzi sieci; poza przekątną są pomyłki.

# %% jupyter={"source_hidden": true} mystnb={"image": {"alt": "Macierz pomyłek 10 na 10 dla cyfr testowych: prawie wszystkie przykłady leżą na przekątnej, poza nią są pojedyncze pomyłki; w każdej komórce wpisana liczba przykładów."}} tags=["remove-input"]
fig, ax = plt.subplots(figsize=(4.2, 4.2))
ax.imshow(np.log1p(confusion), cmap="Blues")
for (r, c), count in np.ndenumerate(confusion):
    color = "white" if r == c else "black"
    ax.text(c, r, count, ha="center", va="center", fontsize=7, color=color)
ax.set(xticks=range(10), yticks=range(10), xlabel="odpowiedź sieci", ylabel="prawdziwa cyfra")
plt.show()

# %% [markdown] slideshow={"slide_type": "notes"}
# Wskaż przekątną: tam są poprawnie rozpoznane cyfry; poza nią stoją tylko liczby jednocyfrowe.
# Największa z nich, 6, stoi w dwóch komórkach: w wierszu 2 i kolumnie 7 (pomyłka z wydruku) oraz
# w wierszu 7 i kolumnie 2. Zatrzymaj się na pytaniu: czy macierz jest symetryczna? Porównajcie
# komórki (2, 7) i (7, 2): po 6, oraz (5, 3) i (3, 5): 4 wobec 1. (Przy tak małych liczbach nie da
# się tego rozstrzygnąć: 4 wobec 1 wypada przy symetrii mniej więcej w co trzecim losowaniu.)

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Gdzie sieć się myli
#
# Pierwsze źle rozpoznane cyfry testowe: część z nich trudno odczytać także człowiekowi.

# %% jupyter={"source_hidden": true} mystnb={"image": {"alt": "Siatka do dwunastu źle rozpoznanych cyfr testowych; nad każdą prawdziwa etykieta i odpowiedź sieci. Wiele z nich jest nietypowo napisanych lub niewyraźnych."}} tags=["remove-input"]
wrong = np.flatnonzero(y_pred != y_true)[:12]
fig, axes = plt.subplots(2, 6, figsize=(7, 3))
for ax in axes.flat:
    ax.axis("off")
for ax, idx in zip(axes.flat, wrong):
    ax.imshow(x_test[idx, :, :, 0], cmap="gray_r")
    ax.set_title(f"prawda {y_true[idx]}\nsieć {y_pred[idx]}", fontsize=9)
plt.show()

# %% [markdown] slideshow={"slide_type": "notes"}
# To pierwsze źle rozpoznane cyfry testowe, a nie starannie wybrane przykłady. Pokaż w górnym
# rzędzie dwójkę wziętą za siódemkę, a w dolnym siódemkę wziętą za dwójkę: to dwie pomyłki,
# które w macierzy zdarzały się najczęściej. Do dyskusji: które z tych pomyłek wy też byście
# popełnili, a które
# są prawdziwymi błędami sieci?

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Filtry pierwszej warstwy
#
# 32 jądra 3×3 wyuczone przez pierwszą warstwę splotową (czerwone wagi dodatnie, niebieskie
# ujemne). Część z nich przechodzi od czerwieni do błękitu w jednym kierunku, jak jądra Sobela.

# %% jupyter={"source_hidden": true} mystnb={"image": {"alt": "Trzydzieści dwa wyuczone jądra 3 na 3 pierwszej warstwy splotowej w siatce 4 na 8, wagi dodatnie na czerwono, ujemne na niebiesko; część z nich przechodzi od czerwieni do błękitu w jednym kierunku, jak detektory krawędzi."}} tags=["remove-input"]
filters = model.layers[0].get_weights()[0][:, :, 0, :]  # (3, 3, 32)
limit = np.abs(filters).max()
fig, axes = plt.subplots(4, 8, figsize=(6, 3.2))
for ax, index in zip(axes.flat, range(filters.shape[-1])):
    ax.imshow(filters[:, :, index], cmap="bwr", vmin=-limit, vmax=limit)
    ax.set(xticks=[], yticks=[])
plt.show()

# %% [markdown] slideshow={"slide_type": "notes"}
# Jądro 3×3 to tylko 9 liczb, więc nie widać w nim tak wyraźnych wzorów jak w jądrach 11×11
# sieci Krizhevsky'ego; co robią filtry, lepiej widać na mapach cech, które tworzą.

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Mapy cech pierwszej warstwy
#
# Model pomocniczy o tym samym wejściu zwraca wyjście pierwszej warstwy: 32 mapy cech 26×26
# dla jednej cyfry testowej.

# %%
first_layer = keras.Model(model.inputs, model.layers[0].output)
feature_maps = first_layer.predict(x_test[:1], verbose=0)[0]
print(f"wejście {x_test[0].shape} → mapy cech {feature_maps.shape}, cyfra {y_true[0]}")

# %% jupyter={"source_hidden": true} mystnb={"image": {"alt": "Trzydzieści dwie mapy cech pierwszej warstwy dla cyfry testowej 7 w siatce 4 na 8: każda pokazuje tę samą siódemkę, ale podkreśla inne jej fragmenty, np. krawędzie górne, dolne, lewe lub prawe kreski."}} tags=["remove-input"]
fig, axes = plt.subplots(4, 8, figsize=(7, 3.8))
for ax, index in zip(axes.flat, range(feature_maps.shape[-1])):
    ax.imshow(feature_maps[:, :, index], cmap="magma")
    ax.set(xticks=[], yticks=[])
plt.show()

# %% [markdown] slideshow={"slide_type": "notes"}
# Wydruk potwierdza kształty: wejście (28, 28, 1) daje 32 mapy cech 26×26 dla cyfry 7. Na rysunku
# każda mapa pokazuje tę samą siódemkę, ale podkreśla inne jej fragmenty: jedne górną belkę, inne
# lewą lub prawą krawędź kreski. Sprawdź, czy sala wie: dlaczego mapy mają 26×26, a nie 28×28 pikseli?
# (Splot 3×3 bez wypełnienia.)

# %% [markdown] slideshow={"slide_type": "slide"} tags=["optional"]
# ## Czy sieć splotowa nie zwraca uwagi na położenie?
#
# - Przesuwamy cyfry testowe o 1, 2 i 3 piksele w prawo, w lewo, w górę i w dół (z zerami
#   na odsłoniętym brzegu) i mierzymy dokładność obu sieci, uśrednioną po czterech kierunkach.
# - Dla porównania: sieć gęsta (784 → 512 → 512 → 10, *dropout* 0,2), uczona na tych samych danych
#   przez tyle samo epok (2), Adamem z tym samym szczytem współczynnika, ale z harmonogramem
#   rozpisanym na te 2 epoki (CNN przerwaliśmy po 2 z zaplanowanych 3). Żadnej z nich nie pokazywaliśmy przesuniętych
#   cyfr.

# %% slideshow={"slide_type": "skip"}
def dense_network():
    """Sieć w pełni połączona: dwie warstwy ukryte po 512 neuronów z dropoutem."""
    return keras.Sequential([keras.Input(shape=(28, 28, 1)), layers.Flatten(),
                             layers.Dense(512, activation="relu"), layers.Dropout(0.2),
                             layers.Dense(512, activation="relu"), layers.Dropout(0.2),
                             layers.Dense(10, activation="softmax")])


def shifted(images, pixels):
    """Cztery kopie obrazów przesunięte o pixels w prawo, w lewo, w dół i w górę."""
    n, p = images.shape[1], pixels
    padded = np.pad(images, ((0, 0), (p, p), (p, p), (0, 0)))
    return [padded[:, p:p + n, :n], padded[:, p:p + n, 2 * p:2 * p + n],
            padded[:, :n, p:p + n], padded[:, 2 * p:2 * p + n, p:p + n]]


def shift_accuracy(net, pixels):
    """Dokładność testowa na cyfrach przesuniętych o pixels, średnia z czterech kierunków."""
    images = [x_test] if pixels == 0 else shifted(x_test, pixels)
    return np.mean([net.evaluate(x, y_test, batch_size=1000, verbose=0)[1] for x in images])


def our_recipe(net, epochs):
    """Uczy sieć naszym przepisem (Adam, wzrost i kosinusowy spadek współczynnika, wsad 128)."""
    total_steps = int(epochs * SEGMENTS_PER_EPOCH) * segment_steps(128)
    return train(net, keras.optimizers.Adam(one_cycle(PEAK_RATE, total_steps)), 128, epochs)[0]


# %% slideshow={"slide_type": "skip"}
keras.utils.set_random_seed(42)
dense_model = our_recipe(dense_network(), len(ours.log) / SEGMENTS_PER_EPOCH)  # tyle epok co CNN

# %% jupyter={"source_hidden": true} tags=["hide-input"]
shifts = [0, 1, 2, 3]
shift_table = {"CNN": [test_accuracy] + [shift_accuracy(model, k) for k in shifts[1:]],  # 0: z oceny testowej
               "sieć gęsta": [shift_accuracy(dense_model, k) for k in shifts]}
print(f"{'przesunięcie [px]':<20}" + "".join(f"{k:>8}" for k in shifts))
for name, accuracies in shift_table.items():
    print(f"{name:<20}" + "".join(f"{a:>8.4f}" for a in accuracies))

# %% [markdown] slideshow={"slide_type": "notes"}
# Zanim omówisz tabelę pod punktami, zapytaj salę: która sieć bardziej straci na przesunięciu
# cyfr o 3 piksele, i o ile? Tabela podaje dokładność testową przy przesunięciu o 0–3 piksele: CNN
# spada z 0,9908 do 0,7631, sieć gęsta z 0,9792 do 0,5177. Obie sieci uczyły się na tych samych
# danych przez tyle samo epok, 2, i żadna nie widziała przesuniętych cyfr. Sieć gęsta miała
# harmonogram rozpisany na te 2 epoki, a CNN przerwaliśmy po 2 z zaplanowanych 3. Przepis
# dobieraliśmy dla CNN, nie dla sieci gęstej, i bez przesunięcia jest ona o 0,0116 słabsza; ale
# przy 3 pikselach traci 0,4615, a CNN 0,2277, więc różnica w odporności jest wielokrotnie
# większa niż różnica na starcie.

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Dokładność a przesunięcie

# %% jupyter={"source_hidden": true} mystnb={"image": {"alt": "Wykres dokładności testowej w zależności od przesunięcia cyfr o 0, 1, 2 i 3 piksele: sieć splotowa spada z 0,9908 do 0,7631, sieć gęsta z 0,9792 do 0,5177."}} tags=["remove-input"]
fig, ax = plt.subplots(figsize=(5, 2.8))
for (name, accuracies), marker in zip(shift_table.items(), "os"):
    ax.plot(shifts, accuracies, marker=marker, label=name)
ax.set(xlabel="przesunięcie [piksele]", ylabel="dokładność testowa", xticks=shifts,
       title="Cyfry testowe przesunięte w czterech kierunkach")
ax.yaxis.set_major_formatter(DECIMAL_COMMA)
ax.legend(fontsize=9)
plt.show()

# %% [markdown] slideshow={"slide_type": "fragment"}
# - Przy 1 pikselu obu sieciom przybywa błędów (CNN: z 0,9908 do 0,9822, sieć gęsta: z 0,9792 do
#   0,9566).
# - Od 2 pikseli różnica wyraźnie rośnie: 0,9295 wobec 0,8034, a przy 3: 0,7631 wobec 0,5177.
# - Sieć splotowa jest odporniejsza, ale nie obojętna na położenie. Gdzie ta wrażliwość
#   powstaje i czy można ją zmniejszyć, sprawdzamy na następnych slajdach.

# %% [markdown] slideshow={"slide_type": "notes"}
# Pokaż, że odstęp między krzywymi rośnie z przesunięciem, najwyraźniej od 2 pikseli. Mamy jedno
# ziarno na sieć, więc porównujemy tylko duże różnice, takie jak 0,7631 wobec 0,5177. Zapytaj
# salę: która warstwa naszej sieci może być wrażliwa na położenie, skoro splot wszędzie stosuje
# te same wagi?

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Ekwiwariantność i niezmienniczość
#
# - **Ekwiwariantność** (*equivariance*): przesunięta cyfra daje tak samo przesuniętą mapę
#   cech. Splot ją ma, z dala od brzegów.
# - **Niezmienniczość** (*invariance*): wynik nie zmienia się przy przesunięciu. *Max-pooling*
#   2×2 daje ją tylko w przybliżeniu, w obrębie swojego okna.

# %% [markdown] slideshow={"slide_type": "notes"}
# Splot i ReLU przesuwają mapę razem z cyfrą, bo w każdym polu liczą to samo na tym samym
# oknie. *Max-pooling* z krokiem 2 przy przesunięciu o parzystą liczbę pikseli przesuwa mapę
# o połowę: 2 piksele to jedno pole; przy 1 albo 3 pikselach maksima częściowo zmieniają okna.
# Zapytaj salę, która warstwa naszej sieci nie ma żadnej z tych własności. (Warstwa gęsta po
# `Flatten`: ma osobną wagę dla każdego pola mapy.)

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Gdzie sieć gubi przesunięcie?
#
# Cyfry testowe przesunięte o 2 piksele: mapy po *max-poolingu* przesuwają się wtedy o jedno
# pole. Cofamy je o to pole przed `Flatten`.

# %%
to_flatten = keras.Sequential(model.layers[:3])  # dwa sploty i max-pooling wyuczonej sieci
after_flatten = keras.Sequential(model.layers[3:])  # dropout (w przewidywaniu wyłączony), Flatten, Dense
moves = [(1, 2), (-1, 2), (1, 1), (-1, 1)]  # o 1 pole w prawo, w lewo, w dół, w górę: (krok, oś)
moved_back = []
for x, (step, axis) in zip(shifted(x_test, 2), moves):
    maps = np.roll(to_flatten.predict(x, batch_size=1000, verbose=0), -step, axis)
    moved_back.append(np.mean(after_flatten.predict(maps, batch_size=1000, verbose=0).argmax(1) == y_true))
print(f"cyfry przesunięte o 2 piksele: {shift_table['CNN'][2]:.4f}; "
      f"ich mapy cofnięte o 1 pole przed Flatten: {np.mean(moved_back):.4f}")

# %% [markdown] slideshow={"slide_type": "fragment"}
# - Dokładność spada z 0,9908 do 0,9295, ale gdy przed `Flatten` cofniemy mapy o jedno pole,
#   wraca do 0,9902.
# - Sploty zachowały więc informację o cyfrze; gubi ją warstwa gęsta, która ma osobną wagę dla
#   każdego pola mapy.

# %% [markdown] slideshow={"slide_type": "notes"}
# Cofnięcie `np.roll` przywraca mapę poza jedną kolumną albo wierszem na brzegu: tam trafia to, co wypadło z drugiej
# strony, a kawałek cyfry przy samym brzegu obrazu przesunięcie obcięło. Reszta różnicy do
# 0,9908 to 6 cyfr z 10000, mniej niż błąd losowy (ok. 10 cyfr); może pochodzić z tego brzegu,
# ale tego nie rozstrzygamy. Daj chwilę na odpowiedź: co dałaby średnia z każdej mapy (*global average pooling*, GAP) zamiast
# `Flatten`? (Średnia z mapy przesuniętej o jedno pole prawie się nie zmienia, poza brzegiem, więc
# warstwa gęsta dostałaby prawie te same liczby; ale sieć nie wie wtedy, gdzie cecha wystąpiła. Jak
# taka sieć wypada w dokładności, tu nie mierzymy.)

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Czy niezmienniczości można nauczyć?
#
# Dwie kopie wyuczonej sieci douczamy (uczymy dalej) przez tyle samo kroków (ćwierć epoki, Adam
# ze współczynnikiem uczenia 0,0003):
# - **bez przesunięć**: na tych samych cyfrach co dotąd;
# - **z przesunięciami**: na cyfrach losowo przesuniętych o najwyżej 3 piksele, także o ułamki
#   piksela (`RandomTranslation`; rozszerzanie danych, *data augmentation*).

# %% slideshow={"slide_type": "skip"}
FINE_TUNE_STEPS = 10 if FAST else 105  # ok. ćwierć epoki po 128 obrazów


def fine_tuned(augment):
    """Kopia wyuczonej sieci uczona dalej przez FINE_TUNE_STEPS kroków, z przesunięciami albo bez."""
    keras.utils.set_random_seed(42)
    net = keras.models.clone_model(model)
    net.set_weights(model.get_weights())
    if augment:
        shift = layers.RandomTranslation(3 / 28, 3 / 28, fill_mode="constant")  # działa tylko w uczeniu
        net = keras.Sequential([keras.Input(shape=(28, 28, 1)), shift, *net.layers])
    net.compile(loss="categorical_crossentropy", optimizer=keras.optimizers.Adam(3e-4), metrics=["accuracy"])
    net.fit(batches(x_train, y_train, 128), steps_per_epoch=FINE_TUNE_STEPS, shuffle=False, verbose=0)
    return net


# %%
tuned = {name: fine_tuned(augment) for name, augment in [("bez przesunięć", False), ("z przesunięciami", True)]}
tuned_table = {name: [shift_accuracy(net, k) for k in (0, 3)] for name, net in tuned.items()}

# %% [markdown] slideshow={"slide_type": "notes"}
# Obie kopie startują z tych samych wag, dostają to samo ziarno i tę samą liczbę kroków; różnią
# się tylko tym, czy cyfry w uczeniu są przesuwane. Kopia bez przesunięć to kontrola: pokazuje,
# ile daje samo dłuższe uczenie. Pytanie do sali: czego spodziewacie się po każdej z nich przy
# przesunięciu o 3 piksele?

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Dokładność po douczaniu
#
# Dokładność testowa, przy przesunięciu średnia z czterech kierunków.

# %% jupyter={"source_hidden": true} tags=["hide-input"]
print(f"{'dalsze uczenie':<20}{'bez przesunięcia':>18}{'3 piksele':>11}")
print(f"{'(przed nim)':<20}{shift_table['CNN'][0]:>18.4f}{shift_table['CNN'][3]:>11.4f}")
for name, (plain, moved) in tuned_table.items():
    print(f"{name:<20}{plain:>18.4f}{moved:>11.4f}")

# %% [markdown] slideshow={"slide_type": "fragment"}
# - Ćwierć epoki na przesuniętych cyfrach podniosła dokładność przy 3 pikselach z 0,7631 do
#   0,8814; tyle samo kroków bez przesunięć dało 0,7692.
# - Bez przesunięcia obie kopie mają 0,9913 i 0,9900, prawie tyle co przed douczaniem (0,9908).
# - Część odporności sieć nauczyła się z danych w ćwierć epoki, ale przy 3 pikselach wciąż myli
#   się ok. 12 razy częściej niż bez przesunięcia.

# %% [markdown] slideshow={"slide_type": "notes"}
# Rozszerzanie danych nie zmienia sieci: te same warstwy i ten sam budżet, a przy 3 pikselach
# dokładność rośnie o ok. 0,11 względem kopii douczanej tyle samo bez przesunięć (0,8814 wobec
# 0,7692). Mierzyliśmy na przesunięciach, jakie sieć widziała w uczeniu,
# więc o większych ten pomiar nic nie mówi. Mamy jedno ziarno; różnica bez przesunięcia
# (0,9913 wobec 0,9900) to 13 cyfr z 10000, a sam błąd losowy dokładności ok. 0,99 na 10000 cyfr
# to ok. 0,001, czyli 10 cyfr, więc jej nie rozstrzygamy; przy 3 pikselach różnica jest
# kilkadziesiąt razy większa. Uczciwie: ustawienia douczania (współczynnik 0,0003, ćwierć epoki)
# wybraliśmy z trzech prób, patrząc na te same przesunięte cyfry testowe; porządniej byłoby
# wybierać na walidacyjnych, więc zysk 0,11 traktuj jako przybliżony. Zapytaj studentów: jakie
# inne przekształcenia cyfr warto by pokazać sieci w uczeniu? (Obroty o kilka stopni, pochylenie, grubość kreski.)

# %% slideshow={"slide_type": "skip"} tags=["remove-cell"]
# sprawdzenie: cofnięcie map przed Flatten pomaga, uczenie na przesunięciach też
assert np.mean(moved_back) > shift_table["CNN"][2], (moved_back, shift_table["CNN"])
assert FAST or tuned_table["z przesunięciami"][1] > tuned_table["bez przesunięć"][1] + 0.05, tuned_table

# %% [markdown] slideshow={"slide_type": "slide"} tags=["optional"]
# ## Ćwiczenia
#
# Rozwiązania są w notatniku i na stronie, zwinięte pod każdym zadaniem.

# %% [markdown] slideshow={"slide_type": "fragment"}
# **Ćwiczenie 1.** Wstaw do naszej sieci warstwę `MaxPooling2D((2, 2))` zaraz po pierwszej
# warstwie splotowej. O ile zmaleje liczba parametrów i która warstwa na tym zyska?
# Policz najpierw na kartce, potem sprawdź `count_params()`.

# %% cellView="form" jupyter={"source_hidden": true} mystnb={"image": {"alt": "Rozwiązanie ćwiczenia 1: schemat wariantu sieci, w którym splot i max-pooling występują na przemian: wejście 28×28×1, splot 26×26×32, pooling 13×13×32, splot 11×11×64, pooling 5×5×64, wektor 1600, warstwa gęsta 128 i wyjście 10."}} slideshow={"slide_type": "skip"} tags=["hide-input"]
# @title Rozwiązanie
fresh = [type(layer).from_config(layer.get_config()) for layer in model.layers]
variant = keras.Sequential([keras.Input(shape=(28, 28, 1)), fresh[0],
                           layers.MaxPooling2D((2, 2)), *fresh[1:]])
for name, net in [("oryginał", model), ("z dodatkowym poolingiem", variant)]:
    dense = next(layer for layer in net.layers if isinstance(layer, layers.Dense))
    print(f"{name}: {plural(net.count_params(), 'parametr', 'parametry', 'parametrów')}, "
          f"w tym pierwsza Dense: {dense.count_params()}")
# Zyskuje pierwsza warstwa gęsta: Flatten daje 5·5·64 = 1600 zamiast 12·12·64 = 9216 wartości.
draw_network(variant, "Wariant z ćwiczenia 1: splot → pooling → splot → pooling")

# %% [markdown] slideshow={"slide_type": "fragment"}
# **Ćwiczenie 2.** Na wejściu jest kolorowy obraz 32×32×3. Ile parametrów ma warstwa
# `Conv2D(16, (5, 5), strides=2, padding="same")` i jaki kształt ma jej wyjście? Policz ze
# wzorów z części o kanałach i o kroku, potem sprawdź w Kerasie.

# %% cellView="form" jupyter={"source_hidden": true} slideshow={"slide_type": "skip"} tags=["hide-input"]
# @title Rozwiązanie
rgb_conv = layers.Conv2D(16, (5, 5), strides=2, padding="same")
rgb_conv.build((None, 32, 32, 3))
side = output_size(32, 5, 2, "same")
print(f"parametry: wzór {conv_param_count(5, 3, 16)}, Keras {rgb_conv.count_params()}")
print(f"wyjście: wzór {side}×{side}×16, Keras {rgb_conv.compute_output_shape((1, 32, 32, 3))[1:]}")
# (5·5·3 + 1)·16 = 1216 parametrów; krok 2 z wypełnieniem daje ⌈32/2⌉ = 16 pól w każdym kierunku.

# %% [markdown] slideshow={"slide_type": "fragment"}
# **Ćwiczenie 3.** Przyłóż do tej samej piątki jądro krawędzi ukośnych
# $\begin{bmatrix} 2 & 1 & 0 \\ 1 & 0 & -1 \\ 0 & -1 & -2 \end{bmatrix}$ i jądro rozmywające
# (średnia z okna 3×3). Co podkreśla każde z nich?

# %% cellView="form" jupyter={"source_hidden": true} mystnb={"image": {"alt": "Rozwiązanie ćwiczenia 3: piątka po filtrze krawędzi ukośnych, który podkreśla skośne fragmenty kreski, i po filtrze rozmywającym, który daje miękką, rozmytą cyfrę."}} slideshow={"slide_type": "skip"} tags=["hide-input"]
# @title Rozwiązanie
diagonal = np.array([[2, 1, 0], [1, 0, -1], [0, -1, -2]])
blur = np.ones((3, 3)) / 9
fig, axes = plt.subplots(1, 2, figsize=(4.8, 2.6))
panels = [(diagonal, "bwr", "krawędzie ukośne"), (blur, "gray_r", "rozmycie")]
for ax, (kernel_3x3, cmap, title) in zip(axes, panels):
    ax.imshow(correlate2d(digit, kernel_3x3, mode="valid"), cmap=cmap)
    ax.set(xticks=[], yticks=[], title=title)
plt.show()
# Filtr ukośny najsilniej reaguje na krawędzie biegnące jak „/”, niewiele słabiej na poziome
# i pionowe, a krawędzi „\” nie widzi; rozmycie wygładza cyfrę.

# %% [markdown] slideshow={"slide_type": "notes"}
# Daj sali kilka minut na ćwiczenie 1 na kartce; podpowiedz, że zmienia się tylko liczba wartości
# po spłaszczeniu. Rozwiązanie: sieć maleje z 1199882 do 225034 parametrów, bo pierwsza warstwa
# gęsta dostaje 1600 zamiast 9216 wartości. W ćwiczeniu 2 wychodzi 1216 parametrów i wyjście
# 16×16×16; zapytaj salę, dlaczego krok 2 z wypełnieniem daje dokładnie połowę boku. Ćwiczenie 3
# najlepiej pokazać na żywo: filtr ukośny podkreśla skośne fragmenty kreski, a rozmycie daje
# miękką, rozmytą cyfrę.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Podsumowanie
#
# W tym notatniku:
# - zamieniliśmy warstwę w pełni połączoną na kopie małej sieci A o wspólnych wagach —
#   warstwę splotową, w jednym i dwóch wymiarach, i znaleźliśmy nią głos w nagraniu;
# - policzyliśmy splot jądrem 3×3 ręcznie i sprawdziliśmy, że Keras liczy korelację wzajemną;
# - sprawdziliśmy w Kerasie wzory na rozmiar mapy (wypełnienie, krok), pole recepcyjne
#   i liczbę parametrów warstwy z wieloma kanałami;
# - zobaczyliśmy, że filtry wykrywają krawędzie, a *max-pooling* zmniejsza mapy cech;
# - nauczyliśmy sieć splotową rozpoznawać cyfry MNIST (dokładność testowa 0,9908); po tym samym
#   czasie (2 epoki) nasz przepis miał 0,9915 na zbiorze walidacyjnym, a Adadelta z przykładu
#   Keras 0,9892, o 14 obrazów z 6000 mniej: przy jednym ziarnie to wskazówka, a nie rozstrzygnięcie;
# - zmierzyliśmy, że sieć splotowa znosi przesunięcie lepiej niż sieć gęsta, ale
#   wrażliwość na przesunięcie wnosi dopiero warstwa gęsta po `Flatten`, która ma osobną wagę
#   dla każdego pola mapy; douczanie na przesuniętych cyfrach podniosło
#   dokładność przy 3 pikselach z 0,7631 do 0,8814 (kontrola bez przesunięć: 0,7692).

# %% [markdown] slideshow={"slide_type": "notes"}
# Przejdź szybko po punktach i przy każdym przypomnij jeden obraz z wykładu: głos znaleziony w
# nagraniu, sumę 88, maksima 6, 5, 7 i 8, dokładność testową 0,9908 i spadek do 0,7631 przy
# przesunięciu o 3 piksele. Potem odsłoń trzy rzeczy do zapamiętania i poproś, żeby każdy zapisał
# je własnymi słowami. Niech sala odpowie: która z tych rzeczy najbardziej was zaskoczyła?

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Trzy rzeczy do zapamiętania
#
# - splot to jedno małe jądro o wspólnych wagach, przesuwane po wejściu;
# - kolejne sploty i *pooling* poszerzają pole recepcyjne;
# - odporności na przesunięcie nie zakładamy, tylko ją mierzymy.

# %% [markdown] slideshow={"slide_type": "notes"}
# Przeczytaj trzy punkty na głos i przy każdym wskaż slajd, z którego pochodzi. Zapytaj salę:
# „Który z tych punktów najtrudniej byłoby wam wyjaśnić koledze?” i wróć krótko do tego
# miejsca. To też dobra chwila na pytania przed następnym tematem.

# %% [markdown] slideshow={"slide_type": "skip"} tags=["remove-cell"]
# Najważniejsze liczby notatnika, po jednej w wierszu (czyta je strona główna kursu):

# %% slideshow={"slide_type": "skip"} tags=["remove-cell"]
def or_none(value, digits):
    """Liczba zaokrąglona do digits miejsc albo „brak”, gdy progu nie osiągnięto."""
    return "brak" if value is None else f"{value:.{digits}f}"


epochs_to_target = next((i + 1 for i, (_, acc) in enumerate(ours.log) if acc >= TARGET_ACCURACY - 1e-6), None)
print(f"cnn_test_accuracy: {test_accuracy:.4f}")
print(f"cnn_test_loss: {test_loss:.4f}")
print(f"cnn_epochs: {len(ours.log) / SEGMENTS_PER_EPOCH:.1f}")
print(f"cnn_train_samples: {len(x_train)}")
print(f"cnn_val_samples: {len(x_val)}")
print(f"matmul_gflops: {matmul_flops / 1e9:.0f}")
print(f"cnn_floor_seconds_per_epoch: {floor_seconds:.1f}")
print(f"cnn_seconds_per_epoch: {epoch_seconds:.1f}")
print(f"cnn_epoch_over_floor: {epoch_seconds / floor_seconds:.1f}")
print(f"cnn_epochs_to_0991: {or_none(epochs_to_target and epochs_to_target / SEGMENTS_PER_EPOCH, 1)}")
print(f"cnn_seconds_to_0991: {or_none(seconds_to_target, 1)}")
print(f"adadelta_seconds_at_equal_time: {keras_at_budget[0]:.1f}")
print(f"adadelta_accuracy_at_equal_time: {keras_at_budget[1]:.4f}")
print(f"adadelta_seconds_at_twice_time: {keras_at_twice[0]:.1f}")
print(f"adadelta_accuracy_at_twice_time: {keras_at_twice[1]:.4f}")
print(f"adadelta_seconds_to_0991: {or_none(keras_to_target, 1)}")
print(f"dense_test_accuracy: {shift_table['sieć gęsta'][0]:.4f}")
print(f"cnn_shift2_accuracy: {shift_table['CNN'][2]:.4f}")
print(f"dense_shift2_accuracy: {shift_table['sieć gęsta'][2]:.4f}")
print(f"cnn_shift3_accuracy: {shift_table['CNN'][3]:.4f}")
print(f"dense_shift3_accuracy: {shift_table['sieć gęsta'][3]:.4f}")
print(f"cnn_shift2_maps_moved_back_accuracy: {np.mean(moved_back):.4f}")
print(f"cnn_tuned_shift3_accuracy: {tuned_table['bez przesunięć'][1]:.4f}")
print(f"cnn_augmented_test_accuracy: {tuned_table['z przesunięciami'][0]:.4f}")
print(f"cnn_augmented_shift3_accuracy: {tuned_table['z przesunięciami'][1]:.4f}")
print(f"cnn_params: {model.count_params()}")
print(f"dense_params_equal_output: {dense_params}")
print(f"conv_params_3x3: {conv_params}")
print(f"fast_mode: {FAST}")
